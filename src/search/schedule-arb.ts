/**
 * fast-check arbitraries for schedules.
 *  - strategy plans: what a strategy needs to produce a schedule (a seed for random; seed, depth and
 *    horizon for PCT). They are what the search phase generates.
 *  - explicit schedules (sched/explicit.ts): what every run is recorded as, replayed from and shrunk
 *    over. An array of small integers, so fast-check shrinks it without context.
 */
import fc from 'fast-check';
import { MAX_ACTORS } from '../model/layout.js';
import type { StrategyName } from '../sched/strategy.js';

import type { Plan } from '../sched/plan.js';
export type { Plan };

export function planArb(strategy: StrategyName): fc.Arbitrary<Plan> {
  const seed = fc.integer({ min: 0, max: 0x7fffffff });
  if (strategy === 'random') {
    // half plain random, half conflict-directed (sched/conflict.ts). Measured over seeds 1-10 (runs to
    // first failure, medians, plain -> this mix): no-recheck 9,106 -> 3,636, no-mb-after-atomic (weak)
    // 55,804 -> 23,421, no-mb-before-atomic 2,524 -> 631, plain-publish 2,496 -> 1,483, info-after-unlock
    // 522 -> 395; slower on free-without-wait 13 -> 35, free-without-grace-period 41 -> 109,
    // expand-memcpy 576 -> 799, global-put-without-rcu 550 -> 1,041 (all still under 0.2 s)
    const plain = fc.record({ strategy: fc.constant('random' as const), seed, switchLog2: fc.integer({ min: 0, max: 4 }) });
    const conflict = fc.record({ strategy: fc.constant('random' as const), seed, switchLog2: fc.integer({ min: 3, max: 7 }), hotLog2: fc.integer({ min: 0, max: 1 }), hold: fc.integer({ min: 0, max: 24 }) });
    return fc.oneof(plain, conflict);
  }
  return fc.record({
    strategy: fc.constant('pct' as const),
    seed,
    depth: fc.integer({ min: 1, max: 4 }),
    horizon: fc.integer({ min: 10, max: 200 }),
  });
}

/** Explicit schedules up to `maxLength` steps (a failing run's schedule must fit). */
export function explicitScheduleArb(maxLength: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: MAX_ACTORS }), { maxLength, size: 'max' });
}
