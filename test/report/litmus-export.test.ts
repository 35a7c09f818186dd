/**
 * Litmus export (`replay TOKEN --litmus-out FILE`, `check --memory weak --litmus-out FILE`): a weak-memory
 * race as a herd7 C litmus test of the accesses that matter.
 *
 * herd7 is not available on the developers' or CI's machines (no package of it in the registries they
 * reach; it is built with opam), so these tests do not run it. Instead: the text is checked line by
 * line against the shape of the kernel's tools/memory-model litmus tests (helpers/litmus-syntax.ts),
 * the renderer reproduces the kernel's SB+fencembonceonces exactly, and the no-mb-before-atomic export is
 * run through the project's own exhaustive litmus explorer: under --memory weak its exists clause is
 * reachable, and with the missing barrier put back it is not, which is what herd7 answers for these
 * shapes (Sometimes, then Never: the shrinker pairing rows of src/engine/litmus/shapes.ts). The
 * no-mb-after-atomic export comes from a longer trace (a producer adding, deleting and adding again):
 * too many interleavings to explore exhaustively here, so only its structure is checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { litmusOfToken, LitmusExportError, type LitmusExport } from '../../src/api/litmus-export.js';
import { replayToken } from '../../src/api/replay.js';
import { check } from '../../src/search/check.js';
import { findVariant } from '../../src/variants/registry.js';
import { decodeToken, encodeToken } from '../../src/sched/token.js';
import { explore } from '../../src/engine/litmus/explore.js';
import type { Op } from '../../src/engine/litmus/shapes.js';
import { selectLitmus, type LitmusOp, type LitmusProgram } from '../../src/report/litmus-select.js';
import { renderLitmus } from '../../src/report/litmus-render.js';
import type { AccessEvent, AccessKind, AccessLog } from '../../src/engine/access-log.js';
import { herdProblems, shapeOf } from '../helpers/litmus-syntax.js';
import { makePtr } from '../../src/model/ptr.js';
import { ARENA_NAMES } from '../../src/model/layout.js';
import { ROOT, shrinkrace, tmp } from '../helpers/cli.js';

const ev = (actor: number, kind: AccessKind, addr: number, label: string, value = 0, ptr = 0): AccessEvent => ({ actor, step: 0, kind, addr, ptr, label, value });
const fence = (actor: number, name: string): AccessEvent => ev(actor, 'fence', -1, name);
const fakeLog = (events: AccessEvent[], initial: [number, number][], final: [number, number][], pendingAtEnd = 0): AccessLog =>
  ({ events, initial: new Map(initial), final: new Map(final), pendingAtEnd }) as unknown as AccessLog;

/** list_lru_one#1 and shrinker_info_unit#1 as arena pointers, for names */
const L1 = makePtr(ARENA_NAMES.indexOf('list_lru_one'), 1, 0);
const U1 = makePtr(ARENA_NAMES.indexOf('shrinker_info_unit'), 1, 0);

