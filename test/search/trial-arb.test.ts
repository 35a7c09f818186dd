/**
 * The blend generator (src/search/trial-arb.ts), check's default: a uniform scenario under the
 * strategy's plans three runs in four, a dense one the fourth, which under the random strategy gets a
 * conflict-directed random plan or a PCT plan, half each (never a plain random one). Checked on a sample: the proportions, that a PCT plan comes only
 * with a dense scenario under the random strategy, that other generators pair scenario and plan
 * independently, and that a fixed scenario keeps its plans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { WORKLOADS } from '../../src/model/workloads.js';
import { densePlanArb, trialArb } from '../../src/search/trial-arb.js';
import type { Plan } from '../../src/search/schedule-arb.js';

/** dense.ts's shape: one node and memcg, every producer op on memcg 1, one reclaimer of memcg 1 on node 0 */
const denseShape = (s: Scenario): boolean =>
  s.nodes === 1 && s.memcgs === 1 && s.reclaimers.length === 1 &&
  s.producers.flat().every((op) => op.b === 0 && (op.a === 0 || op.a === 2)) &&
  s.reclaimers.flat().every((op) => op.a === 0 && op.b === 0);
const rmdir = (s: Scenario): boolean => JSON.stringify(s.lifecycles) === JSON.stringify([[{ a: 1, b: 0, c: 0 }, { a: 2, b: 0, c: 0 }]]);

const N = 8000;
const sample = (a: fc.Arbitrary<[Scenario, Plan]>): [Scenario, Plan][] => fc.sample(a, { numRuns: N, seed: 7 });

describe('blend: scenarios and plans drawn together', () => {
  it('random strategy: a PCT plan in about one run in eight, always with a dense scenario; rmdir lifecycles come', () => {
    const trials = sample(trialArb(WORKLOADS, 'blend', 'random'));
    const pct = trials.filter(([, p]) => p.strategy === 'pct');
    expect(pct.length).toBeGreaterThan(N / 8 - 250);
    expect(pct.length).toBeLessThan(N / 8 + 250);
    for (const [s] of pct) expect(denseShape(s)).toBe(true);
    const dense = trials.filter(([s]) => denseShape(s)).length; // (a few uniform tiny ones have that shape too)
    expect(dense).toBeGreaterThan(N / 4 - 300);
    // dense: lifecycle a quarter, half of those rmdir -> 1/32 of all runs
    const rm = trials.filter(([s]) => rmdir(s)).length;
    expect(rm).toBeGreaterThan(N / 32 - 100);
    expect(rm).toBeLessThan(N / 32 + 100);
  });

  it('a dense scenario\'s plan under the random strategy: conflict-directed random or PCT, half each, never plain random', () => {
    const plans = fc.sample(densePlanArb('random'), { numRuns: N, seed: 7 });
    const pct = plans.filter((p) => p.strategy === 'pct').length;
    expect(pct).toBeGreaterThan(N / 2 - 300);
    expect(pct).toBeLessThan(N / 2 + 300);
    expect(plans.every((p) => p.strategy === 'pct' || (p.strategy === 'random' && p.hotLog2 !== undefined))).toBe(true);
    // the blend's uniform scenarios keep plain random plans too
    expect(sample(trialArb(WORKLOADS, 'blend', 'random')).some(([, p]) => p.strategy === 'random' && p.hotLog2 === undefined)).toBe(true);
  });

  it('pct strategy: every plan PCT; other generators never pair a random search with PCT plans', () => {
    expect(sample(trialArb(WORKLOADS, 'blend', 'pct')).every(([, p]) => p.strategy === 'pct')).toBe(true);
    for (const g of ['uniform', 'dense', 'swarm'] as const) {
      expect(sample(trialArb(WORKLOADS, g, 'random')).every(([, p]) => p.strategy === 'random')).toBe(true);
    }
  });

  it('a fixed scenario is searched under the strategy\'s own plans', () => {
    const s = sample(trialArb(WORKLOADS, 'blend', 'random'))[0][0];
    const trials = sample(trialArb(WORKLOADS, 'blend', 'random', s));
    expect(trials.every(([x, p]) => x === s && p.strategy === 'random')).toBe(true);
  });
});
