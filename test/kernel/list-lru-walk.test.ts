/**
 * __list_lru_walk_one() (src/kernel/list-lru.ts) with isolate callbacks returning each enum lru_status
 * (src/kernel/lru-status.ts), as v6.13 mm/list_lru.c handles them: nr_to_walk counted down before each
 * callback; LRU_REMOVED counted; LRU_ROTATE moves the item to the tail; LRU_SKIP leaves it;
 * LRU_RETRY and LRU_REMOVED_RETRY return with the lock dropped and the walk relocks and restarts;
 * LRU_STOP returns with the lock dropped.
 */
import { describe, expect, it } from 'vitest';
import { at, kalloc } from '../../src/model/arena.js';
import { INIT_LIST_HEAD } from '../../src/kernel/list.js';
import { LRU_REMOVED, LRU_REMOVED_RETRY, LRU_RETRY, LRU_ROTATE, LRU_SKIP, LRU_STOP, type IsolateFn } from '../../src/kernel/lru-status.js';
import { G_STAT_SCANNED, ONE_LOCK, ONE_NR_ITEMS, T_ITEM } from '../../src/model/layout.js';
import type { Kernel } from '../../src/model/kernel.js';
import { spin_unlock } from '../../src/sync/mutex.js';
import { listed, testKernel, testLru } from '../helpers/kernel.js';
import { runAlone } from '../../src/actors/setup.js';

/** a memcg-unaware list_lru with `n` items on node 0's list */
function setup(n: number): { k: Kernel; lru: number; l: number; items: number[] } {
  const k = testKernel({ items: 16 });
  const { lru, l } = testLru(k);
  const items: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = kalloc(k, T_ITEM);
    INIT_LIST_HEAD(k, p, 'init');
    expect(runAlone(k.fn.list_lru_add(k, lru, p, 0, 0))).toBe(true);
    items.push(p);
  }
  return { k, lru, l, items };
}

function walk(k: Kernel, lru: number, isolate: IsolateFn, nr: number): { isolated: number; left: number } {
  const nr_to_walk = { value: nr };
  const isolated = runAlone(k.fn.list_lru_walk_one(k, lru, 0, 0, isolate, 0, nr_to_walk));
  return { isolated, left: nr_to_walk.value };
}

describe('__list_lru_walk_one', () => {
  it('counts nr_to_walk down per item visited and stops at 0 (LRU_SKIP leaves items in place)', () => {
    const { k, lru, l, items } = setup(5);
    const seen: number[] = [];
    const r = walk(k, lru, function* (_k, item) { seen.push(item); yield; return LRU_SKIP; }, 3);
    expect(r).toEqual({ isolated: 0, left: 0 });
    expect(seen).toEqual(items.slice(0, 3));
    expect(listed(k, l)).toEqual(items);
    expect(k.mem[at(k, l, ONE_LOCK, 't')]).toBe(0); // unlocked at the end
  });

  it('LRU_REMOVED: the callback isolated the item; the walk counts it', () => {
    const { k, lru, l } = setup(3);
    const r = walk(k, lru, function* (k2, item, one) { yield* k2.fn.list_lru_isolate(k2, one, item); return LRU_REMOVED; }, 10);
    expect(r).toEqual({ isolated: 3, left: 7 });
    expect(listed(k, l)).toEqual([]);
    expect(k.mem[at(k, l, ONE_NR_ITEMS, 't')]).toBe(0);
    expect(k.mem[G_STAT_SCANNED]).toBe(3);
  });

  it('LRU_ROTATE moves the item to the tail and the walk goes on with the next one', () => {
    const { k, lru, l, items: [a, b, c] } = setup(3);
    const seen: number[] = [];
    const r = walk(k, lru, function* (_k, item) { seen.push(item); yield; return LRU_ROTATE; }, 2);
    expect(r).toEqual({ isolated: 0, left: 0 });
    expect(seen).toEqual([a, b]);
    expect(listed(k, l)).toEqual([c, a, b]);
  });

  it('LRU_RETRY: the callback dropped the lock; the walk relocks the list and starts over', () => {
    const { k, lru, items: [a, b] } = setup(2);
    const seen: number[] = [];
    let first = true;
    const r = walk(k, lru, function* (k2, item, one) {
      seen.push(item);
      if (first) {
        first = false;
        yield* spin_unlock(k2, one, ONE_LOCK, 'spin_unlock(&lru->lock)');
        return LRU_RETRY;
      }
      yield;
      return LRU_SKIP;
    }, 10);
    expect(seen).toEqual([a, a, b]);
    expect(r).toEqual({ isolated: 0, left: 7 });
  });

  it('LRU_REMOVED_RETRY: counted, then the walk relocks and starts over', () => {
    const { k, lru, l } = setup(2);
    let calls = 0;
    const r = walk(k, lru, function* (k2, item, one) {
      calls++;
      yield* k2.fn.list_lru_isolate(k2, one, item);
      yield* spin_unlock(k2, one, ONE_LOCK, 'spin_unlock(&lru->lock)');
      return LRU_REMOVED_RETRY;
    }, 10);
    expect(calls).toBe(2);
    expect(r).toEqual({ isolated: 2, left: 8 });
    expect(listed(k, l)).toEqual([]);
  });

  it('LRU_STOP: the walk returns at once, with the lock left dropped by the callback', () => {
    const { k, lru, l } = setup(3);
    let calls = 0;
    const r = walk(k, lru, function* (k2, _item, one) {
      calls++;
      yield* spin_unlock(k2, one, ONE_LOCK, 'spin_unlock(&lru->lock)');
      return LRU_STOP;
    }, 10);
    expect(calls).toBe(1);
    expect(r).toEqual({ isolated: 0, left: 9 });
    expect(k.mem[at(k, l, ONE_LOCK, 't')]).toBe(0);
  });

  it('a callback that returns with the lock dropped but says LRU_SKIP is caught when the walk unlocks (lockdep)', () => {
    const { k, lru } = setup(1);
    expect(() => walk(k, lru, function* (k2, _item, one) {
      yield* spin_unlock(k2, one, ONE_LOCK, 'spin_unlock(&lru->lock)');
      return LRU_SKIP;
    }, 10)).toThrow(/bad unlock balance/);
  });
});
