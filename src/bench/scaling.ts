/**
 * Bench 5c: one reclaim pass over M memcgs x S shrinkers with T charged (memcg, shrinker) pairs,
 * after the 2018 series' measurement ("Improve shrink_slab() scalability", v4.19: 2000 x 2000, legacy makes 4,000,000 do_shrink_slab
 * calls) and the nokmem production analysis.
 *
 * What is run: the real model and each variant's own shrink_slab, through runScenario with an
 * explicit all-zeros schedule (actors one after the other): boot builds M memcgs and registers S
 * memcg-aware shrinkers through the variant's registration path; one producer charges T pairs (one
 * item each; pair j is memcg j mod M, shrinker floor(j / M)); one reclaimer calls shrink_slab(memcg)
 * for each of the M memcgs at priority 0 (node 0). The pass's cost is the steps of that run minus the
 * steps of the same run without the reclaimer; do_shrink_slab calls and set bits visited are the
 * engine's counters (RunStats).
 *
 * The layout is sized per run (model/layout.ts: memcg and shrinker counts from the run's bounds; arena
 * sizes and boot order from bootFor() for the design measured), so
 * a full bench measures the curve up to the seed's 2000 x 2000 directly (legacy: exactly 4,000,000
 * do_shrink_slab calls). The grid (M <= 7, S <= 100) is also fitted by least squares to
 *   c0·M + c1·M·S + c2·M·⌈S/unitBits⌉ + c3·T
 * (a pass is M independent per-memcg walks: a fixed part, a part per shrinker on the list or per map
 * word, and a part per charged pair); a quick bench extrapolates the curve from it. The fit's error on
 * the grid and on a held-out point is reported.
 */
import { runScenario } from '../engine/run.js';
import type { Scenario } from '../model/scenario.js';
import type { ScalingFit, ScalingPoint } from '../report/bench-schema.js';
import { explicitChooser } from '../sched/explicit.js';
import { findVariant, resolveFns } from '../variants/registry.js';
import { T_FLAT_INFO, T_INFO, T_ITEM, T_LRU_ONE, T_MLRU, T_UNIT } from '../model/layout.js';
import { leastSquares, predict } from './least-squares.js';

export const UNIT_BITS = 32;
export const SCALING_DESIGNS: readonly { variant: string; nokmem: boolean }[] = [
  { variant: 'legacy', nokmem: false }, { variant: 'rwsem', nokmem: false }, { variant: 'lockless', nokmem: false },
  { variant: 'nokmem-skip', nokmem: true }, { variant: 'lockless', nokmem: true },
];

export interface ScalingGrid {
  memcgs: readonly number[];
  shrinkers: readonly number[];
  /** T as a fraction of M x S */
  charged: readonly number[];
}

export function passScenario(M: number, S: number, T: number, nokmem: boolean, reclaim: boolean): Scenario {
  return {
    nodes: 1, memcgs: M, unitBits: UNIT_BITS, shrinkers: S, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: nokmem ? 1 : 0, failMask: 0,
    producers: T > 0 ? [Array.from({ length: T }, (_, j) => ({ a: Math.floor(j / M), b: j % M, c: 0 }))] : [],
    reclaimers: reclaim ? [Array.from({ length: M }, (_, m) => ({ a: m, b: 0, c: 0 }))] : [],
    expanders: [], unregisterers: [], lifecycles: [],
  };
}

/**
 * The boot of a measured pass: arena sizes for the design measured (the layout's worst case for every
 * design at once would not fit at 2000 x 2000), and the boot order.
 *  - bitmap designs of the rwsem era (flat maps: rwsem, nokmem-skip): memcgs first, then every
 *    registration expands every memcg's map, which sets all old bits ("map: set all old bits, clear
 *    all new bits", v5.13-v6.6 expand_one_shrinker_info); those bits are what these designs then walk.
 *    The arena keeps every replaced map (slots are never reused): (M + 1) x (units + 2) flat infos.
 *  - lockless and legacy: shrinkers first, so each memcg is made with one full-size info (lockless
 *    expansion copies unit pointers and sets no bit: the order changes nothing a pass does).
 * A producer's pairs allocate one list_lru_memcg each (pairs run memcg by memcg for each shrinker:
 * every ancestor already has its lists).
 */
