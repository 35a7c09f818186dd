/**
 * `shrinkrace replay TOKEN`: re-run a token and print the same text `check` printed. Exit 1 when the
 * violation reproduces, 0 when the run passes, 3 when the token's run ends in a harness error (its
 * trace up to the error is printed), 2 on a bad token (and, with --litmus-out, on a run that has no
 * --memory weak violation to export: checked before anything is printed or written). Notes (the variant file changed since the
 * token was made) go to stderr, so stdout is byte-identical on every machine.
 */
import { replayToken } from '../api/replay.js';
import { decodeToken, TokenError } from '../sched/token.js';
import { replayCounterexample } from '../api/report.js';
import { harnessErrorLine } from '../report/harness-error.js';
import { jsonOpt, litmusOutOpt, traceOutOpt } from './common-options.js';
import { litmusOfReplay, LitmusExportError } from '../api/litmus-export.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { flag } from './option-kinds.js';
import { parseCommand, type CommandSpec } from './options.js';
import { traceOut } from './report-flags.js';
import { EXIT_HARNESS, UsageError } from './usage.js';

export const REPLAY = {
  name: 'replay',
  summary: 're-run a failure from its token and print its trace, byte for byte as check printed it',
  positional: { name: 'TOKEN', help: 'the token of a `reproduce: npx shrinkrace replay TOKEN` line (sr1....)' },
  options: {
    source: flag('print the variant file source the token carries (a token for a variant file runs that code), and exit without running it'),
    json: jsonOpt,
    'trace-out': traceOutOpt,
    'litmus-out': litmusOutOpt,
  },
  notes: ['A token for a variant file carries the file\'s source, so it replays anywhere; replaying it runs that code: read it first with --source.'],
} satisfies CommandSpec;

/** --source: the carried files, each under a header line, as they will run. */
function sourceText(token: string): string {
  let r;
  try {
    r = decodeToken(token);
  } catch (e) {
    if (e instanceof TokenError) throw new UsageError(e.message);
    throw e;
  }
  if (r.bundle === undefined) return `// the token names the built-in variant ${r.variant}: it carries no source\n`;
  const head = `// variant file ${r.bundle.path} (${r.variant}, sha256 ${r.bundle.sha256}): ${r.bundle.files.length} file(s)`;
  return [head, ...r.bundle.files.map(([key, text]) => `\n// ---- ${key}\n${text.endsWith('\n') ? text : `${text}\n`}`)].join('\n');
}

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(REPLAY, argv);
  if (positionals.length !== 1) throw new UsageError('replay takes exactly one token: shrinkrace replay TOKEN (see: shrinkrace replay --help)');
  const token = positionals[0].trim();
  if (values.source) {
    process.stdout.write(sourceText(token));
    return 0;
  }
  const litmusOut = values['litmus-out'];
  let r;
  let litmus: string | null = null;
  try {
    r = await replayToken(token, { accesses: litmusOut !== undefined });
    // before anything is printed: a run that cannot be exported is bad input (exit 2, nothing written)
    if (litmusOut !== undefined) litmus = litmusOfReplay(r, token).text;
  } catch (e) {
    if (e instanceof TokenError || e instanceof LitmusExportError) throw new UsageError(e.message);
    throw e;
  }
  for (const note of r.notes ?? []) process.stderr.write(note + '\n');
  const v = r.run.violation;
  const err = r.run.error;
  // --trace-out: the same run as Chrome trace-event JSON (to stderr for --json, so stdout stays one object)
  const traced = traceOut(values, replayCounterexample(r, token), { command: 'replay', variant: r.replay.variant });
  for (const line of traced) process.stderr.write(line + '\n');
  if (litmusOut !== undefined && litmus !== null) {
    writeFileAtomic(litmusOut, litmus);
    process.stderr.write(`litmus: ${litmusOut} (herd7 -conf linux-kernel.cfg ${litmusOut}, in tools/memory-model)\n`);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({
      ok: v === null && err === null, variant: r.replay.variant, memory: r.replay.memory, steps: r.run.steps,
      ...(v && { violation: { invariant: v.invariant, message: v.message, replay: token, steps: r.replay.schedule.length, trace: r.text } }),
      ...(err && { error: { message: err.message, step: err.step, actor: err.actorName, replay: token, trace: r.text } }),
    }) + '\n');
  } else {
    process.stdout.write(r.text + '\n');
  }
  if (err !== null) {
    process.stderr.write(`shrinkrace: ${harnessErrorLine(`at step ${err.step} (${err.actorName})`, err.message, null)}\n`);
    return EXIT_HARNESS;
  }
  return v === null ? 0 : 1;
}
