/**
 * The item cache (src/kernel/item-cache.ts, fs/inode.c's shape): inode_lru_isolate()'s branches as
 * the shrinker's walk meets them, and the user's eviction through the hash.
 */
import { describe, expect, it } from 'vitest';
import { at, isLive, kalloc } from '../../src/model/arena.js';
import { i_state } from '../../src/kernel/item-cache.js';
import { cache_add, cache_evict } from '../../src/kernel/item-lifetime.js';
import { ACTOR_HASH, G_STAT_SCANNED, I_FREEING, I_PAGES, I_REFERENCED, ITEM_LOCK, LINE, ONE_NR_ITEMS, SH_LRU, T_SHRINKER } from '../../src/model/layout.js';
import type { Kernel, ShrinkControl } from '../../src/model/kernel.js';
import { listed, testKernel, testLru } from '../helpers/kernel.js';
import { runAlone } from '../../src/actors/setup.js';

/** charged to root: no obj_cgroup, NULL memcg */
const NO_CHARGE = { objcg: 0, memcg: 0, index: 0 };

function cache(): { k: Kernel; lru: number; l: number; shrinker: number } {
  const k = testKernel({ items: 16 });
  const { lru, l } = testLru(k);
  const shrinker = kalloc(k, T_SHRINKER);
  k.mem[at(k, shrinker, SH_LRU, 't')] = lru;
  return { k, lru, l, shrinker };
}

/** super_cache_scan() asked for `n` (after a count of 100) */
function scan(k: Kernel, shrinker: number, n: number): number {
  const sc: ShrinkControl = { nid: 0, memcg: 0, nr_to_scan: n, nr_scanned: n, counted: 100, requested: 0 };
  return runAlone(k.fn.scan_objects(k, shrinker, sc));
}

describe('inode_lru_isolate() through the shrinker', () => {
  it('frees an unused item (LRU_REMOVED to the dispose list, then destroy_inode)', () => {
    const { k, lru, l, shrinker } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, 0, true));
    expect(scan(k, shrinker, 1)).toBe(1);
    expect(isLive(k, item)).toBe(false);
    expect(listed(k, l)).toEqual([]);
    expect(k.mem[k.L.rcuSlots + ACTOR_HASH]).toBe(0); // unhashed before it was freed
  });

  it('rotates a referenced item once (LRU_ROTATE clears I_REFERENCED), frees it on the next pass', () => {
    const { k, lru, l, shrinker } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, I_REFERENCED, true));
    expect(scan(k, shrinker, 1)).toBe(0);
    expect(listed(k, l)).toEqual([item]);
    expect(k.mem[i_state(k, item)] & I_REFERENCED).toBe(0);
    expect(scan(k, shrinker, 1)).toBe(1);
    expect(isLive(k, item)).toBe(false);
  });

  it('drops both locks for an item with page cache (LRU_RETRY), then frees it after the restart', () => {
    const { k, lru, shrinker } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, I_PAGES, true));
    expect(scan(k, shrinker, 1)).toBe(0); // nr_to_walk spent on the retry
    expect(isLive(k, item)).toBe(true);
    expect(k.mem[i_state(k, item)] & I_PAGES).toBe(0);
    expect(scan(k, shrinker, 2)).toBe(1);
    expect(isLive(k, item)).toBe(false);
  });

  it('skips an item whose i_lock is held (LRU_SKIP)', () => {
    const { k, lru, l, shrinker } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, 0, true));
    k.mem[at(k, item, ITEM_LOCK, 't')] = 2; // actor 1 holds it
    expect(scan(k, shrinker, 1)).toBe(0);
    expect(listed(k, l)).toEqual([item]);
  });

  it('removes an item being evicted without freeing it (its evictor frees it)', () => {
    const { k, lru, l, shrinker } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, 0, true));
    k.mem[i_state(k, item)] |= I_FREEING;
    expect(scan(k, shrinker, 1)).toBe(1);
    expect(listed(k, l)).toEqual([]);
    expect(isLive(k, item)).toBe(true);
    expect(k.mem[G_STAT_SCANNED]).toBe(1);
  });
});

describe("the user's eviction", () => {
  it('finds its item through the hash, unlinks it (list_lru_del_obj) and frees it', () => {
    const { k, lru, l } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, 0, true));
    expect(runAlone(cache_evict(k, lru, 0))).toBe(true);
    expect(isLive(k, item)).toBe(false);
    expect(listed(k, l)).toEqual([]);
    expect(k.mem[at(k, l, ONE_NR_ITEMS, 't')]).toBe(0);
    expect(runAlone(cache_evict(k, lru, 0))).toBe(false); // nothing left to find
  });

  it('leaves an item the shrinker already isolated (I_FREEING) to the shrinker', () => {
    const { k, lru } = cache();
    const item = runAlone(cache_add(k, lru, NO_CHARGE, 0, 0, true));
    k.mem[i_state(k, item)] |= I_FREEING;
    expect(runAlone(cache_evict(k, lru, 0))).toBe(false);
    expect(isLive(k, item)).toBe(true);
  });

  it("a populating owner's items are not hashed", () => {
    const { k, lru } = cache();
    runAlone(cache_add(k, lru, NO_CHARGE, 0, 0, false));
    expect(Array.from(k.mem.subarray(k.L.rcuSlots + ACTOR_HASH, k.L.rcuSlots + LINE))).toEqual(new Array(LINE - ACTOR_HASH).fill(0));
  });
});