export function bootFor(variant: string, M: number, S: number, T: number): { caps: Partial<Record<number, number>>; shrinkersFirst: boolean } {
  const units = Math.ceil(S / UNIT_BITS) + 1;
  const flat = variant === 'rwsem' || variant === 'nokmem-skip'; // nokmem-skip is built on the rwsem-era design
  const unit = variant !== 'legacy' && !flat;
  const caps = {
    [T_INFO]: unit ? M + 1 + units + 2 : 0, [T_UNIT]: unit ? (M + 1) * units : 0, [T_FLAT_INFO]: flat ? (M + 1) * (units + 2) : 0,
    [T_MLRU]: T + 1, [T_LRU_ONE]: S + T + 8, [T_ITEM]: Math.max(1, T),
  };
  return { caps, shrinkersFirst: !flat };
}

/** One measured pass. Throws if the pass itself breaks an invariant (it must not, for these designs). */
export function measurePass(variant: string, nokmem: boolean, M: number, S: number, T: number): ScalingPoint {
  const v = findVariant(variant);
  if (!v) throw new Error(`unknown variant ${variant}`);
  const fns = resolveFns(v);
  const boot = bootFor(variant, M, S, T);
  const run = (reclaim: boolean) => runScenario(fns, passScenario(M, S, T, nokmem, reclaim), explicitChooser([]), { maxSteps: 2_000_000_000, boot });
  const full = run(true);
  const base = run(false);
  const bad = full.violation ?? base.violation ?? full.error ?? base.error;
  if (bad) throw new Error(`scaling pass ${variant} M=${M} S=${S} T=${T}: ${'invariant' in bad ? `${bad.invariant}: ` : ''}${bad.message}`);
  return { variant, nokmem, memcgs: M, shrinkers: S, pairs: T, doShrinkSlab: full.stats.doShrinkSlab, steps: full.steps - base.steps, visits: full.stats.visits, source: 'measured' };
}

const regressors = (p: { memcgs: number; shrinkers: number; pairs: number }): number[] =>
  [p.memcgs, p.memcgs * p.shrinkers, p.memcgs * Math.ceil(p.shrinkers / UNIT_BITS), p.pairs];

type Metric = 'steps' | 'doShrinkSlab' | 'visits';

export function fitMetric(points: readonly ScalingPoint[], metric: Metric): number[] {
  return leastSquares(points.map(regressors), points.map((p) => p[metric]));
}

export function extrapolate(points: readonly ScalingPoint[], at: { memcgs: number; shrinkers: number; pairs: number }): ScalingPoint {
  const x = regressors(at);
  const [p0] = points;
  const f = (m: Metric): number => Math.max(0, predict(fitMetric(points, m), x));
  return { variant: p0.variant, nokmem: p0.nokmem, ...at, doShrinkSlab: Math.round(f('doShrinkSlab')), steps: f('steps'), visits: f('visits'), source: 'extrapolated' };
}

/** The steps fit, its largest relative error on the grid, and a held-out check on the largest point. */
export function fitReport(points: readonly ScalingPoint[]): ScalingFit {
  const beta = fitMetric(points, 'steps');
  const rel = (m: number, p: number): number => Math.abs(p - m) / Math.max(1, m);
  const maxRelError = Math.max(...points.map((p) => rel(p.steps, predict(beta, regressors(p)))));
  const largest = points.reduce((a, b) => (b.memcgs * b.shrinkers + b.pairs > a.memcgs * a.shrinkers + a.pairs ? b : a));
  const predicted = predict(fitMetric(points.filter((p) => p !== largest), 'steps'), regressors(largest));
  return {
    variant: largest.variant, nokmem: largest.nokmem, coefficients: beta, maxRelError,
    heldOut: { memcgs: largest.memcgs, shrinkers: largest.shrinkers, pairs: largest.pairs, measured: largest.steps, predicted, relError: rel(largest.steps, predicted) },
  };
}

/** Measure the grid for one design (T fractions under nokmem are ignored: nokmem charges no memcg). */
export function measureGrid(variant: string, nokmem: boolean, g: ScalingGrid, onPoint?: () => void): ScalingPoint[] {
  const out: ScalingPoint[] = [];
  for (const M of g.memcgs) for (const S of g.shrinkers) for (const frac of nokmem ? [0] : g.charged) {
    out.push(measurePass(variant, nokmem, M, S, Math.round(frac * M * S)));
    onPoint?.();
  }
  return out;
}
