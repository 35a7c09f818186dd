/**
 * rwsem: reclaim as in v5.13-v6.6 mm/vmscan.c (this file follows v6.6; line numbers approximate):
 * the per-memcg nr_deferred helpers, shrink_slab_memcg() over the flat bitmap and the global walk.
 * do_shrink_slab() is the reference's (unchanged since v5.13 apart from the nr_deferred helpers).
 *
 * Both walks hold shrinker_rwsem for reading, taken with down_read_trylock() (reclaim can be called
 * from under a registration that holds it for writing: shrinker allocation can enter reclaim) and
 * left early when a writer waits (rwsem_is_contended). The read side keeps the shrinker, the idr
 * entry and the memcg's info stable for the whole walk. The one ordering-sensitive spot is the
 * SHRINK_EMPTY recheck: clear_bit <MB> second do_shrink_slab(), pairing with set_shrinker_bit()'s
 * <MB> set_bit after list_lru_add()'s nr_items++ (the 2018 series, patch "Clear shrinker bit if there are no objects related to memcg").
 * Not modeled: gfp_mask, cond_resched(), the tracepoints.
 */
import { G_STAT_VISITS } from '../../../model/layout.js';
import { FLAT_MAP_NR_MAX, SH_FLAGS, SH_ID, SH_NR_DEFERRED, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, SHRINKER_NUMA_AWARE, SHRINKER_REGISTERED } from '../../../model/layout.js';
import { idr_find } from '../../../kernel/idr.js';
import { nrDeferredWord } from '../../../kernel/ctypes.js';
import { mem_cgroup_is_root, memcg_kmem_online, mem_cgroup_online } from '../../../kernel/memcontrol.js';
import type { Kernel } from '../../../model/kernel.js';
import { READ_ONCE, atomic_add_return, atomic_xchg, clear_bit, find_next_bit, smp_mb__after_atomic } from '../../../sync/access.js';
import { down_read_trylock, rwsem_is_contended, shrinker_rwsem, up_read } from '../../../sync/rwsem.js';
import type { Step } from '../../../model/wait.js';
import { SHRINK_EMPTY, type ModelFns, type ShrinkControl } from '../../../model/kernel.js';
import { map_bit, map_word, shrinker_info_protected } from './shrinker-info.js';
import { list_first, list_next } from './shrinker-list.js';

/**
 * The nr_deferred counter of sc's node, as [object, field]: xchg_nr_deferred()/add_nr_deferred()
 * (≈ lines 654-685) with xchg_nr_deferred_memcg()/add_nr_deferred_memcg() (≈ lines 396-412), which
 * read the info with shrinker_info_protected(): the caller holds shrinker_rwsem for reading.
 */
function* nr_deferred_slot(k: Kernel, shrinker: number, sc: ShrinkControl): Step<[number, number]> {
  const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
  const nid = flags & SHRINKER_NUMA_AWARE ? sc.nid : 0;
  if (sc.memcg && flags & SHRINKER_MEMCG_AWARE) {
    const info = yield* shrinker_info_protected(k, sc.memcg, nid);
    return [info, k.L.flatNrDeferred + (yield* READ_ONCE(k, shrinker, SH_ID, '@->id'))];
  }
  return [shrinker, SH_NR_DEFERRED + nid];
}

/**
 * find_next_bit(info->map, size, offset) over the flat map, for for_each_set_bit(): one load per
 * map word visited, as the kernel reads each word afresh.
 */
function* find_next_map_bit(k: Kernel, info: number, size: number, offset: number): Step<number> {
  while (offset < size) {
    const w = offset >>> 5;
    const n = Math.min(32, size - w * 32);
    const b = yield* find_next_bit(k, info, map_word(w * 32), n, offset & 31, `for_each_set_bit(@->map[${w}])`);
    if (b < n) return w * 32 + b;
    offset = (w + 1) * 32;
  }
  return size;
}

type ReclaimFns = Pick<ModelFns, 'xchg_nr_deferred' | 'add_nr_deferred' | 'shrink_slab_memcg' | 'shrink_slab'>;

