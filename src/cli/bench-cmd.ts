/**
 * `shrinkrace bench [--quick] [--json] [--seed S]`: parse, call api/bench, print, and write the
 * report directory (summary.json, report.md, report.html with the scaling plot). Exit 0 (it measures;
 * a bug not found within its budget shows in the table), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { bench } from '../api/bench.js';
import { DEFAULT_REPORTS_DIR, writeBenchReport } from '../api/report.js';
import { benchText } from '../report/bench-text.js';
import { DEFAULT_SEED } from './check-cmd.js';
import { progress } from './progress.js';
import { parseIntOption } from './usage.js';

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, seed: { type: 'string' }, 'reports-dir': { type: 'string', default: DEFAULT_REPORTS_DIR } },
    strict: true,
    allowPositionals: false,
  });
  const seed = parseIntOption('seed', values.seed, DEFAULT_SEED, -(2 ** 31));
  const bar = progress(`bench${values.quick ? ' --quick' : ''}`, values.json ? { quiet: true } : { unit: 'parts', everyUpdate: false });
  const b = await bench({ quick: values.quick!, seed, onProgress: (d, t, note) => bar.update(d, t, note) });
  bar.done();
  const dir = writeBenchReport(b, values['reports-dir']!);
  if (values.json) {
    const ratios = {
      engineBareOverModel: b.engine.ratio,
      detection: b.detection.rows.map((r) => ({ variant: r.variant, fcOverDeterministic: r.fcOverDeterministic, stressOverDeterministic: r.stressOverDeterministic })),
      scaling: { legacyOverBitmapCalls: b.scaling.seed.callRatio, legacyOverBitmapCost: b.scaling.seed.costRatio, seedRatio: b.scaling.seed.seedRatio, nokmemSkipOverLockless: b.scaling.nokmem.ratio, nokmemReferenceRatio: b.scaling.nokmem.referenceRatio },
    };
    process.stdout.write(JSON.stringify({ ratios, ...b }) + '\n');
    process.stderr.write(`report: ${dir}/report.html\n`);
  } else {
    process.stdout.write(`${benchText(b)}\n\nreport: ${dir}/report.html\n`);
  }
  return 0; // a measurement: a bug not found within its budget is a figure in the table, not a failure
}
