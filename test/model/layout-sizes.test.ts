/**
 * The layout is sized per run (src/model/layout.ts): the idr after the memcg list, unit[] as long as
 * the run's shrinker ids need, lru->xa as long as its memcg count, a flat map and nr_deferred[] for its
 * ids, boot's own actor line; pointers index 18 bits of objects; and a pass far past the old
 * compile-time caps (8 memcgs, 128 shrinker ids) runs and counts exactly.
 */
import { describe, expect, it } from 'vitest';
import { computeLayout, FLAT_MAP, G_MEMCG_LIST, INFO_UNIT, LINE, LRU_XA, MAX_OBJECTS, T_FLAT_INFO, T_INFO, T_LRU, T_LRU_ONE, T_MLRU, T_UNIT, type Bounds } from '../../src/model/layout.js';
import { makePtr, ptrGen, ptrIndex, ptrType } from '../../src/model/ptr.js';
import { measurePass } from '../../src/bench/scaling.js';

/** the bench's seed, with small arenas (the worst case for every design at once would not index) */
const B: Bounds = { nodes: 1, memcgs: 2001, shrinkers: 2000, unitBits: 32, actors: 3, caps: { [T_INFO]: 4, [T_UNIT]: 4, [T_FLAT_INFO]: 4, [T_MLRU]: 4, [T_LRU_ONE]: 4 } };

describe('layout sized per run', () => {
  it('places the idr after the memcg list and boot\'s line before the actors\' lines', () => {
    const L = computeLayout(B);
    expect(L.idr).toBe(G_MEMCG_LIST + 2001);
    expect(L.rcuSlots).toBe(L.idr + 2000 + LINE);
  });

  it('sizes unit[], lru->xa and the flat map and nr_deferred[] from the run\'s counts', () => {
    const L = computeLayout(B);
    expect(L.maxUnits).toBe(64); // ceil(2000 / 32) + 1
    expect(L.stride[T_INFO]).toBe(INFO_UNIT + 64);
    expect(L.lruSplitQueue).toBe(LRU_XA + 2001); // lru->xa, then the owner's deferred split queues (kernel/deferred-split.ts)
    expect(L.stride[T_LRU]).toBe(L.lruSplitQueue + 2001);
    expect(L.flatMapWords).toBe(63);
    expect(L.flatNrDeferred).toBe(FLAT_MAP + 63);
    expect(L.stride[T_FLAT_INFO]).toBe(FLAT_MAP + 63 + 2016); // nr_deferred[] for map_nr_max: 2000 ids rounded up to 32
    // map_nr_max grows in batches of BITS_PER_LONG: one shrinker id, 2-bit longs, covers ids 0 and 1
    const one = computeLayout({ ...B, memcgs: 3, shrinkers: 1, unitBits: 2, caps: {} });
    expect(one.stride[T_FLAT_INFO]).toBe(one.flatNrDeferred + 2);
    const small = computeLayout({ ...B, memcgs: 3, shrinkers: 8, unitBits: 1, caps: {} });
    expect(small.stride[T_INFO]).toBe(INFO_UNIT + 9);
    expect(small.words).toBeLessThan(L.words / 100);
  });

  it('takes the caller\'s arena sizes, and refuses more objects than a pointer indexes', () => {
    expect(computeLayout({ ...B, caps: { ...B.caps, [T_FLAT_INFO]: 0 } }).arenaCap[T_FLAT_INFO]).toBe(0);
    expect(() => computeLayout({ ...B, caps: { ...B.caps, [T_UNIT]: MAX_OBJECTS + 1 } })).toThrow(RangeError);
    expect(() => computeLayout({ ...B, caps: {} })).toThrow(/list_lru_one objects, more than a pointer can index/); // the worst case
  });

  it('pointers carry 18 bits of index', () => {
    const p = makePtr(T_UNIT, 200_000, 300);
    expect([ptrType(p), ptrIndex(p), ptrGen(p)]).toEqual([T_UNIT, 200_000, 300]);
    expect(p).toBeGreaterThan(0);
  });

  it('a legacy pass over 300 memcgs x 300 shrinkers calls do_shrink_slab exactly 90,000 times', () => {
    const p = measurePass('legacy', false, 300, 300, 0);
    expect(p.doShrinkSlab).toBe(90_000);
    expect(p.source).toBe('measured');
  }, 120_000);

  it('a lockless pass at 1000 x 1000 calls only the charged pairs', () => {
    const p = measurePass('lockless', false, 1000, 1000, 500);
    expect(p.doShrinkSlab).toBe(500);
    expect(p.visits).toBe(500);
  }, 120_000);
});