export const rwsemReclaim: ReclaimFns = {
  *xchg_nr_deferred(k, shrinker, sc) {
    const [p, field] = yield* nr_deferred_slot(k, shrinker, sc);
    return yield* atomic_xchg(k, p, field, 0, 'atomic_long_xchg(&@->nr_deferred[], 0)');
  },

  /** long nr, atomic_long_t nr_deferred as in the reference (kernel/ctypes.ts: the model's word is 32 bits) */
  *add_nr_deferred(k, nr, shrinker, sc) {
    nrDeferredWord(nr, 'add_nr_deferred(nr)');
    const [p, field] = yield* nr_deferred_slot(k, shrinker, sc);
    const v = yield* atomic_add_return(k, nr, p, field, `atomic_long_add_return(${nr}, &@->nr_deferred[])`);
    return nrDeferredWord(v, 'atomic_long_add_return(&nr_deferred)');
  },

  /** shrink_slab_memcg() (≈ lines 972-1050) */
  *shrink_slab_memcg(k, nid, memcg, priority) {
    let freed = 0;
    if (!(yield* mem_cgroup_online(k, memcg))) return 0;
    if (!(yield* down_read_trylock(k, shrinker_rwsem))) return 0;
    const info = yield* shrinker_info_protected(k, memcg, nid);
    if (info) {
      // for_each_set_bit(i, info->map, info->map_nr_max): the info cannot change under the read side
      const map_nr_max = yield* READ_ONCE(k, info, FLAT_MAP_NR_MAX, '@->map_nr_max');
      for (let i = yield* find_next_map_bit(k, info, map_nr_max, 0); i < map_nr_max; i = yield* find_next_map_bit(k, info, map_nr_max, i + 1)) {
        const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
        Atomics.add(k.mem, G_STAT_VISITS, 1); // statistics: a set bit visited
        const shrinker = yield* idr_find(k, i);
        const flags = shrinker ? yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags') : 0;
        if (!shrinker || !(flags & SHRINKER_REGISTERED)) {
          // a bit of an id being registered stays: its owner may have added items already
          if (!shrinker) yield* clear_bit(k, map_bit(i), info, map_word(i), `clear_bit(${i}, @->map) [no shrinker]`);
          continue;
        }
        /* Call non-slab shrinkers even though kmem is disabled */
        if (!memcg_kmem_online(k) && !(flags & SHRINKER_NONSLAB)) continue;
        let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
        if (ret === SHRINK_EMPTY) {
          yield* clear_bit(k, map_bit(i), info, map_word(i), `clear_bit(${i}, @->map) [SHRINK_EMPTY]`);
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
          else yield* k.fn.set_shrinker_bit(k, memcg, nid, i);
        }
        freed += ret;
        // let a waiting register/unregister in: it would otherwise wait for the whole walk
        if (yield* rwsem_is_contended(k, shrinker_rwsem)) {
          freed = freed || 1;
          break;
        }
      }
    }
    yield* up_read(k, shrinker_rwsem); // unlock:
    return freed;
  },

  /** shrink_slab() (≈ lines 1070-1125): root's call walks every registered shrinker */
  *shrink_slab(k, nid, memcg, priority) {
    let freed = 0;
    if (!mem_cgroup_is_root(k, memcg)) return yield* k.fn.shrink_slab_memcg(k, nid, memcg, priority);
    if (!(yield* down_read_trylock(k, shrinker_rwsem))) return 0; // goto out
    for (let shrinker = yield* list_first(k); shrinker !== 0; shrinker = yield* list_next(k, shrinker)) {
      const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
      let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
      if (ret === SHRINK_EMPTY) ret = 0;
      freed += ret;
      /*
       * Bail out if someone want to register a new shrinker to prevent the registration from being
       * stalled for long periods by parallel ongoing shrinking.
       */
      if (yield* rwsem_is_contended(k, shrinker_rwsem)) {
        freed = freed || 1;
        break;
      }
    }
    yield* up_read(k, shrinker_rwsem);
    return freed;
  },
};
