/**
 * lockless: the per-memcg lists of a list_lru (v6.13 mm/list_lru.c): __list_lru_init(),
 * memcg_list_lru_alloc(), list_lru_destroy() and memcg_reparent_list_lrus(), and mm/memcontrol.c
 * memcg_offline_kmem().
 *
 * As v6.13: a list_lru has its node lists (lru->node[nid].lru, root's and a memcg-unaware list_lru's)
 * from init, and an xarray of struct list_lru_memcg (one memcg's lists, one per node) by kmemcg_id,
 * filled lazily: memcg_list_lru_alloc() runs when an object of the list_lru's cache is charged to a
 * memcg (__memcg_slab_post_alloc_hook, actors/item-user.ts) and gives that memcg and every ancestor
 * without one its lists; a failure fails the object's allocation. Reparenting clears the slot under
 * the xarray lock, so an allocation either lands before it (and is drained) or sees css_is_dying().
 * Modeled differences: the memcg's kmemcg_id is its position in the hierarchy (root: 0, standing for
 * -1); xarray node allocation (xas_nomem) never fails. Under nokmem every list_lru is memcg-unaware
 * (__list_lru_init); a memcg-aware SHRINKER_NONSLAB owner is THP's deferred split queue then
 * (kernel/deferred-split.ts).
 */
import { G_LIST_LRUS_MUTEX, G_STAT_DESTROYED, LRU_DEAD, LRU_MEMCG_AWARE, LRU_NODE, LRU_SHRINKER_ID, LRU_XA, LRU_XA_LOCK, ONE_LOCK, ONE_NR_ITEMS, SH_FLAGS, SH_ID, SHRINKER_MEMCG_AWARE, T_LRU, T_LRU_ONE } from '../model/layout.js';
import { mem_cgroup_is_root, memcg_index, memcg_kmem_online } from './memcontrol.js';
import { kfree, kzalloc } from './slab.js';
import { alloc_node_lists, memcg_list_lru_alloc } from './list-lru-alloc.js';
import { type Kernel, type ModelFns } from '../model/kernel.js';
import type { Step } from '../model/wait.js';
import { READ_ONCE, WRITE_ONCE, rcu_assign_pointer } from '../sync/access.js';
import { at, fmtPtr } from '../model/arena.js';
import { note } from '../model/kernel.js';
import { mutex_lock, mutex_unlock, spin_lock, spin_unlock } from '../sync/mutex.js';
import { kvfree_rcu } from '../sync/rcu.js';
import { list_splice_init } from './list.js';
import { mlru_node } from './list-lru.js';
import { registered_lrus } from '../actors/owner.js';
import { memcg_reparent_objcgs } from './objcg.js';

/**
 * memcg_reparent_list_lru_one(): under src->lock and dst->lock, splice src into the parent's list,
 * move the count, set the parent's bit if anything moved, and mark src dead (nr_items = LONG_MIN).
 */
