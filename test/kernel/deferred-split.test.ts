/**
 * nokmem as v6.13 has it (src/kernel/deferred-split.ts): every list_lru memcg-unaware, and a
 * memcg-aware NONSLAB owner is THP's deferred split queue, which sets its bit directly on every
 * queueing, counts 0 (never SHRINK_EMPTY) when empty, charges its folios page-style (each pins its
 * memcg: a zombie when offline) and is checked by the lost-bit invariant.
 */
import { describe, expect, it } from 'vitest';
import { runAlone } from '../../src/actors/setup.js';
import { item_add, item_evict } from '../../src/actors/item-user.js';
import { owner_destroy, ownerAddr } from '../../src/actors/owner.js';
import { lifecycle } from '../../src/actors/lifecycle.js';
import { kernelFor, setup } from '../../src/engine/boot.js';
import { runScenario } from '../../src/engine/run.js';
import { split_queue_at } from '../../src/kernel/deferred-split.js';
import { is_split_queue } from '../../src/kernel/item-cache.js';
import { memcg_at } from '../../src/kernel/memcontrol.js';
import { listed } from '../helpers/kernel.js';
import { checkLostBit } from '../../src/invariants/lost-bit.js';
import { at, isLive } from '../../src/model/arena.js';
import { SHRINK_STOP, type Kernel, type ModelFns, type ShrinkControl } from '../../src/model/kernel.js';
import { LRU_MEMCG_AWARE, MEMCG_NR_PAGES, MEMCG_REFS, MEMCG_STATE, MS_OFFLINE, ONE_NR_ITEMS, OWNER_LRU, OWNER_SHRINKER, SH_ID, T_ITEM } from '../../src/model/layout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { Violation } from '../../src/model/violation.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';

const fns = resolveFns(findVariant('lockless')!);
/** nokmem; boot shrinker 0 is memcg-aware and NONSLAB (the deferred split queue), shrinker 1 a plain memcg-aware one */
const BASE: Scenario = { nodes: 2, memcgs: 1, unitBits: 1, shrinkers: 2, numaMask: 0, globalMask: 0, nonslabMask: 1, nokmem: 1, failMask: 0,
  producers: [], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] };

function boot(f: ModelFns = fns, s: Scenario = BASE): { k: Kernel; lru: number; shrinker: number; other: number } {
  const k = kernelFor(f, s, { caps: { [T_ITEM]: 16 } });
  setup(k, s);
  k.actor = 0;
  const o = (slot: number, w: number): number => k.mem[ownerAddr(k, slot) + w];
  return { k, lru: o(0, OWNER_LRU), shrinker: o(0, OWNER_SHRINKER), other: o(1, OWNER_LRU) };
}

const count = (k: Kernel, shrinker: number, memcg: number): number => runAlone(k.fn.count_objects(k, shrinker, { nid: 0, memcg, nr_to_scan: 0, nr_scanned: 0 }));
const bit = (k: Kernel, shrinker: number, nid: number): number => k.fn.shrinker_bit_raw(k, memcg_at(k, 1), nid, k.mem[at(k, shrinker, SH_ID, 't')]);

