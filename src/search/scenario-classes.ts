/**
 * The scenario size classes and the uniform generator (the one `check` used before swarm scenarios,
 * src/search/swarm.ts; the bench's "before"). Built only from records, arrays, integers, constants and oneof
 * (no map, filter or chain), so fast-check can shrink a scenario it did not generate itself: a failure
 * found by any strategy, or decoded from a replay token, is shrunk through the same arbitraries.
 *
 * Three size classes, after the small-scope hypothesis: tiny (one node, one memcg, one shrinker: every
 * operation collides on the same list and bit, where races live), small (one or two of each, argument
 * values 0..3) and broad (up to the limits, so expansion across several units, many memcgs and mixed
 * roles are covered too).
 *
 * Workloads switch model features on: a disabled one keeps its fields at 0, so scenarios of a narrower
 * workload are also scenarios of a wider one. Tiny scenarios never use them: they keep the densest
 * collisions on the core model; small and broad ones carry the workloads.
 */
import fc from 'fast-check';
import { MAX_MEMCGS, MAX_NODES } from '../model/layout.js';
import type { OpSpec, Scenario } from '../model/scenario.js';
import { DEFAULT_WORKLOADS, WORKLOADS, type Workload } from '../model/workloads.js';


export interface ScenarioLimits {
  /** [min, max] actors of each role: producers, reclaimers, expanders, unregisterers, lifecycles */
  actors: readonly (readonly [number, number])[];
  maxOps: number;
  maxNodes: number;
  maxMemcgs: number;
  maxUnitBits: number;
  maxShrinkers: number;
  /** operation arguments are 0..maxArg */
  maxArg: number;
}

export const BROAD_LIMITS: ScenarioLimits = { actors: [[0, 2], [0, 2], [0, 1], [0, 1], [0, 1]], maxOps: 3, maxNodes: 2, maxMemcgs: 3, maxUnitBits: 4, maxShrinkers: 4, maxArg: 7 };
export const TINY_LIMITS: ScenarioLimits = { actors: [[1, 2], [1, 2], [0, 0], [0, 1], [0, 1]], maxOps: 3, maxNodes: 1, maxMemcgs: 1, maxUnitBits: 2, maxShrinkers: 1, maxArg: 3 };
export const SMALL_LIMITS: ScenarioLimits = { actors: [[1, 2], [1, 1], [0, 1], [0, 1], [0, 1]], maxOps: 3, maxNodes: 2, maxMemcgs: 2, maxUnitBits: 2, maxShrinkers: 2, maxArg: 3 };
/**
 * Everything a replay token or a thread run can hold (scenarioProblem's bounds), for shrinking a
 * counterexample that no search class generated. Never used to generate.
 */
export const SHRINK_LIMITS: ScenarioLimits = { actors: [[0, 4], [0, 4], [0, 4], [0, 4], [0, 4]], maxOps: 4096, maxNodes: 4, maxMemcgs: 7, maxUnitBits: 32, maxShrinkers: 64, maxArg: 255 };


const flag = (on: boolean, arb: fc.Arbitrary<number>): fc.Arbitrary<number> => (on ? arb : fc.constant(0));

export function scenarioClassArb(l: ScenarioLimits, workloads: readonly Workload[] = WORKLOADS): fc.Arbitrary<Scenario> {
  const on = (w: Workload): boolean => workloads.includes(w);
  const arg = fc.nat({ max: l.maxArg });
  const op = fc.record({ a: arg, b: arg, c: arg });
  // expander: a = flags; b = items its owner adds before shrinker_register() (populate only)
  const expanderOp = fc.record({ a: arg, b: flag(on('populate'), fc.nat({ max: Math.min(3, l.maxArg) })), c: arg });
  const actors = (role: number, o: fc.Arbitrary<OpSpec>): fc.Arbitrary<OpSpec[][]> => {
    const [minLength, maxLength] = l.actors[role];
    return fc.array(fc.array(o, { minLength: 1, maxLength: l.maxOps }), { minLength, maxLength });
  };
  return fc.record({
    nodes: fc.integer({ min: 1, max: Math.min(l.maxNodes, MAX_NODES) }),
    memcgs: fc.integer({ min: 1, max: Math.min(l.maxMemcgs, MAX_MEMCGS - 1) }),
    unitBits: fc.integer({ min: 1, max: l.maxUnitBits }),
    shrinkers: fc.integer({ min: 1, max: l.maxShrinkers }),
    numaMask: fc.nat({ max: 15 }),
    globalMask: flag(on('global'), fc.nat({ max: 15 })),
    nonslabMask: flag(on('nonslab'), fc.nat({ max: 15 })),
    nokmem: flag(on('nokmem'), fc.nat({ max: 1 })),
    failMask: flag(on('alloc-fail'), fc.oneof(fc.constant(0), fc.nat({ max: 0x7fffffff }))),
    producers: actors(0, op),
    reclaimers: actors(1, op),
    expanders: actors(2, expanderOp),
    unregisterers: actors(3, op),
    lifecycles: on('lifecycle') ? actors(4, op) : fc.constant([]),
  });
}

/**
 * Under nokmem only NONSLAB shrinkers act in memcg reclaim; what can go wrong is how NONSLAB and slab
 * shrinkers come and go around each other, so small scenarios of that workload always register and
 * free shrinkers during the run.
 */
export const smallLimits = (workloads: readonly Workload[]): ScenarioLimits =>
  workloads.includes('nokmem') ? { ...SMALL_LIMITS, actors: [[1, 2], [1, 1], [1, 1], [1, 1], [0, 1]] } : SMALL_LIMITS;

/**
 * Tiny, small and broad scenarios, 2:2:1; tiny ones use the core model only (no workload features).
 * Every feature of the enabled workloads is drawn in every small and broad scenario at once.
 */
export function uniformScenarioArb(workloads: readonly Workload[] = DEFAULT_WORKLOADS): fc.Arbitrary<Scenario> {
  return fc.oneof(
    { arbitrary: scenarioClassArb(TINY_LIMITS, []), weight: 2 },
    { arbitrary: scenarioClassArb(smallLimits(workloads), workloads), weight: 2 },
    { arbitrary: scenarioClassArb(BROAD_LIMITS, workloads), weight: 1 },
  );
}
