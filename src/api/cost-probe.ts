/**
 * A fixed reclaim-cost probe, after the nokmem production analysis: cgroup.memory=nokmem, eight
 * shrinkers registered at boot (each registration may expand every memcg's shrinker map, the way the
 * design expands), the first one SHRINKER_NONSLAB with one item in memcg 1, then ten memcg reclaim
 * passes over memcg 1, run one after the other (no interleaving). Reports set bits visited and
 * do_shrink_slab() calls per pass: a design that leaves bits it will never act on keeps paying for
 * them on every pass.
 */
import { runScenario } from '../engine/run.js';
import type { Scenario } from '../model/scenario.js';
import { explicitChooser } from '../sched/explicit.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';

export const COST_PROBE: Scenario = {
  nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 8, numaMask: 0, globalMask: 0, nonslabMask: 1, nokmem: 1, failMask: 0,
  producers: [[{ a: 0, b: 0, c: 0 }]],
  reclaimers: [Array.from({ length: 10 }, () => ({ a: 0, b: 0, c: 0 }))],
  expanders: [], unregisterers: [], lifecycles: [],
};

export interface CostProbe {
  visitsPerPass: number;
  doShrinkSlabPerPass: number;
  /** the probe itself broke an invariant (it should not, for a design that passes) */
  violation: string | null;
}

export function costProbe(v: Variant): CostProbe {
  const r = runScenario(resolveFns(v), COST_PROBE, explicitChooser([]));
  const passes = Math.max(1, r.stats.passes);
  return { visitsPerPass: r.stats.visits / passes, doShrinkSlabPerPass: r.stats.doShrinkSlab / passes, violation: r.violation?.message ?? null };
}
