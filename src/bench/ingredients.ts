/**
 * Ingredient-pair coverage of the scenario generators (issue F, swarm scenarios): a race needs several
 * ingredients in one scenario (a role racing another, a second node or memcg, a workload feature), and
 * a generator that puts two of them together rarely leaves every race that needs both rare too. Over a
 * fixed sample of generated scenarios, measure the fraction that holds each pair of ingredients, for
 * the uniform generator (before; three runs in four of check's default, blend) and the swarm one
 * (src/search/swarm.ts: after).
 *
 * An ingredient is what the scenario can do, read from its fields as the roles read them
 * (actors/roles.ts): a global or NONSLAB shrinker is a boot shrinker with that flag, or an expander
 * operation whose flags say so; populate is an expander operation that adds items before registering.
 */
import fc from 'fast-check';
import type { Scenario } from '../model/scenario.js';
import { WORKLOADS, type Workload } from '../model/workloads.js';
import { swarmScenarioArb } from '../search/swarm.js';
import { uniformScenarioArb } from '../search/scenario-classes.js';
import type { Ingredients } from '../report/bench-schema.js';

const bootMask = (s: Scenario): number => (s.shrinkers >= 31 ? 0x7fffffff : (1 << s.shrinkers) - 1);
const expanderFlag = (s: Scenario, bit: number): boolean => s.expanders.some((ops) => ops.some((op) => (op.a & bit) !== 0));

/** The ingredients, by name, and whether a scenario holds each. */
export const INGREDIENTS: readonly (readonly [string, (s: Scenario) => boolean])[] = [
  ['producer', (s) => s.producers.length > 0],
  ['reclaimer', (s) => s.reclaimers.length > 0],
  ['expander', (s) => s.expanders.length > 0],
  ['unregisterer', (s) => s.unregisterers.length > 0],
  ['lifecycle', (s) => s.lifecycles.length > 0],
  ['nodes>1', (s) => s.nodes > 1],
  ['memcgs>1', (s) => s.memcgs > 1],
  ['global', (s) => (s.globalMask & bootMask(s)) !== 0 || expanderFlag(s, 2)],
  ['nonslab', (s) => (s.nonslabMask & bootMask(s)) !== 0 || expanderFlag(s, 4)],
  ['nokmem', (s) => s.nokmem !== 0],
  ['alloc-fail', (s) => s.failMask !== 0],
  ['populate', (s) => s.expanders.some((ops) => ops.some((op) => op.b > 0))],
];

/** Per scenario, a bitmask of the ingredients it holds (bit i: INGREDIENTS[i]). */
export const ingredientMask = (s: Scenario): number => INGREDIENTS.reduce((m, [, has], i) => (has(s) ? m | (1 << i) : m), 0);

/** Fraction of `masks` holding both ingredients i and j, for every pair i < j (pair order: i, then j). */
export function pairFractions(masks: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < INGREDIENTS.length; i++) {
    for (let j = i + 1; j < INGREDIENTS.length; j++) {
      const both = (1 << i) | (1 << j);
      out.push(masks.filter((m) => (m & both) === both).length / Math.max(1, masks.length));
    }
  }
  return out;
}

const sampleMasks = (arb: fc.Arbitrary<Scenario>, samples: number, seed: number): number[] =>
  fc.sample(arb, { numRuns: samples, seed: seed | 0 }).map(ingredientMask);

/** Pair coverage of the uniform (before) and swarm (after) generators, over `samples` scenarios each. */
export function ingredientCoverage(samples: number, seed: number, workloads: readonly Workload[] = WORKLOADS): Ingredients {
  const before = pairFractions(sampleMasks(uniformScenarioArb(workloads), samples, seed));
  const after = pairFractions(sampleMasks(swarmScenarioArb(workloads), samples, seed));
  const pairs: Ingredients['pairs'] = [];
  for (let i = 0, k = 0; i < INGREDIENTS.length; i++) {
    for (let j = i + 1; j < INGREDIENTS.length; j++, k++) pairs.push({ a: INGREDIENTS[i][0], b: INGREDIENTS[j][0], before: before[k], after: after[k] });
  }
  const min = (side: 'before' | 'after'): Ingredients['minBefore'] => {
    const p = pairs.reduce((lo, x) => (x[side] < lo[side] ? x : lo));
    return { pair: `${p.a} + ${p.b}`, fraction: p[side] };
  };
  return { workloads: [...workloads], samples, seed, names: INGREDIENTS.map(([n]) => n), pairs, minBefore: min('before'), minAfter: min('after') };
}
