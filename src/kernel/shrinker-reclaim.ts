/**
 * lockless: reclaim (reference mm-shrinker.c lines 252-283, 336-676): nr_deferred bookkeeping,
 * do_shrink_slab, the lockless memcg walk and the lockless global walk.
 *
 * The memcg walk's one ordering-sensitive spot: after clear_bit() on SHRINK_EMPTY, smp_mb__after_atomic()
 * pairs with smp_mb__before_atomic() in set_shrinker_bit() (list_lru_add: nr_items++ <MB> set_bit;
 * reclaim: clear_bit <MB> count again), so an item added concurrently is either seen by the second
 * do_shrink_slab() or its set_bit lands after our clear_bit.
 */
import { G_STAT_VISITS } from '../model/layout.js';
import { G_STAT_DO_SHRINK, INFO_MAP_NR_MAX, INFO_UNIT, SH_BATCH, SH_FLAGS, SH_ID, SH_NR_DEFERRED, SH_SEEKS, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, SHRINKER_NUMA_AWARE, UNIT_MAP, UNIT_NR_DEFERRED } from '../model/layout.js';
import { idr_find } from './idr.js';
import { mem_cgroup_is_root, memcg_kmem_online, mem_cgroup_online, nodeinfo_shrinker_info } from './memcontrol.js';
import { list_first_rcu, list_next_rcu } from './rculist.js';
import type { Kernel } from '../model/kernel.js';
import { READ_ONCE, atomic_add_return, atomic_xchg, clear_bit, find_next_bit, rcu_dereference, smp_mb__after_atomic } from '../sync/access.js';
import { rcu_read_lock, rcu_read_unlock } from '../sync/rcu.js';
import type { Step } from '../model/wait.js';
import { SHRINK_BATCH, SHRINK_EMPTY, SHRINK_STOP, type ModelFns, type ShrinkControl } from '../model/kernel.js';
import { calc_shrinker_id, shrinker_id_to_index, shrinker_id_to_offset } from './shrinker-info.js';
import { cmax, cmin, do_div, fromModel, long, long_div, long_shr, nrDeferredWord, toModelCount, toModelRet, ulong } from './ctypes.js';

/** SHRINK_EMPTY and SHRINK_STOP as the unsigned longs they are (~0UL - 1 and ~0UL) */
const SHRINK_EMPTY_UL = ulong(fromModel(SHRINK_EMPTY));
const SHRINK_STOP_UL = ulong(fromModel(SHRINK_STOP));

/** The unit holding `shrinker`'s nr_deferred in memcg's info (lines 259-261 and 275-277). */
export function* nr_deferred_unit(k: Kernel, nid: number, shrinker: number, memcg: number): Step<[number, number]> {
  const info = yield* rcu_dereference(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference(@->nodeinfo[${nid}]->shrinker_info)`);
  const id = yield* READ_ONCE(k, shrinker, SH_ID, '@->id');
  const index = shrinker_id_to_index(k, id);
  const unit = yield* READ_ONCE(k, info, INFO_UNIT + index, `@->unit[${index}]`);
  return [unit, UNIT_NR_DEFERRED + shrinker_id_to_offset(k, id)];
}

/** The nr_deferred slot of sc's node, memcg-aware or not (lines 339-347 and 356-364). */
export function* deferred_target(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number> {
  const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
  return flags & SHRINKER_NUMA_AWARE ? sc.nid : 0;
}

/**
 * Lines 534-543 (steps 4 and 5): find the shrinker of a set bit and pin it, or clear a stale bit.
 * Returns the pinned shrinker, or 0.
 */
export function* memcg_shrinker_get(k: Kernel, unit: number, index: number, offset: number): Step<number> {
  const shrinker_id = calc_shrinker_id(k, index, offset);
  yield* rcu_read_lock(k); // step 4
  Atomics.add(k.mem, G_STAT_VISITS, 1); // statistics: a set bit visited
  const shrinker = yield* idr_find(k, shrinker_id);
  if (!shrinker || !(yield* k.fn.shrinker_try_get(k, shrinker))) {
    yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [no shrinker ${shrinker_id}]`);
    yield* rcu_read_unlock(k);
    return 0;
  }
  yield* rcu_read_unlock(k); // step 5: the reference keeps the shrinker alive
  return shrinker;
}

type ReclaimFns = Pick<ModelFns, 'xchg_nr_deferred' | 'add_nr_deferred' | 'do_shrink_slab' | 'shrink_slab_memcg' |
  'shrink_slab_memcg_one' | 'shrink_slab'>;

