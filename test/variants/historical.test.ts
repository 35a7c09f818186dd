/**
 * The historical designs and the rwsem-era known bug: `rwsem` (v5.13-v6.6) and `legacy` (before v4.19)
 * survive generated runs; `expand-memcpy` is caught as a lost bit; shrinker_rwsem behaves as a
 * reader-writer semaphore; and legacy pays for having no bitmap in do_shrink_slab() calls.
 *
 * expand-memcpy budget, measured (check, strategy random, default workloads, runs to first failure):
 *   seeds 1..10 -> 421, 441, 1424, 215, 1136, 1351, 421, 597, 1467, 554 (each found in under 0.3 s);
 *   (swarm scenarios, src/search/swarm.ts, not what check uses -> 236, 165, 1517, 953, 309, 3, 61, 268, 843, 90);
 *   strategy pct, same seeds -> 3548, 4221, 5618, 4089, 111, 8567, 12864, 1432, 6495, 4172.
 * The budget below (10,000 runs, random, seed 1) is ~7x the worst random seed seen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAlone } from '../../src/actors/setup.js';
import { check } from '../../src/search/check.js';
import { runScenario } from '../../src/engine/run.js';
import { G_SHRINKER_RWSEM } from '../../src/model/layout.js';
import { DEFAULT_SCENARIO, type Scenario } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { down_read, down_read_trylock, down_write, rwsem_is_contended, shrinker_rwsem, up_read, up_write } from '../../src/sync/rwsem.js';
import type { Step, Wait } from '../../src/model/wait.js';
import { expandMemcpy } from '../../src/variants/bugs/expand-memcpy.js';
import { legacy } from '../../src/variants/designs/legacy.js';
import { resolveFns } from '../../src/variants/registry.js';
import { rwsem } from '../../src/variants/designs/rwsem/index.js';
import { survivesProperty } from '../../properties/expectations.js';
import { testKernel } from '../helpers/kernel.js';

const EXPAND_MEMCPY_BUDGET = 10_000;

describe('rwsem (v5.13-v6.6: flat shrinker_info, shrinker_rwsem)', () => {
  it('survives 5,000 generated runs (random strategy)', () => {
    fc.assert(survivesProperty(rwsem, 'random'), { numRuns: 5000, seed: 1 });
  }, 120_000);
});

describe('legacy (before v4.19: full walk, no bitmap)', () => {
  it('survives 5,000 generated runs (random strategy)', () => {
    fc.assert(survivesProperty(legacy, 'random'), { numRuns: 5000, seed: 1 });
  }, 120_000);

  it('calls do_shrink_slab() for every memcg-aware shrinker in every memcg, where the bitmap calls one', () => {
    // 4 boot shrinkers, 3 memcgs; one item added to memcg 1 for shrinker 0; then memcgs 1, 2, 3 reclaimed.
    // unitBits 4: one expansion (0 -> 4) at boot, so no old bit is set by its memset(0xff) (each such
    // spurious bit would cost rwsem two calls, the SHRINK_EMPTY one and the recheck, once).
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      nodes: 1, memcgs: 3, unitBits: 4, shrinkers: 4, numaMask: 0,
      producers: [[{ a: 0, b: 0, c: 0 }]],
      reclaimers: [[{ a: 0, b: 0, c: 0 }, { a: 1, b: 0, c: 0 }, { a: 2, b: 0, c: 0 }]],
      expanders: [],
      unregisterers: [],
    };
    const calls = (v: typeof legacy): number => {
      const r = runScenario(resolveFns(v), s, explicitChooser([])); // each actor runs to its end in turn
      expect(r.violation).toBeNull();
      expect(r.stats.added).toBe(1);
      return r.stats.doShrinkSlab;
    };
    expect(calls(legacy)).toBe(12); // 3 memcgs x 4 shrinkers
    expect(calls(rwsem)).toBe(1); // memcg 1's bit for shrinker 0
  });
});

describe('expand-memcpy (rwsem design, expand copies the old map)', () => {
  it(`is caught as lost-bit within ${EXPAND_MEMCPY_BUDGET} runs (random) and shrinks`, () => {
    const r = check({ variant: expandMemcpy, runs: 200_000, seed: 1, strategy: 'random' });
    expect(r.ok).toBe(false);
    const f = r.failure!;
    expect(f.invariant).toBe('lost-bit');
    expect(f.runsToFirstFailure).toBeLessThanOrEqual(EXPAND_MEMCPY_BUDGET);
    expect(f.steps).toBeLessThanOrEqual(f.foundSteps);
    expect(f.text).toContain('VIOLATION lost-bit (variant expand-memcpy');
    expect(f.text).toContain('memcpy: ');
  }, 120_000);
});

/** Step a generator until it returns, or until it blocks on a Wait that is not ready. */
function drive<T>(g: Step<T>): { done: true; value: T } | { done: false; wait: Wait } {
  for (;;) {
    const r = g.next();
    if (r.done) return { done: true, value: r.value };
    if (r.value !== undefined && !r.value.ready()) return { done: false, wait: r.value };
  }
}

