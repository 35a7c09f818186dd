/** A strategy plan (what the search phase generates) turned into a chooser for a scenario. */
import { actorsOf, type Scenario } from '../model/scenario.js';
import { conflictChooser } from './conflict.js';
import { explicitChooser } from './explicit.js';
import { pctChooser } from './pct.js';
import { randomChooser } from './random.js';
import type { Chooser } from './strategy.js';

export type Plan =
  | { strategy: 'random'; seed: number; switchLog2: number; /** conflict-directed (conflict.ts) when set */ hotLog2?: number; hold?: number }
  | { strategy: 'pct'; seed: number; depth: number; horizon: number }
  | { strategy: 'explicit'; schedule: readonly number[] };

export function chooserFor(plan: Plan, s: Scenario): Chooser {
  switch (plan.strategy) {
    case 'random': return plan.hotLog2 === undefined ? randomChooser(plan.seed, plan.switchLog2) : conflictChooser(plan.seed, plan.switchLog2, plan.hotLog2, plan.hold ?? 0);
    case 'pct': return pctChooser(actorsOf(s).length + 1, plan);
    case 'explicit': return explicitChooser(plan.schedule);
  }
}