export const reclaim: ReclaimFns = {
  /**
   * lines 336-350, with xchg_nr_deferred_memcg (252-266): `long nr_deferred = atomic_long_xchg(.., 0)`
   * (lines 257, 262, 349). The word holds a long as it is (kernel/ctypes.ts: 32 bits wide in the model).
   */
  *xchg_nr_deferred(k, shrinker, sc) {
    const nid = yield* deferred_target(k, shrinker, sc);
    if (sc.memcg && ((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_MEMCG_AWARE)) {
      yield* rcu_read_lock(k);
      const [unit, field] = yield* nr_deferred_unit(k, nid, shrinker, sc.memcg);
      const nr = yield* atomic_xchg(k, unit, field, 0, 'atomic_long_xchg(&@->nr_deferred, 0)');
      yield* rcu_read_unlock(k);
      return nr;
    }
    return yield* atomic_xchg(k, shrinker, SH_NR_DEFERRED + nid, 0, `atomic_long_xchg(&@->nr_deferred[${nid}], 0)`);
  },

  /**
   * lines 353-367, with add_nr_deferred_memcg (268-283): `long nr`, `long nr_deferred =
   * atomic_long_add_return(nr, ..)` (lines 268, 273, 278-279, 353, 366), which wraps at 2^63 in C; the
   * model's 32-bit word refuses a value it cannot hold instead of wrapping at 2^32 (kernel/ctypes.ts).
   */
  *add_nr_deferred(k, nr, shrinker, sc) {
    nrDeferredWord(nr, 'add_nr_deferred(nr)');
    const nid = yield* deferred_target(k, shrinker, sc);
    if (sc.memcg && ((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_MEMCG_AWARE)) {
      yield* rcu_read_lock(k);
      const [unit, field] = yield* nr_deferred_unit(k, nid, shrinker, sc.memcg);
      const v = yield* atomic_add_return(k, nr, unit, field, `atomic_long_add_return(${nr}, &@->nr_deferred)`);
      yield* rcu_read_unlock(k);
      return nrDeferredWord(v, 'atomic_long_add_return(&nr_deferred)');
    }
    const v = yield* atomic_add_return(k, nr, shrinker, SH_NR_DEFERRED + nid, `atomic_long_add_return(${nr}, &@->nr_deferred[${nid}])`);
    return nrDeferredWord(v, 'atomic_long_add_return(&nr_deferred)');
  },

  /**
   * lines 371-466, computing with the C types of lines 374-382 and 432-433 (kernel/ctypes.ts: BigInt,
   * 64-bit wrap): freed and ret are unsigned long, delta unsigned long long, and total_scan, freeable,
   * nr, batch_size, scanned and next_deferred are long. So total_scan and freeable compare as signed
   * (lines 410, 430-431): a negative nr_deferred read back, or a callback that reports more scanned
   * than it was asked (line 443), leaves total_scan negative and the loop ends; a negative long turns
   * into a huge unsigned request only where it is converted (line 433: a negative batch_size).
   */
  *do_shrink_slab(k, sc, shrinker, priority) {
    Atomics.add(k.mem, G_STAT_DO_SHRINK, 1); // statistics, not a kernel access
    let freed = 0n; // 374: unsigned long freed = 0;
    let delta: bigint; // 375: unsigned long long delta;
    let total_scan: bigint; // 376: long total_scan;
    // 380-381: long batch_size = shrinker->batch ? shrinker->batch : SHRINK_BATCH; (struct shrinker: long batch)
    const batch_size = long(fromModel((yield* READ_ONCE(k, shrinker, SH_BATCH, '@->batch')) || SHRINK_BATCH));
    let scanned = 0n; // 382: long scanned = 0, next_deferred;
    // 377, 384: long freeable = count_objects(): an unsigned long converted to long
    const freeable = long(fromModel(yield* k.fn.count_objects(k, shrinker, sc)));
    // 385-386: freeable == SHRINK_EMPTY compares as unsigned long; the return converts back to unsigned long
    if (freeable === 0n || ulong(freeable) === SHRINK_EMPTY_UL) return toModelRet(freeable);
    /* copy the current shrinker scan count into a local variable and zero it */
    const nr = long(fromModel(yield* k.fn.xchg_nr_deferred(k, shrinker, sc))); // 378, 393: long nr
    const seeks = yield* READ_ONCE(k, shrinker, SH_SEEKS, '@->seeks'); // struct shrinker: int seeks
    if (seeks) {
      delta = ulong(long_shr(freeable, priority)); // 396: delta = freeable >> priority;
      delta = ulong(delta * 4n); // 397: delta *= 4;
      delta = do_div(delta, seeks); // 398: do_div(delta, shrinker->seeks);
    } else {
      delta = ulong(long_div(freeable, 2n)); // 405: delta = freeable / 2;
    }
    total_scan = long_shr(nr, priority); // 408: total_scan = nr >> priority;
    total_scan = long(total_scan + delta); // 409: total_scan += delta; (added as unsigned, stored back as long)
    total_scan = cmin(total_scan, long(2n * freeable)); // 410: min(total_scan, (2 * freeable)): two longs
    // 430-431: long against long, signed comparisons
    while (total_scan >= batch_size || total_scan >= freeable) {
      const nr_to_scan = ulong(cmin(batch_size, total_scan)); // 433: unsigned long nr_to_scan = min(batch_size, total_scan);
      const written = toModelCount(nr_to_scan);
      sc.nr_to_scan = written; // 435: shrinkctl->nr_to_scan = nr_to_scan;
      sc.nr_scanned = written; // 436: shrinkctl->nr_scanned = nr_to_scan;
      const ret = ulong(fromModel(yield* k.fn.scan_objects(k, shrinker, sc))); // 432, 437: unsigned long ret
      if (ret === SHRINK_STOP_UL) break; // 438-439: ret == SHRINK_STOP
      freed = ulong(freed + ret); // 440: freed += ret;
      // shrinkctl->nr_scanned (unsigned long): exact when the callback left what was written (a huge
      // request is not exact as a number), else the callback's value (a negative one is its two's complement)
      const nr_scanned = sc.nr_scanned === written ? nr_to_scan : ulong(fromModel(sc.nr_scanned));
      total_scan = long(total_scan - nr_scanned); // 443: total_scan -= nr_scanned; (subtracted as unsigned, stored back as long)
      scanned = long(scanned + nr_scanned); // 444: scanned += shrinkctl->nr_scanned;
    }
    /* The deferred work is increased by any new work (delta) that wasn't done ... capped to 2x freeable */
    let next_deferred = cmax(long(nr + delta - scanned), 0n); // 455: max_t(long, (nr + delta - scanned), 0): unsigned, cast to long
    next_deferred = cmin(next_deferred, long(2n * freeable)); // 456: min(next_deferred, (2 * freeable)): two longs
    yield* k.fn.add_nr_deferred(k, Number(next_deferred), shrinker, sc); // 462: long new_nr = add_nr_deferred(..)
    return toModelRet(freed); // 465
  },

  /** lines 469-585; the loop body is shrink_slab_memcg_one */
  *shrink_slab_memcg(k, nid, memcg, priority) {
    let freed = 0;
    let index = 0;
    if (!(yield* mem_cgroup_online(k, memcg))) return 0;
    for (;;) { // again:
      yield* rcu_read_lock(k);
      const info = yield* rcu_dereference(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference(@->nodeinfo[${nid}]->shrinker_info)`);
      if (!info) break;
      if (!(index < shrinker_id_to_index(k, yield* READ_ONCE(k, info, INFO_MAP_NR_MAX, '@->map_nr_max')))) break;
      const unit = yield* READ_ONCE(k, info, INFO_UNIT + index, `@->unit[${index}]`);
      // step 2: the unit lives as long as the memcg (we hold it), so the RCU section can end here
      yield* rcu_read_unlock(k);
      const bits = k.unitBits;
      for (let offset = yield* find_next_bit(k, unit, UNIT_MAP, bits, 0, 'for_each_set_bit(@->map)'); offset < bits;
        offset = yield* find_next_bit(k, unit, UNIT_MAP, bits, offset + 1, 'for_each_set_bit(@->map)')) {
        freed += yield* k.fn.shrink_slab_memcg_one(k, nid, memcg, unit, index, offset, priority);
      }
      index++;
      // step 7: the info may have been replaced while we slept: go back and look it up again
    }
    yield* rcu_read_unlock(k); // unlock:
    return freed;
  },

  /** lines 528-576: one set bit of the memcg walk */
  *shrink_slab_memcg_one(k, nid, memcg, unit, index, offset, priority) {
    const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
    const shrinker_id = calc_shrinker_id(k, index, offset);
    const shrinker = yield* memcg_shrinker_get(k, unit, index, offset);
    if (!shrinker) return 0;
    /* Call non-slab shrinkers even though kmem is disabled */
    if (!memcg_kmem_online(k) && !((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_NONSLAB)) {
      return 0; // the reference `continue`s here without shrinker_put(), as it does
    }
    let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
    if (ret === SHRINK_EMPTY) {
      yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [SHRINK_EMPTY]`);
      /*
       * list_lru_add()     shrink_slab_memcg()
       *   list_add_tail()    clear_bit()
       *   <MB>               <MB>
       *   set_bit()          do_shrink_slab()
       * Pairs with smp_mb__before_atomic() in set_shrinker_bit().
       */
      yield* smp_mb__after_atomic(k);
      ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
      if (ret === SHRINK_EMPTY) ret = 0;
      else yield* k.fn.set_shrinker_bit(k, memcg, nid, shrinker_id);
    }
    yield* k.fn.shrinker_put(k, shrinker); // step 6
    return ret;
  },

  /** lines 614-676 */
  *shrink_slab(k, nid, memcg, priority) {
    let freed = 0;
    if (!mem_cgroup_is_root(k, memcg)) return yield* k.fn.shrink_slab_memcg(k, nid, memcg, priority);
    yield* rcu_read_lock(k); // step 1
    for (let shrinker = yield* list_first_rcu(k); shrinker !== 0; shrinker = yield* list_next_rcu(k, shrinker)) {
      const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
      if (!(yield* k.fn.shrinker_try_get(k, shrinker))) continue; // step 2
      yield* rcu_read_unlock(k);
      let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
      if (ret === SHRINK_EMPTY) ret = 0;
      freed += ret;
      // step 3: retake the RCU lock before the put, so neither this shrinker nor the next is freed
      yield* rcu_read_lock(k);
      yield* k.fn.shrinker_put(k, shrinker); // step 4
    }
    yield* rcu_read_unlock(k);
    return freed;
  },
};
