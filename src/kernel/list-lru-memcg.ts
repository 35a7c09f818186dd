/**
 * lockless: the per-memcg lists of a list_lru (v6.13 mm/list_lru.c): __list_lru_init(),
 * list_lru_destroy() and memcg_reparent_list_lrus(), and mm/memcontrol.c memcg_offline_kmem().
 *
 * Modeled differences: per-memcg lists are allocated with the list_lru for every memcg slot
 * (memcg_list_lru_alloc() is folded into init); the xarray is the LRU_ONE slot array (memcg-major),
 * the memcg's kmemcg_id is its position in the hierarchy (root: index 0, i.e. lru->node[nid].lru);
 * under nokmem every list_lru is memcg-unaware (__list_lru_init), except those of SHRINKER_NONSLAB
 * owners, which stand for page-based per-memcg queues (deferred_split) that exist regardless of kmem.
 */
import { G_LIST_LRUS_MUTEX, G_STAT_DESTROYED, LRU_DEAD, LRU_MEMCG_AWARE, LRU_SHRINKER_ID, ONE_LOCK, ONE_NR_ITEMS, SH_FLAGS, SH_ID, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, T_LRU, T_LRU_ONE } from '../model/layout.js';
import { memcg_index, memcg_kmem_online } from './memcontrol.js';
import { kfree, kzalloc } from './slab.js';
import type { Kernel, ModelFns } from '../model/kernel.js';
import type { Step } from '../model/wait.js';
import { READ_ONCE, WRITE_ONCE } from '../sync/access.js';
import { at, fmtPtr } from '../model/arena.js';
import { note } from '../model/kernel.js';
import { mutex_lock, mutex_unlock, spin_lock, spin_unlock } from '../sync/mutex.js';
import { kvfree_rcu } from '../sync/rcu.js';
import { INIT_LIST_HEAD, list_splice_init } from './list.js';
import { slot } from './list-lru.js';
import { registered_lrus } from '../actors/owner.js';
import { memcg_reparent_objcgs } from './objcg.js';

/**
 * memcg_reparent_list_lru_one(): under src->lock and dst->lock, splice src into the parent's list,
 * move the count, set the parent's bit if anything moved, and mark src dead (nr_items = LONG_MIN).
 */
export function* memcg_reparent_list_lru_one(k: Kernel, lru: number, nid: number, src: number, parent: number): Step {
  const dst_m = memcg_index(k, parent);
  yield* spin_lock(k, src, ONE_LOCK, 'spin_lock_irq(&src->lock)');
  // the parent's slot has no concurrent writer (reparenting, its only writer, holds list_lrus_mutex):
  // a plain read, not a scheduling point, so the wait for dst->lock starts right after src->lock
  const dst = k.mem[at(k, lru, slot(dst_m, nid), 'list_lru_from_memcg_idx(lru, nid, dst_idx)')];
  if (k.tr !== null) note(k, `list_lru_from_memcg_idx(${fmtPtr(lru)}, nid ${nid}, memcg ${dst_m}) = ${fmtPtr(dst)}`);
  yield* spin_lock(k, dst, ONE_LOCK, 'spin_lock_nested(&dst->lock)');
  yield* list_splice_init(k, src, dst, 'list_splice_init(&src->list, &dst->list)');
  const nr = yield* READ_ONCE(k, src, ONE_NR_ITEMS, 'list_splice_init(); @->nr_items');
  if (nr) {
    const d = yield* READ_ONCE(k, dst, ONE_NR_ITEMS, '@->nr_items');
    yield* WRITE_ONCE(k, dst, ONE_NR_ITEMS, d + nr, 'dst->nr_items += src->nr_items');
    yield* k.fn.set_shrinker_bit(k, parent, nid, yield* READ_ONCE(k, lru, LRU_SHRINKER_ID, 'lru_shrinker_id(@)'));
  }
  /* Mark the list_lru_one dead */
  yield* WRITE_ONCE(k, src, ONE_NR_ITEMS, LRU_DEAD, 'src->nr_items = LONG_MIN');
  yield* spin_unlock(k, dst, ONE_LOCK, 'spin_unlock(&dst->lock)');
  yield* spin_unlock(k, src, ONE_LOCK, 'spin_unlock_irq(&src->lock)');
}

type LruMemcgFns = Pick<ModelFns, 'list_lru_init_memcg' | 'list_lru_destroy' | 'memcg_reparent_list_lrus' | 'memcg_offline_kmem'>;

