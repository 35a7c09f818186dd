/**
 * Dense scenarios (src/search/dense.ts): every value runs, uses only the enabled workloads, puts every
 * producer and reclaimer operation on memcg 1 of one node, and shrinks through shrinkableScenarioArb;
 * and it is what it is for: no-recheck's add/clear-bit race in far fewer runs than the uniform
 * generator at the same seed (runs counted, not timed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioProblem, type Scenario } from '../../src/model/scenario.js';
import { DEFAULT_WORKLOADS, WORKLOADS, type Workload } from '../../src/model/workloads.js';
import { scenarioArb, shrinkableScenarioArb } from '../../src/search/scenario-arb.js';
import { check } from '../../src/search/check.js';
import { findVariant } from '../../src/variants/registry.js';
import { isDel } from '../../src/actors/roles.js';

const sample = (workloads: readonly Workload[], n: number): Scenario[] => fc.sample(scenarioArb(workloads, 'dense'), { numRuns: n, seed: 1 });

describe('dense scenarios', () => {
  it.each<[string, readonly Workload[]]>([['default', DEFAULT_WORKLOADS], ['all six', WORKLOADS], ['none', []]])('%s workloads: every value runs, on one memcg, with only enabled features', (_, workloads) => {
    const arb = shrinkableScenarioArb(workloads);
    let dels = 0;
    for (const s of sample(workloads, 1000)) {
      expect(scenarioProblem(s)).toBeNull();
      expect(arb.canShrinkWithoutContext(s)).toBe(true);
      expect([s.nodes, s.memcgs]).toEqual([1, 1]);
      expect(s.producers.length).toBeGreaterThan(0);
      expect(s.reclaimers.length).toBe(1);
      for (const op of s.producers.flat()) expect(op.b).toBe(0); // memcg 1 (pickMemcg(2, 0))
      for (const op of s.reclaimers.flat()) expect(op.a).toBe(0);
      dels += s.producers.flat().filter(isDel).length;
      expect(s.failMask & (s.failMask - 1)).toBe(0);
      if (!workloads.includes('alloc-fail')) expect(s.failMask).toBe(0);
      if (!workloads.includes('nokmem')) expect(s.nokmem).toBe(0);
      if (!workloads.includes('lifecycle')) expect(s.lifecycles).toEqual([]);
      if (!workloads.includes('global')) expect(s.globalMask).toBe(0);
    }
    expect(dels).toBeGreaterThan(500); // producers delete as well as add
  });

  it('finds no-recheck at seed 1 in under a tenth of the runs the uniform generator needs', () => {
    const v = findVariant('no-recheck')!;
    const run = (scenarios: 'dense' | 'uniform') => check({ variant: v, runs: 60_000, seed: 1, strategy: 'random', scenarios, shrinkTimeMs: 1 });
    const dense = run('dense');
    const uniform = run('uniform');
    expect(dense.failure?.invariant).toBe('lost-bit');
    const u = uniform.failure ? uniform.failure.runsToFirstFailure : 60_000;
    expect(dense.failure!.runsToFirstFailure * 10).toBeLessThan(u);
  }, 120_000);
});
