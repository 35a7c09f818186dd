/**
 * Litmus export: a race found under `--memory weak` as a herd7 litmus test in the Linux kernel memory
 * model's C syntax, so that a kernel developer can run `herd7 -conf linux-kernel.cfg FILE` on the
 * accesses that matter (report/litmus-select.ts chooses them, report/litmus-render.ts writes them).
 * The token is replayed with an access log; the test's `exists` clause is the outcome the run produced.
 */
import { replayToken, type ReplayResult } from './replay.js';
import { selectLitmus, type LitmusProgram } from '../report/litmus-select.js';
import { renderLitmus } from '../report/litmus-render.js';
import type { Variant } from '../variants/variant.js';

/** The token's run cannot be exported (not weak memory, no violation, no conflicting accesses). */
export class LitmusExportError extends Error {
  override name = 'LitmusExportError';
}

export interface LitmusExport {
  text: string;
  program: LitmusProgram;
  variant: string;
  invariant: string;
}

/** What the variant changes, one line per removed or added line, for the test's comment. */
function editLines(v: Variant): string[] {
  return (v.edits ?? []).flatMap((e) => [
    ...e.removed.map((l) => `the variant removes from ${e.reference.name}(): ${l.trim()}`),
    ...e.added.map((l) => `the variant adds to ${e.reference.name}(): ${l.trim()}`),
  ]);
}

function headerLines(p: LitmusProgram, x: { variant: string; invariant: string; signature: string; token: string; edits: string[] }): string[] {
  const bits = p.vars.filter((v) => v.bits !== null);
  return [
    'Result: Sometimes',
    '',
    `Exported by shrinkrace from a ${x.invariant} violation of variant ${x.variant} under --memory weak.`,
    `signature: ${x.signature}`,
    `replay: npx shrinkrace replay ${x.token}`,
    ...x.edits,
    '',
    'The exists clause is the outcome that run produced: what each load returned and the final value of',
    "each word two threads wrote. shrinkrace's weak mode allows no outcome the LKMM forbids, so herd7",
    'should answer Sometimes.',
    '',
    `Threads: ${p.threads.map((t, i) => `P${i} = ${t.actor}`).join(', ')}.`,
    ...p.vars.map((v) => `${v.name}: ${v.what}${v.bits !== null ? ` (bits 0x${(v.bits >>> 0).toString(16)} only)` : ''}`),
    ...p.locks.map((l) => `${l.name}: the lock ${l.what} takes`),
    ...(p.pointers.length > 0 ? [`Pointer values are numbered: ${p.pointers.map(([n, what]) => `${n} = ${what}`).join(', ')}.`] : []),
    ...(bits.length > 0 ? [
      "herd7's kernel macros have no set_bit/clear_bit: the map word is an atomic_t, set_bit(nr) is",
      'atomic_or(1 << nr) and clear_bit(nr) atomic_and(the other bits), both unordered like the bit ops',
      '(atomic_or/atomic_and are in tools/memory-model/linux-kernel.def since 2024).',
    ] : []),
    'Left out: words only one thread touched or nobody wrote, the control flow (each thread is the',
    'straight line this run took), address dependencies (a pointer is a number here, and each word',
    'a variable of its own), RCU read-side sections, refcounts, and locks only one thread took.',
  ];
}

/** The litmus test of a token's violation; throws LitmusExportError when there is none to export. */
export async function litmusOfToken(token: string): Promise<LitmusExport> {
  return litmusOfReplay(await replayToken(token, { accesses: true }), token);
}

/** The same, from a replay made with `{ accesses: true }`. */
export function litmusOfReplay(r: ReplayResult, token: string): LitmusExport {
  if (r.accesses === undefined) throw new Error('litmusOfReplay needs a replay made with { accesses: true }');
  if (r.replay.memory !== 'weak') {
    throw new LitmusExportError(`--litmus-out exports a weak-memory race, and this token's run is under --memory ${r.replay.memory} (find one with check --memory weak)`);
  }
  const v = r.run.violation;
  if (v === null) {
    throw new LitmusExportError(`--litmus-out: the token's run ${r.run.error ? 'ends in a harness error' : 'passes'}: no violation to export`);
  }
  const p = selectLitmus(r.accesses, r.run.actorNames);
  if (p === null || p.exists.length === 0) {
    throw new LitmusExportError('--litmus-out: no two actors of this run access one word with a write among them: no race to export');
  }
  const x = { variant: r.replay.variant, invariant: v.invariant, signature: r.signature ?? v.invariant, token: token.trim(), edits: editLines(r.variant) };
  const text = renderLitmus(p, { name: `shrinkrace+${x.variant.replace(/^.*\//, '').replace(/\.[cm]?[jt]s$/, '')}+${v.invariant}`, lines: headerLines(p, x) });
  return { text, program: p, variant: x.variant, invariant: v.invariant };
}