export const listLruMemcg: LruMemcgFns = {
  /** __list_lru_init(lru, memcg_aware, shrinker) + memcg_list_lru_alloc() for every memcg slot; 0 on -ENOMEM */
  *list_lru_init_memcg(k, shrinker) {
    const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    const lru = yield* kzalloc(k, T_LRU);
    if (!lru) return 0;
    const kmem = memcg_kmem_online(k);
    const aware = (flags & SHRINKER_MEMCG_AWARE) !== 0 && (kmem || (flags & SHRINKER_NONSLAB) !== 0);
    yield* WRITE_ONCE(k, lru, LRU_MEMCG_AWARE, aware ? 1 : 0, '@->memcg_aware');
    // lru->shrinker_id = shrinker->id (list_lru_init_memcg); -1 for a plain list_lru_init()
    const id = flags & SHRINKER_MEMCG_AWARE ? yield* READ_ONCE(k, shrinker, SH_ID, '@->id') : -1;
    yield* WRITE_ONCE(k, lru, LRU_SHRINKER_ID, id, '@->shrinker_id');
    for (let m = 0; m < (aware ? k.L.bounds.memcgs : 1); m++) {
      for (let nid = 0; nid < k.nodes; nid++) {
        const l = yield* kzalloc(k, T_LRU_ONE);
        if (!l) {
          yield* k.fn.list_lru_destroy(k, lru);
          return 0;
        }
        INIT_LIST_HEAD(k, l, 'init_one_lru(): INIT_LIST_HEAD(&l->list)'); // still private: no other actor sees it
        yield* WRITE_ONCE(k, lru, slot(m, nid), l, `@->lists[memcg ${m}][node ${nid}]`);
      }
    }
    return lru;
  },

  /**
   * list_lru_destroy(): the owner frees its lists after shrinker_free(). Its cache evicted every item
   * first (kernel/item-cache.ts evict_all, as generic_shutdown_super() evicts inodes): a list still
   * holding items would leave them linked to freed memory, which the list-debug checks then catch.
   */
  *list_lru_destroy(k, lru) {
    for (let m = 0; m < k.L.bounds.memcgs; m++) {
      for (let nid = 0; nid < k.nodes; nid++) {
        const l = yield* READ_ONCE(k, lru, slot(m, nid), '@->lists');
        if (!l) continue;
        const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
        if (nr > 0) Atomics.add(k.mem, G_STAT_DESTROYED, nr);
        yield* kfree(k, l);
      }
    }
    yield* kfree(k, lru);
  },

  /**
   * memcg_reparent_list_lrus() for one list_lru (the caller holds list_lrus_mutex): unpublish the
   * memcg's lists (xas_store NULL), then per node (memcg_reparent_list_lru_one), under both locks,
   * splice into the parent's list, set the parent's bit if anything moved, mark the child's list
   * dead; free it after a grace period (kvfree_rcu).
   */
  *memcg_reparent_list_lrus(k, lru, memcg, parent) {
    if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return;
    const m = memcg_index(k, memcg);
    const srcs: number[] = [];
    for (let nid = 0; nid < k.nodes; nid++) {
      srcs.push(yield* READ_ONCE(k, lru, slot(m, nid), '@->xa[memcg]'));
      yield* WRITE_ONCE(k, lru, slot(m, nid), 0, `xas_store(@->xa[memcg ${m}], NULL)`);
    }
    for (let nid = 0; nid < k.nodes; nid++) {
      const src = srcs[nid];
      if (!src) continue;
      yield* memcg_reparent_list_lru_one(k, lru, nid, src, parent);
      yield* kvfree_rcu(k, src);
    }
  },

  /**
   * mm/memcontrol.c memcg_offline_kmem() (v6.13): memcg_reparent_list_lrus() under list_lrus_mutex,
   * then memcg_reparent_objcgs(): "Objcg's reparenting must be after list_lru's, make sure list_lru
   * helpers won't use parent's list_lru until child is drained." (v6.13 reordered the two when each
   * list_lru_one got its own lock: an object resolving to the parent while still linked on the child's
   * list would be unlinked under the wrong lock.) Skipped under nokmem, as the kernel does.
   */
  *memcg_offline_kmem(k, memcg, parent) {
    if (!memcg_kmem_online(k)) return;
    yield* mutex_lock(k, G_LIST_LRUS_MUTEX, 'mutex_lock(&list_lrus_mutex)');
    for (const lru of registered_lrus(k)) yield* k.fn.memcg_reparent_list_lrus(k, lru, memcg, parent);
    yield* mutex_unlock(k, G_LIST_LRUS_MUTEX, 'mutex_unlock(&list_lrus_mutex)');
    yield* memcg_reparent_objcgs(k, memcg, parent);
  },
};
