/**
 * `shrinkrace validate`: every variant and finding against its expectation, printed and written as a
 * matrix. Exit 0 iff every row met its expectation; 1 if one did not; 3 if a row's search met a
 * harness error; 130 when interrupted (the rows done so far are printed and written).
 */
import { BUDGETS, validate, type Budget, type ValidateResult } from '../api/validate.js';
import { matrixText, writeMatrix } from '../report/matrix.js';
import { writeValidateReport } from '../api/report.js';
import { jsonOpt, reportsDirOpt, shardOpt } from './common-options.js';
import { EXIT_INTERRUPTED, onInterrupt } from './interrupt.js';
import { choice, duration, seed } from './option-kinds.js';
import { parseCommand, type CommandSpec } from './options.js';
import { progress } from './progress.js';
import { EXIT_HARNESS } from './usage.js';

export const VALIDATE = {
  name: 'validate',
  summary: 'check every design, known bug and finding against its expectation; print and write the matrix',
  options: {
    budget: choice('B', 'runs per row (quick: 20,000 for designs, 200,000 for bugs; full: 10x)', Object.keys(BUDGETS) as Budget[], 'quick'),
    seed: seed(),
    time: duration('D', 'time budget for the whole matrix: each row gets a fair share of what is left when it starts'),
    shard: shardOpt,
    json: jsonOpt,
    'reports-dir': reportsDirOpt,
  },
} satisfies CommandSpec;

export function validateExit(v: ValidateResult): number {
  if (v.harnessErrors > 0) return EXIT_HARNESS;
  if (v.interrupted) return EXIT_INTERRUPTED;
  return v.ok ? 0 : 1;
}

export async function validateCommand(argv: string[]): Promise<number> {
  const { values: o } = parseCommand(VALIDATE, argv);
  const bar = progress(`validate ${o.budget}`, o.json ? { quiet: true } : { unit: 'rows', everyUpdate: true });
  const stop = onInterrupt('validate');
  let v: ValidateResult;
  try {
    v = await validate({
      budget: o.budget, seed: o.seed, timeLimitMs: o.time, signal: stop.signal, shard: o.shard,
      onRow: (r, done, total) => bar.update(done, total, `${r.name}: ${r.observed} (${r.met ? 'as expected' : 'UNEXPECTED'}, ${r.runs} runs)`),
    });
  } finally {
    bar.done();
    stop.dispose();
  }
  const dir = writeMatrix(o['reports-dir'], v);
  writeValidateReport(dir, v); // report.html and summary.json beside the matrix
  process.stdout.write(o.json ? `${JSON.stringify({ ...v, reportDir: dir })}\n` : `${matrixText(v)}\nwritten to ${dir}/validate.md and validate.json\n`);
  (o.json ? process.stderr : process.stdout).write(`report: ${dir}/report.html\n`);
  for (const r of v.rows.filter((x) => x.error !== null)) process.stderr.write(`shrinkrace: harness error in validate row ${r.name}: ${r.error}${r.token ? `; replay: npx shrinkrace replay ${r.token}` : ''}\n`);
  return validateExit(v);
}