export function* memcg_reparent_list_lru_one(k: Kernel, lru: number, nid: number, src: number, parent: number): Step {
  const dst_idx = mem_cgroup_is_root(k, parent) ? -1 : memcg_index(k, parent);
  yield* spin_lock(k, src, ONE_LOCK, 'spin_lock_irq(&src->lock)');
  // the parent's slot has no concurrent writer (it was filled before the child's, and only reparenting
  // the parent, under list_lrus_mutex, which this caller holds, clears it): a plain read, not a
  // scheduling point, so the wait for dst->lock starts right after src->lock
  const dst = dst_idx < 0 ? k.mem[at(k, lru, LRU_NODE + nid, 'list_lru_from_memcg_idx(lru, nid, dst_idx)')]
    : mlru_node(k, k.mem[at(k, lru, LRU_XA + dst_idx, 'list_lru_from_memcg_idx(lru, nid, dst_idx)')], nid);
  if (k.tr !== null) note(k, `list_lru_from_memcg_idx(${fmtPtr(lru)}, nid ${nid}, memcg ${dst_idx}) = ${fmtPtr(dst)}`);
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

/** Items still on a list when it is freed count as dropped with their list_lru (invariant 5). */
export function count_dropped(k: Kernel, l: number): void {
  const nr = k.mem[at(k, l, ONE_NR_ITEMS, '@->nr_items')];
  if (nr > 0) Atomics.add(k.mem, G_STAT_DESTROYED, nr);
}

type LruMemcgFns = Pick<ModelFns, 'list_lru_init_memcg' | 'memcg_list_lru_alloc' | 'list_lru_destroy' | 'memcg_reparent_list_lrus' | 'memcg_offline_kmem'>;

export const listLruMemcg: LruMemcgFns = {
  /** __list_lru_init(lru, memcg_aware, shrinker): shrinker_id, the node lists (one kzalloc), an empty xarray; 0 on -ENOMEM */
  *list_lru_init_memcg(k, shrinker) {
    const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    const lru = yield* kzalloc(k, T_LRU);
    if (!lru) return 0;
    // memcg_aware, and `if (mem_cgroup_kmem_disabled()) memcg_aware = false` (v6.13): under nokmem no list_lru is
    const aware = (flags & SHRINKER_MEMCG_AWARE) !== 0 && memcg_kmem_online(k);
    // lru->shrinker_id = shrinker->id (list_lru_init_memcg); -1 for a plain list_lru_init()
    const id = flags & SHRINKER_MEMCG_AWARE ? yield* READ_ONCE(k, shrinker, SH_ID, '@->id') : -1;
    yield* WRITE_ONCE(k, lru, LRU_SHRINKER_ID, id, '@->shrinker_id');
    // lru->node = kzalloc(nr_node_ids); init_one_lru() for each node (still private: no other actor sees the list_lru yet)
    if (!(yield* alloc_node_lists(k, T_LRU_ONE, (_, nid, l) => { k.mem[at(k, lru, LRU_NODE + nid, 'lru->node')] = l; }))) {
      yield* kfree(k, lru);
      return 0;
    }
    yield* WRITE_ONCE(k, lru, LRU_MEMCG_AWARE, aware ? 1 : 0, 'memcg_init_list_lru(): @->memcg_aware');
    return lru;
  },

  memcg_list_lru_alloc,

  /**
   * list_lru_destroy(): the owner frees its lists after shrinker_free() and list_lru_unregister()
   * (memcg_destroy_list_lru() under the xarray lock, then lru->node). Its cache evicted every item
   * first (kernel/item-cache.ts evict_all, as generic_shutdown_super() evicts inodes): a list still
   * holding items would leave them linked to freed memory, which the list-debug checks then catch.
   */
  *list_lru_destroy(k, lru) {
    if (yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)')) {
      yield* spin_lock(k, lru, LRU_XA_LOCK, 'xas_lock_irq(&xas)');
      for (let idx = 1; idx < k.L.bounds.memcgs; idx++) { // xas_for_each(&xas, mlru, ULONG_MAX)
        const mlru = yield* READ_ONCE(k, lru, LRU_XA + idx, 'xas_for_each(&@->xa)');
        if (!mlru) continue;
        for (let nid = 0; nid < k.nodes; nid++) count_dropped(k, mlru_node(k, mlru, nid));
        yield* kfree(k, mlru);
        yield* rcu_assign_pointer(k, lru, LRU_XA + idx, 0, 'xas_store(&xas, NULL)');
      }
      yield* spin_unlock(k, lru, LRU_XA_LOCK, 'xas_unlock_irq(&xas)');
    }
    for (let nid = 0; nid < k.nodes; nid++) { // kfree(lru->node)
      const l = yield* READ_ONCE(k, lru, LRU_NODE + nid, '@->node');
      count_dropped(k, l);
      yield* kfree(k, l);
    }
    yield* kfree(k, lru);
  },

  /**
   * memcg_reparent_list_lrus() for one list_lru (the caller holds list_lrus_mutex): unpublish the
   * memcg's list_lru_memcg under the xarray lock (xas_store NULL), then per node
   * (memcg_reparent_list_lru_one), under both locks, splice into the parent's list, set the parent's
   * bit if anything moved, mark the child's list dead; free it after a grace period (kvfree_rcu).
   */
  *memcg_reparent_list_lrus(k, lru, memcg, parent) {
    if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return;
    const idx = memcg_index(k, memcg);
    yield* spin_lock(k, lru, LRU_XA_LOCK, 'xas_lock_irq(&xas)');
    const mlru = yield* READ_ONCE(k, lru, LRU_XA + idx, '@->xa[memcg]');
    yield* rcu_assign_pointer(k, lru, LRU_XA + idx, 0, `xas_store(@->xa[memcg ${idx}], NULL)`);
    yield* spin_unlock(k, lru, LRU_XA_LOCK, 'xas_unlock_irq(&xas)');
    if (!mlru) return;
    for (let nid = 0; nid < k.nodes; nid++) yield* memcg_reparent_list_lru_one(k, lru, nid, mlru_node(k, mlru, nid), parent);
    yield* kvfree_rcu(k, mlru);
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