describe('selection: the conflicting words, their barriers and shared locks, the observed outcome', () => {
  // producer0: nr_items = 1; set_bit(0, map)   ||   reclaimer0: clear_bit(0, map); smp_mb__after_atomic(); r = nr_items
  const events = [
    fence(0, 'smp_mb'), // before the first access that matters: left out
    ev(0, 'load', 30, 'list_lru_memcg_aware(@)', 1, L1), // a word both read and nobody writes: left out
    ev(0, 'lock', 40, 'spin_lock(&l->lock)'),
    ev(0, 'store', 10, '@->nr_items++', 1, L1),
    ev(0, 'store', 31, 'shrinker_nr_max', 4), // a word one actor touches: left out
    fence(0, 'smp_mb__before_atomic'), fence(0, 'smp_mb__before_atomic'), // repeated: once
    ev(0, 'or', 12, 'set_bit(0, @->map) [shrinker 0]', 1, U1),
    ev(0, 'unlock', 40, 'spin_unlock(&l->lock)'),
    ev(0, 'lock', 41, 'spin_lock(&inode_hash_lock)'), ev(0, 'unlock', 41, 'spin_unlock(&inode_hash_lock)'), // only one actor takes it
    fence(0, 'smp_mb'), // after the last access that matters: left out
    ev(2, 'load', 30, 'list_lru_memcg_aware(@)', 1, L1),
    ev(2, 'and', 12, 'clear_bit(0, @->map) [SHRINK_EMPTY]', ~1, U1),
    fence(2, 'smp_mb__after_atomic'),
    ev(2, 'load', 10, 'READ_ONCE(@->nr_items)', 0, L1),
    ev(2, 'lock', 40, 'spin_lock(&l->lock)'), ev(2, 'unlock', 40, 'spin_unlock(&l->lock)'), // a section with no access that matters
  ];
  // map held bits 1 and 2 of other shrinkers throughout: the test keeps bit 0 only
  const log = fakeLog(events, [[10, 0], [12, 6], [30, 1], [31, 0]], [[10, 1], [12, 6], [30, 1], [31, 4]]);
  const p = selectLitmus(log, ['producer0', 'rcu', 'reclaimer0'])!;

  it('keeps the two words two actors conflict on, named after their fields, bits masked to those the program touches', () => {
    expect(p.vars).toEqual([
      { name: 'nr_items', what: 'list_lru_one#1->nr_items', atomic: false, bits: null, init: 0 },
      { name: 'map', what: 'shrinker_info_unit#1->map', atomic: true, bits: 1, init: 0 },
    ]);
    expect(p.threads.map((t) => t.actor)).toEqual(['producer0', 'reclaimer0']);
  });

  it('keeps barriers between the accesses that matter, once, and drops lock sections that hold none', () => {
    expect(p.threads[0].ops).toEqual<LitmusOp[]>([
      { op: 'write', v: 'nr_items', val: 1, release: false },
      { op: 'fence', name: 'smp_mb__before_atomic' },
      { op: 'or', v: 'map', mask: 1 },
    ]);
    expect(p.threads[1].ops).toEqual<LitmusOp[]>([
      { op: 'and', v: 'map', mask: 0 },
      { op: 'fence', name: 'smp_mb__after_atomic' },
      { op: 'read', v: 'nr_items', reg: 'r0', val: 0 },
    ]);
    expect(p.locks).toEqual([]);
  });

  it('writes the exists clause from the values the run produced: loads, and words two threads wrote', () => {
    expect(p.exists).toEqual(['1:r0=0', 'map=0']);
    // with stores still buffered at the end, final values are not the outcome: loads only
    expect(selectLitmus(fakeLog(events, [[10, 0], [12, 6]], [[10, 1], [12, 6]], 1), ['producer0', 'rcu', 'reclaimer0'])!.exists).toEqual(['1:r0=0']);
  });

  it('keeps a lock two threads take around an access that matters', () => {
    const locked = [...events.slice(0, 16), ev(2, 'lock', 40, 'spin_lock(&l->lock)'), ev(2, 'load', 10, 'READ_ONCE(@->nr_items)', 1, L1), ev(2, 'unlock', 40, 'spin_unlock(&l->lock)')];
    const q = selectLitmus(fakeLog(locked, [[10, 0], [12, 6]], [[10, 1], [12, 6]]), ['producer0', 'rcu', 'reclaimer0'])!;
    expect(q.locks).toEqual([{ name: 'l_lock', what: 'spin_lock(&l->lock)' }]);
    expect(q.threads[0].ops.map((o) => o.op)).toEqual(['lock', 'write', 'fence', 'or', 'unlock']);
    expect(q.threads[1].ops.map((o) => o.op)).toEqual(['and', 'fence', 'read', 'lock', 'read', 'unlock']);
  });

  it('is null when no two actors conflict', () => {
    expect(selectLitmus(fakeLog([ev(0, 'load', 30, 'x', 1), ev(1, 'load', 30, 'x', 1), ev(1, 'store', 31, 'y', 1)], [], []), ['a', 'b'])).toBeNull();
  });

  it('renders as a hand-checked herd7 test', () => {
    const text = renderLitmus(p, { name: 'shrinker-bit+poonce+mbafteratomic', lines: ['Result: Sometimes', '', 'a (* nested *) comment'] });
    expect(text).toBe(`C shrinker-bit+poonce+mbafteratomic

(*
 * Result: Sometimes
 *
 * a ( * nested * ) comment
 *)

{
\tnr_items=0;
\tatomic_t map = ATOMIC_INIT(0);
}

P0(int *nr_items, atomic_t *map)
{
\tWRITE_ONCE(*nr_items, 1);
\tsmp_mb__before_atomic();
\tatomic_or(1, map);
}

P1(int *nr_items, atomic_t *map)
{
\tint r0;

\tatomic_and(0, map);
\tsmp_mb__after_atomic();
\tr0 = READ_ONCE(*nr_items);
}

exists (1:r0=0 /\\ map=0)
`);
    expect(herdProblems(text)).toEqual([]);
  });
});