describe('nokmem (v6.13): list_lrus and THP\'s deferred split queue', () => {
  it('every list_lru is memcg-unaware; the memcg-aware NONSLAB owner is a deferred split queue, the other is not', () => {
    const { k, lru, other } = boot();
    expect([k.mem[at(k, lru, LRU_MEMCG_AWARE, 't')], k.mem[at(k, other, LRU_MEMCG_AWARE, 't')]]).toEqual([0, 0]);
    expect([is_split_queue(k, lru), is_split_queue(k, other)]).toEqual([true, false]);
  });

  it('a folio is queued on its memcg\'s queue, charged (a css reference and a page) and sets the bit on its node', () => {
    const { k, lru, shrinker } = boot();
    const memcg = memcg_at(k, 1);
    expect(runAlone(item_add(k, lru, 1, 1, 0, true))).toBe(true);
    const q = split_queue_at(k, lru, 1);
    expect(listed(k, q)).toHaveLength(1);
    expect(k.mem[at(k, q, ONE_NR_ITEMS, 't')]).toBe(1);
    expect([k.mem[at(k, memcg, MEMCG_NR_PAGES, 't')], k.mem[at(k, memcg, MEMCG_REFS, 't')]]).toEqual([1, 1]);
    expect([bit(k, shrinker, 0), bit(k, shrinker, 1)]).toEqual([0, 1]);
    expect(count(k, shrinker, memcg)).toBe(1);
    checkLostBit(k);
  });

  it('an empty queue counts 0, not SHRINK_EMPTY: memcg reclaim leaves the bit set', () => {
    const { k, lru, shrinker } = boot();
    runAlone(item_add(k, lru, 1, 0, 0, true));
    expect(runAlone(item_evict(k, lru, 1))).toBe(true);
    const memcg = memcg_at(k, 1);
    expect(k.mem[at(k, memcg, MEMCG_NR_PAGES, 't')]).toBe(0); // uncharged when freed
    expect(count(k, shrinker, memcg)).toBe(0);
    runAlone(k.fn.shrink_slab(k, 0, memcg, 0));
    expect(bit(k, shrinker, 0)).toBe(1);
  });

  it('deferred_split_scan() splits (here: frees) up to nr_to_scan folios, uncharging them; SHRINK_STOP on an empty queue', () => {
    const { k, lru, shrinker } = boot();
    const memcg = memcg_at(k, 1);
    for (let i = 0; i < 3; i++) runAlone(item_add(k, lru, 1, 0, 0, true));
    const sc: ShrinkControl = { nid: 0, memcg, nr_to_scan: 2, nr_scanned: 2, counted: 3, requested: 0 };
    expect(runAlone(k.fn.scan_objects(k, shrinker, sc))).toBe(2);
    expect(k.mem[at(k, memcg, MEMCG_NR_PAGES, 't')]).toBe(1);
    expect(listed(k, split_queue_at(k, lru, 1))).toHaveLength(1);
    expect(runAlone(k.fn.scan_objects(k, shrinker, { ...sc, nr_to_scan: 1, counted: 1, requested: 0 }))).toBe(1);
    expect(runAlone(k.fn.scan_objects(k, shrinker, { ...sc, nr_to_scan: 1, counted: 1, requested: 0 }))).toBe(SHRINK_STOP);
    expect(k.mem[at(k, memcg, MEMCG_REFS, 't')]).toBe(0);
  });

  it('the lost-bit invariant fires on a queued folio whose bit is clear (a queue that forgets set_shrinker_bit); quiet on the reference above', () => {
    const broken: ModelFns = { ...fns, *set_shrinker_bit() {} }; // the queue forgets its bit
    const { k, lru } = boot(broken);
    runAlone(item_add(k, lru, 1, 0, 0, true));
    expect(() => checkLostBit(k)).toThrow(Violation);
    expect(() => checkLostBit(k)).toThrow(/deferred split queue/);
  });

  it('a memcg with a queued folio goes offline and stays (a zombie): freeing it does nothing, no deadlock, no leak', () => {
    const s: Scenario = { ...BASE, producers: [[{ a: 0, b: 0, c: 0 }]], lifecycles: [[{ a: 1, b: 0, c: 0 }, { a: 2, b: 0, c: 0 }]] };
    const r = runScenario(fns, s, explicitChooser([]));
    expect(r.violation).toBeNull();
    expect(r.error).toBeNull();
  });

  it('the zombie is freed once its folio is (uncharged: its last reference gone)', () => {
    const { k, lru } = boot();
    const memcg = memcg_at(k, 1);
    runAlone(item_add(k, lru, 1, 0, 0, true));
    runAlone(lifecycle(k, { a: 1, b: 0, c: 0 })); // offline
    runAlone(lifecycle(k, { a: 2, b: 0, c: 0 })); // free: pinned by the charge, nothing happens
    expect(isLive(k, memcg)).toBe(true);
    expect(k.mem[at(k, memcg, MEMCG_STATE, 't')]).toBe(MS_OFFLINE);
    expect(runAlone(item_evict(k, lru, 1))).toBe(true);
    runAlone(lifecycle(k, { a: 2, b: 0, c: 0 }));
    expect(memcg_at(k, 1)).toBe(0); // unlinked, the struct freed after a grace period
  });

  it('owner teardown evicts the queued folios, uncharges them and frees the queues', () => {
    const { k, lru } = boot();
    const memcg = memcg_at(k, 1);
    runAlone(item_add(k, lru, 1, 0, 0, true));
    runAlone(item_add(k, lru, 0, 0, 0, true)); // root's queue: charged to root, no bit
    const queues = [split_queue_at(k, lru, 0), split_queue_at(k, lru, 1)];
    expect(runAlone(owner_destroy(k, 0))).toBe(true);
    expect(queues.map((q) => isLive(k, q))).toEqual([false, false]);
    expect([k.mem[at(k, memcg, MEMCG_NR_PAGES, 't')], k.mem[at(k, memcg, MEMCG_REFS, 't')]]).toEqual([0, 0]);
    // and in a run, where the end-state invariants (leak, conservation, lost bit) are checked
    const s: Scenario = { ...BASE, producers: [[{ a: 0, b: 0, c: 0 }, { a: 0, b: 1, c: 1 }]], unregisterers: [[{ a: 0, b: 0, c: 0 }]] };
    const r = runScenario(fns, s, explicitChooser([]));
    expect([r.violation, r.error]).toEqual([null, null]);
  });
});
