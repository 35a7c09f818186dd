import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import { DEFAULT_SCENARIO } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { randomChooser } from '../../src/sched/random.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { resolveFns } from '../../src/variants/registry.js';
import type { Variant } from '../../src/variants/variant.js';
import { refcount_dec_and_test } from '../../src/sync/refcount.js';
import { SH_REFCOUNT } from '../../src/model/layout.js';
import { replayIsExactProperty } from '../../properties/expectations.js';

describe('deterministic engine', () => {
  it('a recorded schedule replays the run exactly', () => {
    fc.assert(replayIsExactProperty(lockless), { numRuns: 300 });
  });

  it('the same schedule gives the same trace, byte for byte', () => {
    const fns = resolveFns(lockless);
    const a = runScenario(fns, DEFAULT_SCENARIO, randomChooser(5, 1), { trace: true });
    const b = runScenario(fns, DEFAULT_SCENARIO, explicitChooser(a.schedule), { trace: true });
    expect(a.violation).toBeNull();
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(a.trace!.length).toBeGreaterThan(100);
  });

  it('the default scenario does real work: items added, scanned, shrinkers called', () => {
    const r = runScenario(resolveFns(lockless), DEFAULT_SCENARIO, randomChooser(1, 2));
    expect(r.stats.added).toBeGreaterThan(0);
    expect(r.stats.doShrinkSlab).toBeGreaterThan(0);
  });

  it('expanders grow shrinker_info past SHRINKER_UNIT_BITS: new infos published, old ones freed after a grace period', () => {
    const r = runScenario(resolveFns(lockless), DEFAULT_SCENARIO, randomChooser(3, 2), { trace: true });
    const text = r.trace!.map((t) => t.text).join('\n');
    expect(text).toMatch(/rcu_assign_pointer\(mem_cgroup#\d+->nodeinfo\[\d\]->shrinker_info\) = shrinker_info#\d+/);
    expect(text).toMatch(/kvfree_rcu\(shrinker_info#\d+, kvfree\)/);
    expect(text).toMatch(/grace period over: kvfree\(shrinker_info#\d+\)/);
    expect(text).toMatch(/shrinker_nr_max = 4/); // 2 boot shrinkers + 2 new ones, units of 2 bits
  });

  it('reports a deadlock as a liveness violation naming who waits on what', () => {
    // shrinker_put() that never completes `done`: shrinker_free() waits forever
    const neverComplete: Variant = {
      name: 'test-never-complete', summary: '', expect: { kind: 'violates', invariant: 'liveness' },
      overrides: { *shrinker_put(k, s) { yield* refcount_dec_and_test(k, s, SH_REFCOUNT); } },
    };
    const s = { ...DEFAULT_SCENARIO, producers: [], reclaimers: [], expanders: [] };
    const r = runScenario(resolveFns(neverComplete), s, randomChooser(1));
    expect(r.violation?.invariant).toBe('liveness');
    expect(r.violation?.message).toContain('unregisterer0 waits on wait_for_completion(&shrinker#');
  });

  it('reports a run past its step budget as a liveness violation', () => {
    const r = runScenario(resolveFns(lockless), DEFAULT_SCENARIO, randomChooser(1), { maxSteps: 50 });
    expect(r.violation?.invariant).toBe('liveness');
    expect(r.violation?.message).toContain('no quiescence after 50 steps');
  });
});
