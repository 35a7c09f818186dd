/**
 * The scenarios a bounded exhaustive search explores: small ones, after the small-scope hypothesis
 * (most races show with two or three actors doing one or two operations each). Drawn from the tiny and
 * small classes of scenario-arb.ts, deterministically from the seed, without duplicates, and ordered
 * smallest first by the length of their run without a preemption (the number of schedules with K
 * preemptions grows as that length to the K-th power), ties by fewer actors, then draw order.
 */
import fc from 'fast-check';
import { runScenario } from '../engine/run.js';
import type { ModelFns } from '../model/kernel.js';
import type { MemoryMode } from '../model/memory-model.js';
import { actorsOf, type Scenario } from '../model/scenario.js';
import type { Workload } from '../model/workloads.js';
import { explicitChooser } from '../sched/explicit.js';
import { scenarioClassArb, smallLimits, TINY_LIMITS } from './scenario-arb.js';

/** Candidates drawn from each class (tiny, small) before ordering. */
export const EXHAUSTIVE_DRAWS = 48;

export interface SizedScenario {
  scenario: Scenario;
  /** steps of its run without a preemption */
  steps: number;
}

export function exhaustiveScenarios(fns: ModelFns, seed: number, workloads: readonly Workload[], memory: MemoryMode, draws = EXHAUSTIVE_DRAWS): SizedScenario[] {
  const tiny = fc.sample(scenarioClassArb(TINY_LIMITS, []), { numRuns: draws, seed: seed | 0 });
  const small = fc.sample(scenarioClassArb(smallLimits(workloads), workloads), { numRuns: draws, seed: (seed + 1) | 0 });
  const seen = new Set<string>();
  const out: (SizedScenario & { order: number })[] = [];
  for (const s of [...tiny, ...small]) {
    const key = JSON.stringify(s);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ scenario: s, steps: runScenario(fns, s, explicitChooser([]), { memory }).steps, order: out.length });
  }
  const actors = (s: Scenario): number => actorsOf(s).length;
  out.sort((x, y) => x.steps - y.steps || actors(x.scenario) - actors(y.scenario) || x.order - y.order);
  return out.map(({ scenario, steps }) => ({ scenario, steps }));
}
