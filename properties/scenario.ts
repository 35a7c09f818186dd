/**
 * fast-check arbitraries for scenarios. Built only from records, arrays, integers and oneof (no map,
 * filter or chain), so fast-check can shrink a scenario it did not generate itself: a failure found by
 * any strategy, or decoded from a replay token, is shrunk through the same arbitrary.
 *
 * Three classes, after the small-scope hypothesis: tiny (one node, one memcg, one shrinker: every
 * operation collides on the same list and bit, where races live), small (one or two of each, argument
 * values 0..3) and broad (up to the limits, so expansion across several units, many memcgs and mixed
 * roles are covered too).
 */
import fc from 'fast-check';
import { MAX_MEMCGS, MAX_NODES } from '../src/model/layout.js';
import type { OpSpec, Scenario } from '../src/model/scenario.js';

export interface ScenarioLimits {
  /** [min, max] actors of each role: producers, reclaimers, expanders, unregisterers */
  actors: readonly (readonly [number, number])[];
  maxOps: number;
  maxNodes: number;
  maxMemcgs: number;
  maxUnitBits: number;
  maxShrinkers: number;
  /** operation arguments are 0..maxArg */
  maxArg: number;
}

export const BROAD_LIMITS: ScenarioLimits = { actors: [[0, 2], [0, 2], [0, 1], [0, 1]], maxOps: 3, maxNodes: 2, maxMemcgs: 3, maxUnitBits: 4, maxShrinkers: 4, maxArg: 7 };
export const TINY_LIMITS: ScenarioLimits = { actors: [[1, 2], [1, 2], [0, 0], [0, 1]], maxOps: 3, maxNodes: 1, maxMemcgs: 1, maxUnitBits: 2, maxShrinkers: 1, maxArg: 3 };
export const SMALL_LIMITS: ScenarioLimits = { actors: [[1, 2], [1, 1], [0, 1], [0, 1]], maxOps: 3, maxNodes: 2, maxMemcgs: 2, maxUnitBits: 2, maxShrinkers: 2, maxArg: 3 };

export function scenarioClassArb(l: ScenarioLimits): fc.Arbitrary<Scenario> {
  const arg = fc.nat({ max: l.maxArg });
  const op = fc.record({ a: arg, b: arg, c: arg });
  return fc.record({
    nodes: fc.integer({ min: 1, max: Math.min(l.maxNodes, MAX_NODES) }),
    memcgs: fc.integer({ min: 1, max: Math.min(l.maxMemcgs, MAX_MEMCGS - 1) }),
    unitBits: fc.integer({ min: 1, max: l.maxUnitBits }),
    shrinkers: fc.integer({ min: 1, max: l.maxShrinkers }),
    numaMask: fc.nat({ max: 15 }),
    producers: actorsArb(l, 0, op),
    reclaimers: actorsArb(l, 1, op),
    expanders: actorsArb(l, 2, op),
    unregisterers: actorsArb(l, 3, op),
  });
}

function actorsArb(l: ScenarioLimits, role: number, op: fc.Arbitrary<OpSpec>): fc.Arbitrary<OpSpec[][]> {
  const [minLength, maxLength] = l.actors[role];
  return fc.array(fc.array(op, { minLength: 1, maxLength: l.maxOps }), { minLength, maxLength });
}

/**
 * Everything a replay token or a thread run can hold (scenarioProblem's bounds), for shrinking a
 * counterexample that no search class generated. Never used to generate.
 */
export const SHRINK_LIMITS: ScenarioLimits = { actors: [[0, 4], [0, 4], [0, 4], [0, 4]], maxOps: 4096, maxNodes: 4, maxMemcgs: 7, maxUnitBits: 32, maxShrinkers: 64, maxArg: 255 };

/** For shrinking: the search classes first (the one that generated a value shrinks it), then SHRINK_LIMITS. */
export function shrinkableScenarioArb(): fc.Arbitrary<Scenario> {
  return fc.oneof(scenarioArb(), scenarioClassArb(SHRINK_LIMITS));
}

/** Tiny, small and broad scenarios, 2:2:1. */
export function scenarioArb(): fc.Arbitrary<Scenario> {
  return fc.oneof(
    { arbitrary: scenarioClassArb(TINY_LIMITS), weight: 2 },
    { arbitrary: scenarioClassArb(SMALL_LIMITS), weight: 2 },
    { arbitrary: scenarioClassArb(BROAD_LIMITS), weight: 1 },
  );
}
