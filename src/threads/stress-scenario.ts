/**
 * Scenarios for the thread engine, fixed by the seed. Each is drawn from the stress class (producers,
 * reclaimers and an unregisterer always present; units of at least 2 bits) and unrolled: every actor
 * repeats its operations, so threads overlap for thousands of steps while the arenas stay bounded
 * (expanders and unregisterers repeat less: each repetition allocates or frees a shrinker).
 */
import fc from 'fast-check';
import { scenarioClassArb, type ScenarioLimits } from '../search/scenario-arb.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';
import { scenarioProblem, type OpSpec, type Scenario } from '../model/scenario.js';

export const STRESS_LIMITS: ScenarioLimits = { actors: [[1, 2], [1, 2], [0, 1], [1, 1], [0, 0]], maxOps: 3, maxNodes: 2, maxMemcgs: 2, maxUnitBits: 4, maxShrinkers: 2, maxArg: 3 };

const BATCH = 100;
const repeatOps = (list: OpSpec[][], n: number): OpSpec[][] => list.map((ops) => Array.from({ length: n }, () => ops).flat());

export function unroll(s: Scenario, repeat: number): Scenario {
  const base = { ...s, unitBits: Math.max(2, s.unitBits), producers: repeatOps(s.producers, repeat), reclaimers: repeatOps(s.reclaimers, repeat) };
  for (let slow = Math.max(1, Math.ceil(repeat / 4)); ; slow = Math.max(1, slow >> 1)) {
    const u = { ...base, expanders: repeatOps(s.expanders, slow), unregisterers: repeatOps(s.unregisterers, slow) };
    if (scenarioProblem(u) === null || slow === 1) return u;
  }
}

/**
 * The scenarios of a stress seed: `at(i)` is the i-th as the threads run it (unrolled), `base(i)` the
 * same before unrolling; the same for the same seed. One batch of BATCH base scenarios is held at a time.
 */
export function stressScenarios(seed: number, repeat: number): { at(i: number): Scenario; base(i: number): Scenario } {
  let batchNo = -1;
  let batch: Scenario[] = [];
  const base = (i: number): Scenario => {
    if (Math.floor(i / BATCH) !== batchNo) {
      batchNo = Math.floor(i / BATCH);
      batch = fc.sample(scenarioClassArb(STRESS_LIMITS, DEFAULT_WORKLOADS), { seed: (seed + batchNo) | 0, numRuns: BATCH });
    }
    return batch[i % BATCH];
  };
  return { at: (i) => unroll(base(i), repeat), base };
}
