/**
 * The user of a cached item (a task creating and later evicting an inode): the operations producers
 * and populating owners run against the item cache (kernel/item-cache.ts).
 *
 * An item is charged at allocation to the memcg its user runs in (an online one, pinned only while
 * charging, as a task pins its cgroup): with kmem accounting, to that memcg's obj_cgroup, which the
 * item then pins instead of the memcg; list_lru_add_obj()/list_lru_del_obj() pin the memcg with
 * rcu_read_lock() (v6.13), so the memcg may go offline and be freed around them. Under nokmem a slab
 * object is not charged at all (every list_lru is memcg-unaware); a deferred split queue's folio is
 * charged page-style and pins its memcg (kernel/deferred-split.ts).
 */
import { css_put, css_tryget_at, mem_cgroup_charge, memcg_kmem_online } from '../kernel/memcontrol.js';
import { get_mem_cgroup_from_objcg, get_obj_cgroup_from_memcg, obj_cgroup_put } from '../kernel/objcg.js';
import { is_split_queue } from '../kernel/item-cache.js';
import { cache_add, cache_evict } from '../kernel/item-lifetime.js';
import type { Kernel } from '../model/kernel.js';
import type { Step } from '../model/wait.js';

/** Allocate an item charged to the memcg at hierarchy position `index` and hand it to the cache (hashed when `hash`). */
export function* item_add(k: Kernel, lru: number, index: number, nid: number, flags: number, hash: boolean): Step<boolean> {
  const memcg = yield* css_tryget_at(k, index, true); // objects are charged to online memcgs
  if (memcg === 0) return false;
  if (memcg_kmem_online(k)) {
    const objcg = yield* get_obj_cgroup_from_memcg(k, memcg); // obj_cgroup_get() for the object
    yield* css_put(k, memcg);
    if (objcg && (yield* memcg_slab_post_alloc_lru(k, objcg, lru)) !== 0) {
      yield* obj_cgroup_put(k, objcg); // the allocation fails: the object goes back to the slab
      return false;
    }
    yield* cache_add(k, lru, { objcg, memcg: 0, index }, nid, flags, hash);
  } else if (is_split_queue(k, lru)) {
    // a folio (THP's deferred split queue, kernel/deferred-split.ts): charged page-style, its charge
    // pins the memcg (css_get under the task's reference) until the folio is freed
    mem_cgroup_charge(k, memcg);
    yield* cache_add(k, lru, { objcg: 0, memcg, index }, nid, flags, hash);
    yield* css_put(k, memcg);
  } else {
    // nokmem: a slab object is not charged (the task's memcg only picks which of its objects it evicts later)
    yield* css_put(k, memcg);
    yield* cache_add(k, lru, { objcg: 0, memcg: 0, index }, nid, flags, hash);
  }
  return true;
}

/**
 * The list_lru part of __memcg_slab_post_alloc_hook() (v6.13 mm/memcontrol.c), for an object of a
 * cache with a list_lru (kmem_cache_alloc_lru): memcg_list_lru_alloc() for the memcg of the object's
 * obj_cgroup (get_mem_cgroup_from_objcg(), css_put() after). Nonzero: the allocation fails.
 */
function* memcg_slab_post_alloc_lru(k: Kernel, objcg: number, lru: number): Step<number> {
  const memcg = yield* get_mem_cgroup_from_objcg(k, objcg);
  const ret = yield* k.fn.memcg_list_lru_alloc(k, memcg, lru);
  yield* css_put(k, memcg);
  return ret;
}

/** Evict the user's most recent item of `lru` charged to the memcg at position `index` (an item pins what its list operations need: its obj_cgroup, or its memcg as a folio). */
export function* item_evict(k: Kernel, lru: number, index: number): Step<boolean> {
  return yield* cache_evict(k, lru, index);
}
