/**
 * lockless: the list_lru side (mm/list_lru.c, v6.13+ where each list_lru_one has its own lock) and a
 * list_lru-backed shrinker's callbacks (the shape of super_cache_count/super_cache_scan).
 *
 * Items are anonymous: a list_lru_one is its lock and nr_items. What matters for the shrinker is:
 *  - list_lru_add() increments nr_items under the lock and, when the list was empty, calls
 *    set_shrinker_bit() (its smp_mb__before_atomic() orders the add before the set_bit);
 *  - list_lru_count_one() reads nr_items locklessly (READ_ONCE);
 *  - the walk isolates items under the lock; list_lru_del() removes one; neither clears a bit.
 * Per-memcg lists are allocated with the list_lru (memcg_list_lru_alloc is folded into init) and the
 * memcg index is the position in the hierarchy (memcg_kmem_id() is not modeled).
 */
import { G_STAT_ADDED, G_STAT_DELETED, G_STAT_SCANNED, LRU_ONE, LRU_SHRINKER_ID, MAX_NODES, ONE_LOCK, ONE_NR_ITEMS, SH_ID, SH_LRU, T_LRU, T_LRU_ONE } from '../../model/layout.js';
import { memcg_index } from '../../model/memcg.js';
import { kfree, kzalloc } from '../../model/slab.js';
import type { Kernel } from '../../model/kernel.js';
import { READ_ONCE, WRITE_ONCE } from '../../sync/access.js';
import { spin_lock, spin_unlock } from '../../sync/mutex.js';
import type { Step } from '../../sync/wait.js';
import { SHRINK_EMPTY, type ModelFns } from '../model-fns.js';

/** list_lru_from_memcg_idx(lru, nid, memcg_kmem_id(memcg)) */
function* list_lru_one_of(k: Kernel, lru: number, nid: number, memcg: number): Step<number> {
  const m = memcg_index(k, memcg);
  return yield* READ_ONCE(k, lru, LRU_ONE + m * MAX_NODES + nid, `list_lru_from_memcg(@, memcg ${m}, nid ${nid})`);
}

type LruFns = Pick<ModelFns, 'count_objects' | 'scan_objects' | 'list_lru_add' | 'list_lru_del' | 'list_lru_count_one' |
  'list_lru_walk_one' | 'list_lru_init_memcg' | 'list_lru_destroy'>;

export const listLru: LruFns = {
  /** super_cache_count() shape: the list's count, or SHRINK_EMPTY when it has nothing at all */
  *count_objects(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    const n = yield* k.fn.list_lru_count_one(k, lru, sc.nid, sc.memcg);
    return n === 0 ? SHRINK_EMPTY : n;
  },

  /** super_cache_scan() shape: list_lru_shrink_walk() freeing what it isolates */
  *scan_objects(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    return yield* k.fn.list_lru_walk_one(k, lru, sc.nid, sc.memcg, sc.nr_to_scan);
  },

  /** mm/list_lru.c list_lru_add(): set the shrinker bit when the first item arrives */
  *list_lru_add(k, lru, nid, memcg) {
    const l = yield* list_lru_one_of(k, lru, nid, memcg);
    yield* spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)');
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'list_add_tail(); @->nr_items');
    yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr + 1, '@->nr_items++');
    Atomics.add(k.mem, G_STAT_ADDED, 1);
    /* Set shrinker bit if the first element was added */
    if (nr === 0) yield* k.fn.set_shrinker_bit(k, memcg, nid, yield* READ_ONCE(k, lru, LRU_SHRINKER_ID, 'lru_shrinker_id(@)'));
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return true;
  },

  /** mm/list_lru.c list_lru_del(): remove one item if there is one; the bit stays */
  *list_lru_del(k, lru, nid, memcg) {
    const l = yield* list_lru_one_of(k, lru, nid, memcg);
    yield* spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)');
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
    if (nr > 0) {
      yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - 1, 'list_del_init(); @->nr_items--');
      Atomics.add(k.mem, G_STAT_DELETED, 1);
    }
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return nr > 0;
  },

  /** mm/list_lru.c list_lru_count_one(): lockless read of nr_items */
  *list_lru_count_one(k, lru, nid, memcg) {
    const l = yield* list_lru_one_of(k, lru, nid, memcg);
    return l ? yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'READ_ONCE(@->nr_items)') : 0;
  },

  /** mm/list_lru.c list_lru_walk_one(): isolate up to nr_to_walk items under the lock */
  *list_lru_walk_one(k, lru, nid, memcg, nr_to_walk) {
    const l = yield* list_lru_one_of(k, lru, nid, memcg);
    yield* spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)');
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
    const isolated = Math.min(nr, nr_to_walk);
    if (isolated > 0) {
      yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - isolated, `isolate ${isolated}: @->nr_items`);
      Atomics.add(k.mem, G_STAT_SCANNED, isolated);
    }
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return isolated;
  },

  /** mm/list_lru.c __list_lru_init() + memcg_list_lru_alloc(): lists for every memcg and node */
  *list_lru_init_memcg(k, shrinker) {
    const lru = yield* kzalloc(k, T_LRU);
    for (let m = 0; m < k.L.bounds.memcgs; m++) {
      for (let nid = 0; nid < k.nodes; nid++) {
        const l = yield* kzalloc(k, T_LRU_ONE);
        yield* WRITE_ONCE(k, lru, LRU_ONE + m * MAX_NODES + nid, l, `@->lists[memcg ${m}][node ${nid}]`);
      }
    }
    // lru->shrinker_id = shrinker->id
    yield* WRITE_ONCE(k, lru, LRU_SHRINKER_ID, yield* READ_ONCE(k, shrinker, SH_ID, '@->id'), '@->shrinker_id');
    return lru;
  },

  /** mm/list_lru.c list_lru_destroy(): the owner frees its lists (after shrinker_free) */
  *list_lru_destroy(k, lru) {
    for (let m = 0; m < k.L.bounds.memcgs; m++) {
      for (let nid = 0; nid < k.nodes; nid++) {
        yield* kfree(k, yield* READ_ONCE(k, lru, LRU_ONE + m * MAX_NODES + nid, '@->lists'));
      }
    }
    yield* kfree(k, lru);
  },
};
