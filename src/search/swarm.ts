/**
 * Swarm scenarios (Groce et al., "Swarm Testing", ISSTA 2012): each generated scenario first draws a
 * feature configuration, then a scenario that uses only those features. Which roles race (producers
 * and reclaimers usually; expanders, unregisterers and memcg lifecycles on or off), one node or two,
 * one memcg or several, which of the enabled workloads this scenario uses, and at most one failing
 * allocation (a single bit of failMask: the j-th allocation of the run fails, a targeted -ENOMEM path,
 * not a random mask that fails half of them). Features are independent coins, so any two ingredients
 * meet in a fixed share of scenarios (src/bench/ingredients.ts measures it) instead of the product of
 * many unlikely draws, and a scenario is not crowded with features that mask each other.
 *
 * Every configuration is a small scope (args 0..3, at most 3 operations per actor, two nodes, three
 * memcgs, three boot shrinkers), after the small-scope hypothesis; the tiny class (one node, one memcg,
 * one shrinker: every operation collides on one list and one bit) stays in the mix.
 *
 * Built like scenario-arb.ts from records, arrays, integers, constants and oneof only (a configuration
 * is one weighted branch of fc.oneof over precomputed configurations), so any value it generates is
 * also a value fast-check can shrink without context.
 */
import fc from 'fast-check';
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { Workload } from '../model/workloads.js';
import { scenarioClassArb, TINY_LIMITS } from './scenario-classes.js';

/**
 * One feature configuration: the coins that more than one field depends on (the roles, and the
 * workloads that also set expander flags and arguments). The coins that one field alone depends on
 * (nodes, memcgs, nokmem, the failing allocation) are drawn inside the configuration's record as a
 * weighted oneof of "off" and "on": the same independent draw, with sixteen times fewer branches.
 */
export interface SwarmConfig {
  /** per role (producer, reclaimer, expander, unregisterer, lifecycle): present */
  roles: readonly boolean[];
  /** which of global, nonslab and populate this scenario uses */
  workloads: readonly Workload[];
  /**
   * operation arguments are 0 or 2 only, memcgs 0 or 1: producers work on node 0 of the first one or
   * two memcgs (a chain), adding and deleting (roles.ts), reclaim visits them, lifecycles create,
   * offline or free them; operations collide on a few lists and bits even with several memcgs
   */
  collide: boolean;
}

/** Integer weights of each coin, as [off, on]: producers and reclaimers are usually there. */
const ROLE_WEIGHTS: readonly (readonly [number, number])[] = [[1, 7], [1, 7], [1, 1], [1, 1], [1, 1]];
/** Workloads decided by the configuration; the others are coins of the record. */
const CONFIG_WORKLOADS: readonly Workload[] = ['global', 'nonslab', 'populate'];
/** The allocation that fails (its failMask bit); allocations past the eighth are rare in small scopes. */
export const FAIL_AT = [1, 2, 4, 8, 16, 32, 64, 128] as const;
/** Flags of an expander's shrinker (roles.ts expanderFlags): bit 1 global, bit 2 NONSLAB, bit 0 NUMA. */
export const flagsArb = (global: boolean, nonslab: boolean): fc.Arbitrary<number> =>
  fc.constantFrom(...[0, 1, 2, 3, 4, 5, 6, 7].filter((a) => (global || !(a & 2)) && (nonslab || !(a & 4))));

const ARG = fc.nat({ max: 3 });
const OP: fc.Arbitrary<OpSpec> = fc.record({ a: ARG, b: ARG, c: ARG });
const COLLIDE_ARG = fc.constantFrom(0, 2);
/** pickMemcg: the first child memcg, or the second (its child: a chain) or root when there is none */
const COLLIDE_MEMCG = fc.constantFrom(0, 1);
const COLLIDE_OP: fc.Arbitrary<OpSpec> = fc.record({ a: COLLIDE_ARG, b: COLLIDE_MEMCG, c: COLLIDE_ARG });
/** Colliding reclaim: those memcgs (root: the global walk). */
const COLLIDE_RECLAIM: fc.Arbitrary<OpSpec> = fc.record({ a: COLLIDE_MEMCG, b: COLLIDE_ARG, c: COLLIDE_ARG });
/** Colliding lifecycle: create, offline or free (a % 3) one of those memcgs. */
export const COLLIDE_LIFECYCLE: fc.Arbitrary<OpSpec> = fc.record({ a: fc.constantFrom(0, 1, 2), b: COLLIDE_MEMCG, c: COLLIDE_ARG });
export const NONE: fc.Arbitrary<OpSpec[][]> = fc.constant([]);
const actorsArb = (present: boolean, op: fc.Arbitrary<OpSpec>, max: number): fc.Arbitrary<OpSpec[][]> =>
  present ? fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: max }) : NONE;
