/** A bench result as Markdown tables (report.md, reports/BENCHMARKS.md) and as terminal text. */
import type { BenchResult, Detection, DetectionRow } from './bench-schema.js';
import { ingredientsMarkdown } from './ingredients-text.js';
import { seedDetectionMarkdown, signaturesMarkdown } from './search-bench-text.js';

const secs = (ms: number): string => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)}s`;
const det = (d: Detection): string => (d.skipped ? 'n/a (weak memory only)' : d.found ? `${secs(d.timeMs)} (${d.runs} runs)` : `not found in ${secs(d.timeMs)} (${d.runs} runs)`);
const ratio = (r: DetectionRow['fcOverDeterministic']): string => (r.value === null ? '-' : `${r.bound === 'lower' ? '>= ' : ''}${r.value.toFixed(1)}x`);
const num = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

function table(head: string[], rows: string[][]): string[] {
  const row = (c: string[]): string => `| ${c.join(' | ')} |`;
  return [row(head), row(head.map(() => '---')), ...rows.map(row)];
}

export function benchMarkdown(b: BenchResult): string {
  const e = b.engine;
  const s = b.scaling;
  const out = [
    `## a. Engine speed (${e.scenario}, ${secs(e.budgetMs)} each, interleaved)`, '',
    ...table(['model steps/s', 'bare generator steps/s', 'bare / model'], [[num(Math.round(e.modelStepsPerSecond)), num(Math.round(e.bareStepsPerSecond)), `${e.ratio.toFixed(2)}x`]]), '',
    `## b. Time to first failure (budgets: deterministic ${secs(b.detection.budgets.deterministicMs)}, fc.scheduler ${secs(b.detection.budgets.fcSchedulerMs)}, thread stress ${secs(b.detection.budgets.stressMs)})`, '',
    ...table(['variant', 'expected', 'deterministic (api/check)', 'fc.scheduler()', 'thread stress', 'fc / det', 'stress / det'],
      b.detection.rows.map((r) => [r.variant, r.expected, det(r.deterministic), det(r.fcScheduler), det(r.stress), ratio(r.fcOverDeterministic), ratio(r.stressOverDeterministic)])), '',
    'Ratios are slower / deterministic; ">=" when the slower search found nothing within its budget. Weak-memory-only bugs are searched by the deterministic engine under `--memory weak`; fc.scheduler() and threads are sequentially consistent, so they cannot show them (n/a).', '',
    `## c. Scaling: one reclaim pass over M memcgs x S shrinkers with T charged pairs (SHRINKER_UNIT_BITS=${s.unitBits})`, '',
    ...table(['variant', 'M', 'S', 'T', 'do_shrink_slab', 'steps (modeled cost)', 'bits visited', 'source'],
      s.points.map((p) => [`${p.variant}${p.nokmem ? ' (nokmem)' : ''}`, num(p.memcgs), num(p.shrinkers), num(p.pairs), num(p.doShrinkSlab), num(Math.round(p.steps)), num(Math.round(p.visits)), p.source])), '',
    'Fits (steps = c0·M + c1·M·S + c2·M·⌈S/unitBits⌉ + c3·T, least squares over the measured grid; the held-out point is the largest measured one, predicted from the others):', '',
    ...table(['variant', 'c0', 'c1', 'c2', 'c3', 'max rel. error (grid)', 'held-out: measured', 'predicted', 'rel. error'],
      s.fits.map((f) => [`${f.variant}${f.nokmem ? ' (nokmem)' : ''}`, ...f.coefficients.map((c) => c.toFixed(3)), `${(100 * f.maxRelError).toFixed(2)}%`, num(f.heldOut.measured), num(Math.round(f.heldOut.predicted)), `${(100 * f.heldOut.relError).toFixed(2)}%`])), '',
    `At the seed's ${num(s.seed.memcgs)} memcgs x ${num(s.seed.shrinkers)} shrinkers with T = ${num(s.seed.pairs)}: legacy makes ${num(s.seed.legacyCalls)} do_shrink_slab calls, the bitmap (lockless) ${num(s.seed.bitmapCalls)}: ` +
      `${s.seed.callRatio.toFixed(0)}x fewer calls; modeled cost ${num(Math.round(s.seed.legacySteps))} vs ${num(Math.round(s.seed.bitmapSteps))} steps: ${s.seed.costRatio.toFixed(0)}x (the seed measured ${s.seed.seedRatio}x in time).`,
    ...seedAtZero(s),
    `Under nokmem at ${num(s.nokmem.memcgs)} x ${num(s.nokmem.shrinkers)}: nokmem-skip ${num(Math.round(s.nokmem.skipSteps))} steps vs lockless ${num(Math.round(s.nokmem.locklessSteps))}: ${s.nokmem.ratio.toFixed(1)}x (the production analysis, 002_..., measured about ${s.nokmem.referenceRatio}x and more).`,
    '', ...ingredientsMarkdown(b.ingredients), '',
    ...seedDetectionMarkdown(b), ...signaturesMarkdown(b),
  ];
  return out.join('\n');
}

/** The bitmap designs at the seed with nothing charged (T = 0), when the run measured them. */
function seedAtZero(s: BenchResult['scaling']): string[] {
  const zero = s.points.filter((p) => p.memcgs === s.seed.memcgs && p.shrinkers === s.seed.shrinkers && p.pairs === 0 && !p.nokmem && p.source === 'measured');
  if (zero.length === 0) return [];
  return [`At the seed with T = 0 (measured): ${zero.map((p) => `${p.variant} ${num(p.doShrinkSlab)} do_shrink_slab calls, ${num(Math.round(p.steps))} steps`).join('; ')}.`];
}

export function benchText(b: BenchResult): string {
  return [`shrinkrace bench${b.quick ? ' --quick' : ''} (seed ${b.seed}, ${secs(b.elapsedMs)})`, '', benchMarkdown(b)].join('\n');
}