describe('rendering', () => {
  it("writes the kernel's SB+fencembonceonces exactly as tools/memory-model/litmus-tests has it (init block aside)", () => {
    const sb: LitmusProgram = {
      vars: [{ name: 'x', what: 'x', atomic: false, bits: null, init: 0 }, { name: 'y', what: 'y', atomic: false, bits: null, init: 0 }],
      threads: [
        { actor: 'P0', ops: [{ op: 'write', v: 'x', val: 1, release: false }, { op: 'fence', name: 'smp_mb' }, { op: 'read', v: 'y', reg: 'r0', val: 0 }] },
        { actor: 'P1', ops: [{ op: 'write', v: 'y', val: 1, release: false }, { op: 'fence', name: 'smp_mb' }, { op: 'read', v: 'x', reg: 'r0', val: 0 }] },
      ],
      locks: [], exists: ['0:r0=0', '1:r0=0'], pointers: [],
    };
    const text = renderLitmus(sb, { name: 'SB+fencembonceonces', lines: ['Result: Never'] });
    expect(text.slice(text.indexOf('P0('))).toBe('P0(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*x, 1);\n\tsmp_mb();\n\tr0 = READ_ONCE(*y);\n}\n\n' +
      'P1(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*y, 1);\n\tsmp_mb();\n\tr0 = READ_ONCE(*x);\n}\n\nexists (0:r0=0 /\\ 1:r0=0)\n');
    expect(herdProblems(text)).toEqual([]);
  });

  it('the shape checker finds what herd7 would refuse', () => {
    const good = 'C t\n\n{\n\tx=0;\n}\n\nP0(int *x)\n{\n\tint r0;\n\n\tr0 = READ_ONCE(*x);\n}\n\nexists (0:r0=0)\n';
    expect(herdProblems(good)).toEqual([]);
    expect(herdProblems(good.replace('READ_ONCE', 'READ_TWICE'))).toHaveLength(1);
    expect(herdProblems(good.replace('0:r0=0', '0:r1=0'))).toHaveLength(1);
    expect(herdProblems(good.replace('(*x)', '(*z)'))).toHaveLength(1);
    expect(herdProblems(good.replace('C t', 'C bad name'))).toHaveLength(1);
  });
});

/** The first lost-bit violation of a variant under weak memory: a replay token. */
function lostBitToken(name: string, o: { strategy: 'exhaustive' | 'random'; runs: number }): string {
  const run = (all: boolean): ReturnType<typeof check> => check({ variant: findVariant(name)!, runs: o.runs, seed: 1, strategy: o.strategy, memory: 'weak', shrinkTimeMs: 2000, all });
  const first = run(false);
  if (first.failure?.invariant === 'lost-bit' && first.failure.token) return first.failure.token;
  const v = run(true).violations.find((x) => x.invariant === 'lost-bit'); // something else came first: search on
  expect(v, `${name}: a lost-bit violation under --memory weak`).toBeDefined();
  return v!.replay;
}

/** The corpus token of a variant, when it still reproduces lost-bit; else null. */
async function corpusToken(name: string): Promise<string | null> {
  const corpus = JSON.parse(readFileSync(join(ROOT, 'test/corpus/regressions.json'), 'utf8')) as { entries: { variant: string; token: string }[] };
  const e = corpus.entries.find((x) => x.variant === name);
  if (e === undefined) return null;
  return (await replayToken(e.token)).run.violation?.invariant === 'lost-bit' ? e.token : null;
}

