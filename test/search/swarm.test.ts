/**
 * Swarm scenarios (src/search/swarm.ts): every value is a scenario that can run, uses only the enabled
 * workloads and fails at most one allocation; every pair of ingredients meets in a fair share of them
 * (measured, seed 1, 4,000 scenarios, all six workloads: rarest pair 5.6%, memcgs>1 + populate); and a
 * swarm scenario, which no shrinking class generated, shrinks through shrinkableScenarioArb.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingredientCoverage, ingredientMask, INGREDIENTS } from '../../src/bench/ingredients.js';
import { actorsOf, scenarioProblem, type Scenario } from '../../src/model/scenario.js';
import { DEFAULT_WORKLOADS, WORKLOADS, type Workload } from '../../src/model/workloads.js';
import { shrinkableScenarioArb } from '../../src/search/scenario-arb.js';
import { swarmConfigs, swarmScenarioArb } from '../../src/search/swarm.js';

const sample = (workloads: readonly Workload[], n: number, seed = 1): Scenario[] => fc.sample(swarmScenarioArb(workloads), { numRuns: n, seed });
const populates = (s: Scenario): boolean => s.expanders.some((ops) => ops.some((op) => op.b > 0));

describe('swarm scenarios', () => {
  it.each<[string, readonly Workload[]]>([['default', DEFAULT_WORKLOADS], ['all six', WORKLOADS], ['lifecycle', ['lifecycle']]])('%s workloads: every value runs and uses only enabled features', (_, workloads) => {
    for (const s of sample(workloads, 2000)) {
      expect(scenarioProblem(s)).toBeNull();
      expect(s.failMask & (s.failMask - 1), 'at most one allocation fails').toBe(0);
      if (!workloads.includes('alloc-fail')) expect(s.failMask).toBe(0);
      if (!workloads.includes('nokmem')) expect(s.nokmem).toBe(0);
      if (!workloads.includes('lifecycle')) expect(s.lifecycles).toEqual([]);
      if (!workloads.includes('populate')) expect(populates(s)).toBe(false);
      if (!workloads.includes('global')) expect(s.globalMask).toBe(0);
    }
  });

  it('draws a configuration: populate only with an expander, never a scenario without actors', () => {
    const configs = swarmConfigs(WORKLOADS);
    expect(configs.length).toBeGreaterThan(100);
    for (const { config, weight } of configs) {
      expect(Number.isInteger(weight) && weight > 0).toBe(true);
      expect(config.roles.some((r) => r)).toBe(true);
      if (config.workloads.includes('populate')) expect(config.roles[2]).toBe(true);
    }
    expect(swarmConfigs(['global']).every((c) => !c.config.roles[4])).toBe(true);
  });

  it('puts every pair of ingredients together in at least 3% of scenarios, and each is absent often', () => {
    const g = ingredientCoverage(4000, 1);
    expect(g.pairs).toHaveLength((INGREDIENTS.length * (INGREDIENTS.length - 1)) / 2);
    expect(g.minAfter.fraction, g.minAfter.pair).toBeGreaterThanOrEqual(0.03);
    // swarm: a feature is left out of many scenarios (a scenario is not crowded with all of them at once)
    const masks = sample(WORKLOADS, 4000).map(ingredientMask);
    INGREDIENTS.forEach(([name], i) => expect(masks.filter((m) => (m & (1 << i)) === 0).length / masks.length, name).toBeGreaterThan(0.05));
  });

  it('a swarm scenario shrinks through shrinkableScenarioArb, to one expander that populates', () => {
    const start = sample(WORKLOADS, 500, 7).find((s) => populates(s) && actorsOf(s).length >= 4 && s.lifecycles.length > 0 && s.failMask !== 0)!;
    expect(start).toBeDefined();
    const arb = shrinkableScenarioArb();
    expect(arb.canShrinkWithoutContext(start)).toBe(true);
    const out = fc.check(fc.property(arb, (s) => !populates(s)), { examples: [[start]], numRuns: 1, seed: 1 });
    expect(out.failed).toBe(true);
    const [s] = out.counterexample as [Scenario];
    expect(actorsOf(s)).toEqual([{ role: 2, ops: [{ a: 0, b: 1, c: 0 }] }]);
    expect(s).toMatchObject({ nodes: 1, memcgs: 1, failMask: 0, nokmem: 0 });
  });
});
