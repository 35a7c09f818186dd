/** `shrinkrace validate [--budget quick|full] [--seed S] [--json]`: exit 0 iff every row met its expectation. */
import { parseArgs } from 'node:util';
import { BUDGETS, validate, type Budget } from '../api/validate.js';
import { matrixText, writeMatrix } from '../report/matrix.js';
import { DEFAULT_SEED } from './check-cmd.js';
import { parseIntOption, UsageError } from './usage.js';
import { progress } from './progress.js';
import { writeValidateReport } from '../api/report.js';

export async function validateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { budget: { type: 'string', default: 'quick' }, seed: { type: 'string' }, json: { type: 'boolean', default: false }, 'reports-dir': { type: 'string', default: 'reports' } },
    strict: true,
    allowPositionals: false,
  });
  if (!(values.budget! in BUDGETS)) throw new UsageError(`--budget must be quick or full (got "${values.budget}")`);
  const seed = parseIntOption('seed', values.seed, DEFAULT_SEED, -(2 ** 31));
  const bar = progress(`validate ${values.budget}`, values.json ? { quiet: true } : { unit: 'rows', everyUpdate: true });
  const v = await validate({
    budget: values.budget as Budget, seed,
    onRow: (r, done, total) => bar.update(done, total, `${r.name}: ${r.observed} (${r.met ? 'as expected' : 'UNEXPECTED'}, ${r.runs} runs)`),
  });
  bar.done();
  const dir = writeMatrix(values['reports-dir']!, v);
  writeValidateReport(dir, v); // report.html and summary.json beside the matrix
  process.stdout.write(values.json ? `${JSON.stringify({ ...v, reportDir: dir })}\n` : `${matrixText(v)}\nwritten to ${dir}/validate.md and validate.json\n`);
  (values.json ? process.stderr : process.stdout).write(`report: ${dir}/report.html\n`);
  return v.ok ? 0 : 1;
}
