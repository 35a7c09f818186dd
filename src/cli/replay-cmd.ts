/** `shrinkrace replay TOKEN`: exit 1 when the violation reproduces, 0 when the run passes, 2 on a bad token. */
import { parseArgs } from 'node:util';
import { replayToken } from '../api/replay.js';
import { TokenError } from '../sched/token.js';
import { UsageError } from './usage.js';
import { replayCounterexample } from '../api/report.js';
import { traceOut } from './report-flags.js';

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false }, 'trace-out': { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('replay takes exactly one token: shrinkrace replay TOKEN');
  let r;
  try {
    r = await replayToken(positionals[0]);
  } catch (e) {
    if (e instanceof TokenError) throw new UsageError(e.message);
    throw e;
  }
  const v = r.run.violation;
  // --trace-out: the same run as Chrome trace-event JSON (to stderr for --json, so stdout stays one object)
  const traced = traceOut(values, replayCounterexample(r, positionals[0]), { command: 'replay', variant: r.replay.variant });
  for (const line of traced) process.stderr.write(line + '\n');
  if (values.json) {
    process.stdout.write(JSON.stringify({
      ok: v === null, variant: r.replay.variant, memory: r.replay.memory, steps: r.run.steps,
      ...(v && { violation: { invariant: v.invariant, message: v.message, replay: positionals[0].trim(), steps: r.replay.schedule.length, trace: r.text } }),
    }) + '\n');
  } else {
    process.stdout.write(r.text + '\n');
  }
  return v === null ? 0 : 1;
}
