/** The workloads' model features really run: failure injection, reparenting, nokmem lists. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import { DEFAULT_SCENARIO, type Scenario } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { randomChooser } from '../../src/sched/random.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { resolveFns } from '../../src/variants/registry.js';

const fns = resolveFns(lockless);
const text = (s: Scenario, seed = 1) => runScenario(fns, s, randomChooser(seed, 2), { trace: true }).trace!.map((r) => r.text).join('\n');

describe('workload features', () => {
  it('alloc-fail: the chosen allocations fail and the error paths clean up (no leak, no violation)', () => {
    for (let mask = 1; mask < 64; mask++) {
      const s = { ...DEFAULT_SCENARIO, failMask: mask };
      const r = runScenario(fns, s, randomChooser(mask, 2), { trace: true });
      expect(r.violation?.message ?? null, `failMask ${mask}`).toBeNull();
      expect(r.trace!.some((t) => t.text.includes('[injected failure]'))).toBe(true);
    }
  });

  it('lifecycle: offline reparents the lists (dead child list, items in the parent) and free releases the memcg', () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, unregisterers: [], expanders: [], reclaimers: [],
      producers: [[{ a: 0, b: 1, c: 0 }]], lifecycles: [[{ a: 1, b: 1, c: 0 }, { a: 2, b: 1, c: 0 }]] };
    const r = runScenario(fns, s, explicitChooser([]), { trace: true });
    const t = r.trace!.map((x) => x.text).join('\n');
    expect(r.violation).toBeNull();
    expect(t).toContain('src->nr_items = LONG_MIN');
    expect(t).toMatch(/dst->nr_items \+= src->nr_items = 1/);
    expect(t).toMatch(/kvfree\(mem_cgroup#2\)/);
  });

  it('nokmem (v6.13): no list_lru is memcg-aware; a NONSLAB owner\'s folios go to its deferred split queue and set the bit', () => {
    const t = text({ ...DEFAULT_SCENARIO, nokmem: 1, shrinkers: 1, expanders: [[{ a: 4, b: 0, c: 0 }, { a: 0, b: 0, c: 0 }]], unregisterers: [] });
    expect(t).toMatch(/list_lru#1->memcg_aware = 0/); // SHRINKER_NONSLAB: THP's queue instead (kernel/deferred-split.ts)
    expect(t).toMatch(/list_lru#2->memcg_aware = 0/); // a slab cache
    const s: Scenario = { ...DEFAULT_SCENARIO, nokmem: 1, shrinkers: 1, nonslabMask: 1, producers: [[{ a: 0, b: 0, c: 0 }]], reclaimers: [], expanders: [], unregisterers: [] };
    const q = runScenario(fns, s, explicitChooser([]), { trace: true }).trace!.map((r) => r.text).join('\n');
    expect(q).toContain('list_add_tail(&folio->_deferred_list, &ds_queue->split_queue)');
    expect(q).toMatch(/set_bit\(0, shrinker_info_unit#\d+->map\)/);
  });
});
