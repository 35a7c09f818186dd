import { describe, expect, it } from 'vitest';
import { kalloc } from '../../src/model/arena.js';
import { SH_DONE, SH_REFCOUNT, T_SHRINKER } from '../../src/model/layout.js';
import { testKernel } from '../helpers/kernel.js';
import { complete, refcount_dec_and_test, refcount_inc_not_zero, refcount_set, wait_for_completion } from '../../src/sync/refcount.js';
import { runAlone } from '../../src/actors/setup.js';
import { Violation } from '../../src/model/violation.js';


describe('refcount', () => {
  it('inc_not_zero fails on zero and succeeds above it; dec_and_test reports reaching zero', () => {
    const k = testKernel();
    const s = kalloc(k, T_SHRINKER);
    expect(runAlone(refcount_inc_not_zero(k, s, SH_REFCOUNT))).toBe(false);
    runAlone(refcount_set(k, s, SH_REFCOUNT, 1));
    expect(runAlone(refcount_inc_not_zero(k, s, SH_REFCOUNT))).toBe(true);
    expect(runAlone(refcount_dec_and_test(k, s, SH_REFCOUNT))).toBe(false);
    expect(runAlone(refcount_dec_and_test(k, s, SH_REFCOUNT))).toBe(true);
    expect(runAlone(refcount_inc_not_zero(k, s, SH_REFCOUNT))).toBe(false);
    // an underflow is the kernel's refcount_t WARN, a violation of its own (not a harness error)
    let thrown: unknown;
    try { runAlone(refcount_dec_and_test(k, s, SH_REFCOUNT)); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(Violation);
    expect(thrown).toMatchObject({ invariant: 'warn', message: expect.stringMatching(/refcount_t: underflow; use-after-free/) });
  });
});

describe('completion', () => {
  it('wait_for_completion blocks until complete() and consumes one count', () => {
    const k = testKernel();
    const s = kalloc(k, T_SHRINKER);
    const waiter = wait_for_completion(k, s, SH_DONE);
    expect(waiter.next().value).toBeUndefined(); // the first attempt is a step
    const blocked = waiter.next();
    expect(blocked.done).toBe(false);
    const wait = blocked.value!;
    expect(wait.ready()).toBe(false);
    expect(wait.what).toBe('wait_for_completion(&shrinker#0->done)');
    runAlone(complete(k, s, SH_DONE));
    expect(wait.ready()).toBe(true);
    expect(waiter.next().done).toBe(false); // retry step
    expect(waiter.next().done).toBe(true);
    expect(k.mem[k.L.arenaBase[T_SHRINKER] + SH_DONE]).toBe(0);
  });
});
