/**
 * The scenario arbitraries the searches use. `scenarioArb` is what check (and the fc.scheduler bench,
 * and the properties) generate from: the uniform classes (scenario-classes.ts). Swarm scenarios
 * (swarm.ts) were measured against it (runs to first failure, seeds 1-10, random strategy): faster to
 * no-recheck, expand-memcpy, info-after-unlock, both barrier bugs and plain-publish, about even on the
 * other known bugs, but 5-7x slower to the reference's lifecycle and nokmem findings under their own
 * workloads (seed 1: 28,220 and 38,811 runs against 5,811 and 5,542), so check keeps the uniform one
 * until the swarm weights are tuned for those; the bench prints the ingredient-pair coverage of both.
 *
 * Everything here is built only from records, arrays, integers, constants and oneof (no map, filter or
 * chain), so fast-check can shrink a scenario it did not generate itself: a failure found by any
 * strategy, or decoded from a replay token, is shrunk through shrinkableScenarioArb.
 */
import fc from 'fast-check';
import type { Scenario } from '../model/scenario.js';
import { DEFAULT_GENERATOR, DEFAULT_WORKLOADS, type GeneratorName, type Workload } from '../model/workloads.js';
import { scenarioClassArb, SHRINK_LIMITS, uniformScenarioArb } from './scenario-classes.js';
import { swarmScenarioArb } from './swarm.js';
import { denseScenarioArb } from './dense.js';

export { swarmScenarioArb } from './swarm.js';
export { BROAD_LIMITS, scenarioClassArb, SHRINK_LIMITS, SMALL_LIMITS, smallLimits, TINY_LIMITS, uniformScenarioArb, type ScenarioLimits } from './scenario-classes.js';

export { DEFAULT_GENERATOR, GENERATORS, type GeneratorName } from '../model/workloads.js';

/** blend's weights (trial-arb.ts): uniform runs, dense runs */
export const BLEND = { uniform: 3, dense: 1 } as const;

/**
 * The scenarios a generator draws over the enabled workloads. check draws scenario and plan together
 * (trial-arb.ts, where blend pairs dense scenarios with their plans); here blend is its scenarios alone.
 */
export function scenarioArb(workloads: readonly Workload[] = DEFAULT_WORKLOADS, generator: GeneratorName = DEFAULT_GENERATOR): fc.Arbitrary<Scenario> {
  if (generator === 'blend') return fc.oneof({ arbitrary: uniformScenarioArb(workloads), weight: BLEND.uniform }, { arbitrary: denseScenarioArb(workloads), weight: BLEND.dense });
  if (generator === 'swarm') return swarmScenarioArb(workloads);
  if (generator === 'dense') return denseScenarioArb(workloads);
  if (generator === 'mixed') return fc.oneof(uniformScenarioArb(workloads), swarmScenarioArb(workloads));
  return uniformScenarioArb(workloads);
}

/**
 * For shrinking: the uniform classes first (small ranges that start at the smallest scenario), then
 * SHRINK_LIMITS, which holds anything a token can (every swarm scenario, with any workload, too).
 */
export function shrinkableScenarioArb(workloads: readonly Workload[] = DEFAULT_WORKLOADS): fc.Arbitrary<Scenario> {
  return fc.oneof(uniformScenarioArb(workloads), scenarioClassArb(SHRINK_LIMITS));
}
