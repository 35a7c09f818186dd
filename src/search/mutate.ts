/**
 * Mutations of a (scenario, plan) pair for the coverage-guided search (search/guided-search.ts): one
 * small change that stays inside what the search arbitraries generate (scenario-arb.ts BROAD_LIMITS,
 * the widest class; schedule-arb.ts plan ranges), so a mutant is a value the plain search could have
 * drawn, and shrinking and replay treat it like any other. Workload fields stay 0 when their workload
 * is off. Every draw comes from the caller's PRNG: the same seed gives the same mutants.
 */
import { MAX_MEMCGS, MAX_NODES } from '../model/layout.js';
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { Workload } from '../model/workloads.js';
import type { Plan } from '../sched/plan.js';
import { BROAD_LIMITS as L } from './scenario-arb.js';
import { CONFLICT_PLAN as C, PCT_PLAN as T, PLAIN_SWITCH_LOG2 as P } from './schedule-arb.js';

export type Rng = () => number;

const below = (rng: Rng, n: number): number => rng() % n;
const between = (rng: Rng, lo: number, hi: number): number => lo + below(rng, hi - lo + 1);
const inRange = (rng: Rng, r: readonly [number, number]): number => between(rng, r[0], r[1]);

const ROLE_KEYS = ['producers', 'reclaimers', 'expanders', 'unregisterers', 'lifecycles'] as const;

function randomOp(rng: Rng, role: number, workloads: readonly Workload[]): OpSpec {
  const b = role === 2 ? (workloads.includes('populate') ? between(rng, 0, Math.min(3, L.maxArg)) : 0) : between(rng, 0, L.maxArg);
  return { a: between(rng, 0, L.maxArg), b, c: between(rng, 0, L.maxArg) };
}

/** A fresh schedule for the same scenario: a new seed, or other PCT change points. */
export function mutatePlan(plan: Plan, rng: Rng): Plan {
  const seed = rng();
  if (plan.strategy === 'random') {
    return below(rng, 3) === 0 ? { strategy: 'pct', seed, depth: inRange(rng, T.depth), horizon: inRange(rng, T.horizon) } : { ...plan, seed, switchLog2: below(rng, 2) === 0 ? inRange(rng, plan.hotLog2 === undefined ? P : C.switchLog2) : plan.switchLog2 };
  }
  if (plan.strategy === 'pct') {
    const k = below(rng, 4);
    if (k === 0) return { ...plan, seed };
    if (k === 1) return { ...plan, seed, depth: inRange(rng, T.depth) };
    if (k === 2) return { ...plan, horizon: inRange(rng, T.horizon) };
    // plain or conflict-directed random, as planArb('random') draws them
    return below(rng, 2) === 0 ? { strategy: 'random', seed, switchLog2: inRange(rng, P) } : { strategy: 'random', seed, switchLog2: inRange(rng, C.switchLog2), hotLog2: inRange(rng, C.hotLog2), hold: inRange(rng, C.hold) };
  }
  return plan;
}

/** One change to the scenario: an op's argument, a machine field, an actor or an op added or removed. */
export function mutateScenario(s0: Scenario, rng: Rng, workloads: readonly Workload[]): Scenario {
  const s: Scenario = structuredClone(s0);
  const on = (w: Workload): boolean => workloads.includes(w);
  const roles = [0, 1, 2, 3, ...(on('lifecycle') ? [4] : [])];
  const withOps = roles.filter((r) => s[ROLE_KEYS[r]].length > 0);
  switch (below(rng, 6)) {
    case 0: { // one argument of one op
      if (withOps.length === 0) break;
      const r = withOps[below(rng, withOps.length)];
      const actor = s[ROLE_KEYS[r]][below(rng, s[ROLE_KEYS[r]].length)];
      const op = actor[below(rng, actor.length)];
      const fresh = randomOp(rng, r, workloads);
      const f = (['a', 'b', 'c'] as const)[below(rng, 3)];
      op[f] = fresh[f];
      break;
    }
    case 1: { // one machine field
      const fields: [keyof Scenario, number, number][] = [
        ['nodes', 1, Math.min(L.maxNodes, MAX_NODES)], ['memcgs', 1, Math.min(L.maxMemcgs, MAX_MEMCGS - 1)], ['unitBits', 1, L.maxUnitBits],
        ['shrinkers', 1, L.maxShrinkers], ['numaMask', 0, 15],
        ...(on('global') ? [['globalMask', 0, 15] as [keyof Scenario, number, number]] : []),
        ...(on('nonslab') ? [['nonslabMask', 0, 15] as [keyof Scenario, number, number]] : []),
        ...(on('nokmem') ? [['nokmem', 0, 1] as [keyof Scenario, number, number]] : []),
      ];
      if (on('alloc-fail') && below(rng, fields.length + 1) === 0) {
        s.failMask = (s.failMask ^ (1 << below(rng, 31))) & 0x7fffffff; // one more (or one fewer) allocation fails
        break;
      }
      const [key, lo, hi] = fields[below(rng, fields.length)];
      (s as unknown as Record<string, number>)[key] = between(rng, lo, hi);
      break;
    }
    case 2: { // add an actor
      const r = roles[below(rng, roles.length)];
      if (s[ROLE_KEYS[r]].length >= L.actors[r][1]) break;
      s[ROLE_KEYS[r]].push(Array.from({ length: between(rng, 1, L.maxOps) }, () => randomOp(rng, r, workloads)));
      break;
    }
    case 3: { // remove an actor (one stays)
      if (withOps.length === 0 || roles.reduce((n, r) => n + s[ROLE_KEYS[r]].length, 0) <= 1) break;
      const list = s[ROLE_KEYS[withOps[below(rng, withOps.length)]]];
      list.splice(below(rng, list.length), 1);
      break;
    }
    default: { // add or remove one op of one actor
      if (withOps.length === 0) break;
      const r = withOps[below(rng, withOps.length)];
      const actor = s[ROLE_KEYS[r]][below(rng, s[ROLE_KEYS[r]].length)];
      if (actor.length > 1 && below(rng, 2) === 0) actor.splice(below(rng, actor.length), 1);
      else if (actor.length < L.maxOps) actor.splice(below(rng, actor.length + 1), 0, randomOp(rng, r, workloads));
    }
  }
  return s;
}