describe('shrinker_rwsem (sync/rwsem.ts)', () => {
  const run = <T>(k: ReturnType<typeof testKernel>, actor: number, g: () => Step<T>): T => {
    k.actor = actor;
    return runAlone(g());
  };

  it('down_write blocks while a reader holds it; readers back off while the writer waits', () => {
    const k = testKernel({ actors: 4 }, ['r0', 'w', 'r1', 'r2']);
    expect(run(k, 0, () => down_read_trylock(k, shrinker_rwsem))).toBe(true);
    expect(run(k, 2, () => down_read_trylock(k, shrinker_rwsem))).toBe(true); // readers share
    expect(k.mem[G_SHRINKER_RWSEM]).toBe(2);
    k.actor = 1;
    const writer = down_write(k, shrinker_rwsem);
    const blocked = drive(writer);
    expect(blocked.done).toBe(false);
    expect(run(k, 0, () => rwsem_is_contended(k, shrinker_rwsem))).toBe(true);
    expect(run(k, 3, () => down_read_trylock(k, shrinker_rwsem))).toBe(false); // a writer waits
    run(k, 0, () => up_read(k, shrinker_rwsem));
    if (blocked.done) throw new Error('unreachable');
    expect(blocked.wait.ready()).toBe(false); // one reader left
    run(k, 2, () => up_read(k, shrinker_rwsem));
    expect(blocked.wait.ready()).toBe(true);
    k.actor = 1;
    expect(drive(writer).done).toBe(true);
    expect(k.mem[G_SHRINKER_RWSEM]).toBe(-1);
    expect(run(k, 0, () => rwsem_is_contended(k, shrinker_rwsem))).toBe(false);
  });

  it('down_read_trylock fails and down_read blocks while a writer holds it', () => {
    const k = testKernel({ actors: 3 }, ['w', 'r0', 'r1']);
    run(k, 0, () => down_write(k, shrinker_rwsem));
    expect(run(k, 1, () => down_read_trylock(k, shrinker_rwsem))).toBe(false);
    k.actor = 2;
    const reader = down_read(k, shrinker_rwsem);
    const blocked = drive(reader);
    expect(blocked.done).toBe(false);
    k.actor = 1;
    const writer2 = down_write(k, shrinker_rwsem);
    expect(drive(writer2).done).toBe(false); // a second writer waits too
    run(k, 0, () => up_write(k, shrinker_rwsem));
    if (blocked.done) throw new Error('unreachable');
    expect(blocked.wait.ready()).toBe(false); // the waiting writer goes first (RWSEM_FLAG_WAITERS)
    k.actor = 1;
    expect(drive(writer2).done).toBe(true);
    run(k, 1, () => up_write(k, shrinker_rwsem));
    expect(blocked.wait.ready()).toBe(true);
    k.actor = 2;
    expect(drive(reader).done).toBe(true);
    expect(k.mem[G_SHRINKER_RWSEM]).toBe(1);
  });

  it('releasing a lock that is not held is what lockdep reports: a lockdep violation', () => {
    const k = testKernel();
    expect(() => runAlone(up_read(k, shrinker_rwsem))).toThrow(/lockdep: bad unlock balance: .*up_read\(&shrinker_rwsem\) while it is not held for reading/);
    expect(() => runAlone(up_write(k, shrinker_rwsem))).toThrow(/lockdep: bad unlock balance: .*up_write\(&shrinker_rwsem\) while it is not held for writing/);
    expect(k.mem[G_SHRINKER_RWSEM]).toBe(0);
  });
});