/** A mask of boot shrinkers (3 at most) with at least one bit set, or none. */
const maskArb = (on: boolean): fc.Arbitrary<number> => (on ? fc.integer({ min: 1, max: 7 }) : fc.constant(0));
/** A coin of the record: `off` twice as often as `on` (one node, one memcg) or as often. */
export const coin = <T>(off: fc.Arbitrary<T>, on: fc.Arbitrary<T>, offWeight = 1): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: off, weight: offWeight }, { arbitrary: on, weight: 1 });

/** The scenarios of one configuration, under the enabled workloads. */
export function configArb(c: SwarmConfig, enabled: readonly Workload[]): fc.Arbitrary<Scenario> {
  const on = (w: Workload): boolean => c.workloads.includes(w);
  const [producer, reclaimer, expander, unregisterer, lifecycle] = c.roles;
  const op = c.collide ? COLLIDE_OP : OP;
  // expander: a = flags; b = items its owner adds before shrinker_register() (populate); c = their memcg
  const expanderOp = fc.record({ a: flagsArb(on('global'), on('nonslab')), b: on('populate') ? fc.integer({ min: 1, max: 3 }) : fc.constant(0), c: c.collide ? COLLIDE_ARG : ARG });
  return fc.record({
    nodes: coin(fc.constant(1), fc.constant(2), 2),
    memcgs: coin(fc.constant(1), fc.integer({ min: 2, max: 3 }), 2),
    unitBits: fc.integer({ min: 1, max: 2 }),
    // a global or NONSLAB boot shrinker beside a memcg-aware one needs two
    shrinkers: fc.integer({ min: on('global') || on('nonslab') ? 2 : 1, max: 3 }),
    numaMask: fc.nat({ max: 7 }),
    globalMask: maskArb(on('global')),
    nonslabMask: maskArb(on('nonslab')),
    nokmem: enabled.includes('nokmem') ? coin(fc.constant(0), fc.constant(1)) : fc.constant(0),
    failMask: enabled.includes('alloc-fail') ? coin(fc.constant(0), fc.constantFrom(...FAIL_AT)) : fc.constant(0),
    producers: actorsArb(producer, op, 2),
    reclaimers: actorsArb(reclaimer, c.collide ? COLLIDE_RECLAIM : OP, 2),
    expanders: actorsArb(expander, expanderOp, 1),
    unregisterers: actorsArb(unregisterer, op, 1),
    lifecycles: actorsArb(lifecycle, c.collide ? COLLIDE_LIFECYCLE : OP, 1),
  });
}

type Weighted = { config: SwarmConfig; weight: number };
type Choice = { patch: Partial<SwarmConfig>; weight: number };

/** Every configuration for a set of enabled workloads, with its integer weight (the product of its coins). */
export function swarmConfigs(workloads: readonly Workload[]): Weighted[] {
  let out: Weighted[] = [{ config: { roles: [], workloads: [], collide: false }, weight: 1 }];
  const fork = (choices: (c: SwarmConfig) => Choice[]): void => {
    out = out.flatMap((p) => choices(p.config).map((ch) => ({ config: { ...p.config, ...ch.patch }, weight: p.weight * ch.weight })));
  };
  ROLE_WEIGHTS.forEach(([off, present], role) => {
    const can = role !== 4 || workloads.includes('lifecycle'); // lifecycle actors only under their workload
    fork((c) => [{ patch: { roles: [...c.roles, false] }, weight: off }, ...(can ? [{ patch: { roles: [...c.roles, true] }, weight: present }] : [])]);
  });
  for (const w of CONFIG_WORKLOADS.filter((x) => workloads.includes(x))) {
    // populate acts through expanders only: without one it is no feature of the scenario
    fork((c) => [{ patch: {}, weight: 1 }, ...(w !== 'populate' || c.roles[2] ? [{ patch: { workloads: [...c.workloads, w] }, weight: 1 }] : [])]);
  }
  fork(() => [{ patch: { collide: false }, weight: 1 }, { patch: { collide: true }, weight: 1 }]);
  return out.filter((p) => p.config.roles.some((r) => r)); // a scenario with no actor cannot run
}

const cache = new Map<string, fc.Arbitrary<Scenario>>();

/** Swarm scenarios for a set of enabled workloads: the tiny class half the time, configurations otherwise. */
export function swarmScenarioArb(workloads: readonly Workload[]): fc.Arbitrary<Scenario> {
  const key = [...workloads].sort().join(',');
  let arb = cache.get(key);
  if (arb === undefined) {
    const swarm = fc.oneof(...swarmConfigs(workloads).map(({ config, weight }) => ({ arbitrary: configArb(config, workloads), weight })));
    arb = fc.oneof({ arbitrary: scenarioClassArb(TINY_LIMITS, []), weight: 1 }, { arbitrary: swarm, weight: 1 });
    cache.set(key, arb);
  }
  return arb;
}