/**
 * The program without one word's accesses (their registers leave the exists clause too). The explorer
 * checks the race over map and nr_items; a run whose first add allocated the memcg's lists also
 * carries their publication in lru->xa (a store the reclaimer's counts load), which multiplies the
 * explorer's paths past its 2,000,000 bound and plays no part in the barrier's race.
 */
function withoutVar(p: LitmusProgram, name: string): LitmusProgram {
  const gone = new Set<string>();
  const threads = p.threads.map((t, ti) => ({ ...t, ops: t.ops.filter((o) => {
    if (!('v' in o) || o.v !== name) return true;
    if ('reg' in o) gone.add(`${ti}:${o.reg}`);
    return false;
  }) }));
  return { ...p, threads, vars: p.vars.filter((v) => v.name !== name), exists: p.exists.filter((c) => !gone.has(c.split('=')[0]) && c.split('=')[0] !== name) };
}

const opsOf = (p: LitmusProgram, t: number): string[] => p.threads[t].ops.map((o) => (o.op === 'fence' ? o.name : o.op));
/** the program as a shape, with `extra` inserted in thread t before its first op of kind `before` */
function withBarrier(p: LitmusProgram, t: number, before: Op[0], extra: Op): ReturnType<typeof shapeOf> {
  const s = shapeOf(p, 'fixed');
  s.threads[t].splice(s.threads[t].findIndex((o) => o[0] === before), 0, extra);
  return s;
}

