/**
 * Dense scenarios (`--scenarios dense`): the smallest scope in which every operation collides. One
 * node, one memcg below root; producers (one or two, two or three operations each) add to and delete
 * from that memcg's lists of the first two owners only; one reclaimer walks that memcg once or twice;
 * an expander and an unregisterer each come a third of the time, a memcg lifecycle a quarter (half of
 * those an rmdir: that memcg offline, then freed). Each workload feature is on a quarter of the time;
 * at most one allocation fails. No page cache, no referenced items, no global walk: what is left is
 * the core of the add/clear-bit, registration and teardown races, drawn far more often than any other
 * generator draws them.
 *
 * Measured (runs to the first failure over seeds 1-10, medians, cap 40,000; check's random plans):
 * no-recheck 403 runs (uniform 16,648, swarm 8,325), expand-memcpy 131 (566), info-after-unlock 146
 * (570), free-without-wait 36 (26), plain-publish 178 (269), no-mb-before-atomic 2,159 (3,195); slower
 * on free-without-grace-period 3,356 (138), and it never draws what global-put-without-rcu needs (a
 * global walk at root), nor the reference's nokmem finding (NONSLAB shrinkers under a walk of many
 * memcgs). So alone it is a generator to choose; check's default, blend (trial-arb.ts), draws it one
 * run in four.
 *
 * Built from records, arrays, integers, constants and oneof only, as every generator is, so a dense
 * scenario shrinks through shrinkableScenarioArb like any other.
 */
import fc from 'fast-check';
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { Workload } from '../model/workloads.js';
import { coin, COLLIDE_LIFECYCLE, FAIL_AT, flagsArb, NONE } from './swarm.js';

/** producer: owner 0 or 2 (the first two live ones while both live), memcg 1, add (c 0) or delete (c 2) */
const PRODUCER_OP: fc.Arbitrary<OpSpec> = fc.record({ a: fc.constantFrom(0, 2), b: fc.constant(0), c: fc.constantFrom(0, 2) });
/** reclaimer: memcg 1, node 0, any priority */
const RECLAIM_OP: fc.Arbitrary<OpSpec> = fc.record({ a: fc.constant(0), b: fc.constant(0), c: fc.nat({ max: 2 }) });
/** unregisterer: the first or second live owner */
const UNREGISTER_OP: fc.Arbitrary<OpSpec> = fc.record({ a: fc.nat({ max: 1 }), b: fc.constant(0), c: fc.constant(0) });

/** One actor of a role, present with probability 1 / (offWeight + 1). */
const maybeActor = (op: fc.Arbitrary<OpSpec>, maxOps: number, offWeight: number): fc.Arbitrary<OpSpec[][]> =>
  coin(NONE, oneActor(op, maxOps), offWeight);
/** Exactly one actor of a role, with 1 to maxOps operations. */
const oneActor = (op: fc.Arbitrary<OpSpec>, maxOps: number): fc.Arbitrary<OpSpec[][]> =>
  fc.array(fc.array(op, { minLength: 1, maxLength: maxOps }), { minLength: 1, maxLength: 1 });

/**
 * rmdir of the memcg (lifecycle.ts: offline, then free, of pick 0, memcg 1): the memcg goes away under
 * the producers and the reclaimer. Drawn from independent operations it comes once in 36 lifecycles
 * (offline then free, both of memcg 1); anything that uses a memcg across a free needs it.
 */
const RMDIR: fc.Arbitrary<OpSpec[][]> = fc.constant([[{ a: 1, b: 0, c: 0 }, { a: 2, b: 0, c: 0 }]]);

export function denseScenarioArb(workloads: readonly Workload[]): fc.Arbitrary<Scenario> {
  const on = (w: Workload): boolean => workloads.includes(w);
  const feature = (w: Workload, value: number): fc.Arbitrary<number> => (on(w) ? coin(fc.constant(0), fc.constant(value), 3) : fc.constant(0));
  // expander: flags; b items its owner adds before shrinker_register() (populate); c their memcg (memcg 1)
  const expanderOp = fc.record({ a: flagsArb(on('global'), on('nonslab')), b: on('populate') ? fc.nat({ max: 2 }) : fc.constant(0), c: fc.constant(0) });
  return fc.record({
    nodes: fc.constant(1),
    memcgs: fc.constant(1),
    unitBits: fc.integer({ min: 1, max: 2 }),
    shrinkers: fc.integer({ min: 1, max: 2 }),
    numaMask: fc.nat({ max: 3 }),
    globalMask: feature('global', 2),
    nonslabMask: feature('nonslab', 2),
    nokmem: feature('nokmem', 1),
    failMask: on('alloc-fail') ? coin(fc.constant(0), fc.constantFrom(...FAIL_AT), 3) : fc.constant(0),
    producers: fc.array(fc.array(PRODUCER_OP, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
    reclaimers: fc.array(fc.array(RECLAIM_OP, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 1 }),
    expanders: maybeActor(expanderOp, 2, 2),
    unregisterers: maybeActor(UNREGISTER_OP, 1, 2),
    lifecycles: on('lifecycle') ? coin(NONE, fc.oneof(oneActor(COLLIDE_LIFECYCLE, 2), RMDIR), 3) : NONE,
  });
}
