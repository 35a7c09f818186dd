/**
 * `shrinkrace bench [--quick] [--json] [--seed S]`: parse, call api/bench, print, and write the
 * report directory (summary.json, report.md, report.html with the scaling plot). Exit 0 (it measures;
 * a bug not found within its budget shows in the table), 2 on bad usage.
 */
import { bench } from '../api/bench.js';
import { writeBenchReport } from '../api/report.js';
import { benchText } from '../report/bench-text.js';
import { jsonOpt, reportsDirOpt } from './common-options.js';
import { flag, seed } from './option-kinds.js';
import { parseCommand, type CommandSpec } from './options.js';
import { progress } from './progress.js';

export const BENCH = {
  name: 'bench',
  summary: 'engine speed, time to first failure (deterministic vs fc.scheduler vs threads), reclaim-pass scaling; writes reports/bench-*/',
  options: {
    quick: flag('small sizes and short budgets (well under a minute)'),
    seed: seed(),
    json: jsonOpt,
    'reports-dir': reportsDirOpt,
  },
} satisfies CommandSpec;

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(BENCH, argv);
  const bar = progress(`bench${values.quick ? ' --quick' : ''}`, values.json ? { quiet: true } : { unit: 'parts', everyUpdate: false });
  const b = await bench({ quick: values.quick, seed: values.seed, onProgress: (d, t, note) => bar.update(d, t, note) });
  bar.done();
  const dir = writeBenchReport(b, values['reports-dir']);
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