describe('no-mb-before-atomic under --memory weak', () => {
  let token = '';
  let x: LitmusExport;
  let p: LitmusProgram;
  beforeAll(async () => {
    token = lostBitToken('no-mb-before-atomic', { strategy: 'exhaustive', runs: 2_000 });
    x = await litmusOfToken(token);
    p = x.program;
  }, 120_000);

  it('exports two threads, producer and reclaimer, over nr_items and the map word', () => {
    expect(x.invariant).toBe('lost-bit');
    expect(p.threads.map((t) => t.actor.replace(/\d+$/, ''))).toEqual(['producer', 'reclaimer']);
    // and the memcg's xarray slot when the run's first add allocated the memcg's lists (memcg_list_lru_alloc()
    // publishes them, the reclaimer's count loads them): a conflict the run had, though not the race's
    expect(p.vars.map((v) => v.name).filter((n) => n !== 'xa').sort()).toEqual(['map', 'nr_items']);
    expect(x.text).toMatch(/^C shrinkrace\+no-mb-before-atomic\+lost-bit\n\n\(\*\n \* Result: Sometimes\n/);
    expect(x.text).toContain(`replay: npx shrinkrace replay ${token}`);
    expect(x.text).toContain('signature: lost-bit bit cleared in shrink_slab_memcg_one');
    expect(x.text).toContain('the variant removes from set_shrinker_bit(): yield* smp_mb__before_atomic(k);');
    expect(herdProblems(x.text)).toEqual([]);
  });

  it("the producer's set_bit has no smp_mb__before_atomic; the reclaimer's clear_bit keeps its smp_mb__after_atomic", () => {
    const [prod, recl] = [opsOf(p, 0), opsOf(p, 1)];
    expect(prod).toContain('or');
    expect(prod).not.toContain('smp_mb__before_atomic');
    expect(recl.slice(recl.indexOf('and'), recl.indexOf('and') + 2)).toEqual(['and', 'smp_mb__after_atomic']);
    expect(x.text).toMatch(/\tWRITE_ONCE\(\*nr_items, 1\);\n\tatomic_or\(1, map\);\n/);
    expect(x.text).toMatch(/\tatomic_and\(0, map\);\n\tsmp_mb__after_atomic\(\);\n(\tr\d+ = READ_ONCE\(\*xa\);\n)?\tr\d+ = READ_ONCE\(\*nr_items\);\n/);
  });

  it('the exists clause is the observed outcome: the recheck after clear_bit read an empty list, and the bit is lost', () => {
    const recheck = p.threads[1].ops.slice(p.threads[1].ops.findIndex((o) => o.op === 'and')).find((o) => o.op === 'read' && o.v === 'nr_items');
    expect(recheck).toMatchObject({ op: 'read', val: 0 });
    expect(p.exists).toContain(`1:${(recheck as { reg: string }).reg}=0`);
    expect(p.exists).toContain('map=0');
    expect(x.text).toMatch(/^exists \(.*1:r\d+=0.* \/\\ map=0\)$/m);
  });

  it("the project's weak mode reaches the exists clause, and with smp_mb__before_atomic() put back it does not", () => {
    const race = withoutVar(p, 'xa');
    const bug = explore(shapeOf(race, 'exported'), 'weak');
    expect(bug.truncated).toBe(false);
    expect(bug.existsReachable).toBe(true);
    const fixed = explore(withBarrier(race, 0, 'set', ['mbb']), 'weak');
    expect(fixed.truncated).toBe(false);
    expect(fixed.existsReachable).toBe(false);
    expect(explore(shapeOf(race, 'exported'), 'sc').existsReachable).toBe(false); // a weak-memory race: not under sc
  });

  it('refuses a run that is not under weak memory, or has no violation (LitmusExportError)', async () => {
    const r = decodeToken(token);
    await expect(litmusOfToken(encodeToken({ ...r, memory: 'sc' }))).rejects.toThrow(/--memory sc/);
    await expect(litmusOfToken(encodeToken({ ...r, variant: 'lockless' }))).rejects.toThrow(LitmusExportError);
    await expect(litmusOfToken(encodeToken({ ...r, variant: 'lockless' }))).rejects.toThrow(/passes: no violation to export/);
  });

  it('replay --litmus-out FILE writes it (exit 1: the violation reproduces); a run without one: exit 2, nothing written', () => {
    const dir = tmp();
    const file = join(dir, 'race.litmus');
    const r = shrinkrace(['replay', token, '--litmus-out', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`litmus: ${file} (herd7 -conf linux-kernel.cfg ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(x.text);
    const sc = join(dir, 'sc.litmus');
    const bad = shrinkrace(['replay', encodeToken({ ...decodeToken(token), memory: 'sc' }), '--litmus-out', sc]);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^shrinkrace: --litmus-out exports a weak-memory race, and this token's run is under --memory sc/)]);
    expect(existsSync(sc)).toBe(false);
  });

  it('check --memory weak --litmus-out FILE writes the first violation\'s test', () => {
    const file = join(tmp(), 'check.litmus');
    const r = shrinkrace(['check', '--variant', 'no-mb-before-atomic', '--memory', 'weak', '--strategy', 'exhaustive', '--runs', '2000', '--litmus-out', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`litmus: ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(herdProblems(text)).toEqual([]);
    expect(text).toMatch(/^C shrinkrace\+no-mb-before-atomic\+/);
  });
});

describe('no-mb-after-atomic under --memory weak', () => {
  let x: LitmusExport;
  let p: LitmusProgram;
  let recl = -1;
  beforeAll(async () => {
    // the corpus token (fast), or, when a model change moved its schedule, a search (about a minute)
    const token = (await corpusToken('no-mb-after-atomic')) ?? lostBitToken('no-mb-after-atomic', { strategy: 'random', runs: 100_000 });
    x = await litmusOfToken(token);
    p = x.program;
    recl = p.threads.findIndex((t) => t.actor.startsWith('reclaimer'));
  }, 300_000);

  it("the reclaimer's clear_bit has no smp_mb__after_atomic; the producer's set_bit keeps its smp_mb__before_atomic", () => {
    expect(x.invariant).toBe('lost-bit');
    expect(p.vars.map((v) => v.name).filter((n) => n !== 'xa').sort()).toEqual(['map', 'nr_items']);
    const ops = opsOf(p, recl);
    expect(ops).toContain('and');
    expect(ops).not.toContain('smp_mb__after_atomic');
    const prod = p.threads.findIndex((t, i) => i !== recl && t.ops.some((o) => o.op === 'or'));
    const po = opsOf(p, prod);
    expect(po[po.indexOf('or') - 1]).toBe('smp_mb__before_atomic');
    expect(p.exists).toContain('map=0');
    expect(herdProblems(x.text)).toEqual([]);
  });
});
