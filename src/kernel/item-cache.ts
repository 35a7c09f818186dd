/**
 * The cache a list_lru-backed shrinker serves: objects ("items") kept on the list_lru while unused,
 * found again through a hash, evicted by their user or by the shrinker. It is fs/inode.c's inode
 * cache (v6.13) cut to what touches list_lru: inode_lru_isolate(), prune_icache_sb()/dispose_list(),
 * iput_final()'s inode_add_lru()/inode_lru_list_del(), evict()'s inode_wait_for_lru_isolating(),
 * and super_cache_count()/super_cache_scan() as the shrinker's callbacks.
 *
 * Locks, in order: inode_hash_lock (G_ITEM_HASH_LOCK) -> item->i_lock (ITEM_LOCK) -> l->lock. The
 * walker holds l->lock and so only trylocks an item (LRU_SKIP when it fails). I_FREEING, set under
 * i_lock, gives the item to whoever set it: lookups and the shrinker leave it alone, and it is freed
 * only after it is unhashed and off every list. The hash is each actor's line (ACTOR_HASH slots).
 * Items enter and leave outside reclaim in item-lifetime.ts. Item allocation is not a failure point (the scenario's failMask counts the kernel's allocations).
 * Not modeled: i_count (a user holding an item while it sits on the list), the I_NEW/I_WILL_FREE states.
 */
import { kalloc } from '../model/arena.js';
import type { Kernel, ModelFns } from '../model/kernel.js';
import { ACTOR_DISPOSE, G_ITEM_HASH_LOCK, I_FREEING, I_LRU_ISOLATING, I_PAGES, I_REFERENCED, ITEM_HASH, ITEM_LOCK, ITEM_MEMCG, ITEM_OBJCG, ITEM_STATE, actorLine, LRU_SPLIT, ONE_LOCK, ONE_STACK_OF, SH_LRU, T_LRU_ONE } from '../model/layout.js';
import { at } from '../model/arena.js';
import { READ_ONCE } from '../sync/access.js';
import { spin_lock, spin_lock_global, spin_trylock, spin_unlock, spin_unlock_global } from '../sync/mutex.js';
import type { Step } from '../model/wait.js';
import { SHRINK_EMPTY } from '../model/kernel.js';
import { checkScanRequest, noteCounted } from '../invariants/overscan.js';
import { INIT_LIST_HEAD, list_del_init, list_empty, list_next_entry } from './list.js';
import { kfree } from './slab.js';
import { LRU_REMOVED, LRU_RETRY, LRU_ROTATE, LRU_SKIP } from './lru-status.js';
import { obj_cgroup_put } from './objcg.js';
import { mem_cgroup_uncharge } from './memcontrol.js';

/**
 * Whether the owner of `lru` is THP's deferred split queue (kernel/deferred-split.ts: a memcg-aware
 * NONSLAB owner under nokmem), whose folios and callbacks are the queue's. Written before the list_lru
 * is published: a plain read.
 */
export const is_split_queue = (k: Kernel, lru: number): boolean => k.mem[at(k, lru, LRU_SPLIT, 'deferred split owner')] !== 0;

/** the word of inode->i_state (read and written under i_lock) */
export const i_state = (k: Kernel, item: number): number => at(k, item, ITEM_STATE, 'inode->i_state');

/** The actor's on-stack LIST_HEAD(freeable): a bare list head, made on first use (not a kernel allocation). */
export function dispose_head(k: Kernel): number {
  const w = actorLine(k.L, k.actor) + ACTOR_DISPOSE;
  if (k.mem[w] === 0) {
    const h = kalloc(k, T_LRU_ONE);
    k.mem[at(k, h, ONE_STACK_OF, 'LIST_HEAD(freeable)')] = k.actor + 1;
    INIT_LIST_HEAD(k, h, 'LIST_HEAD(freeable)');
    k.mem[w] = h;
  }
  return k.mem[w];
}

/** remove_inode_hash(): clear the item's hash slot (the caller holds inode_hash_lock) */
export function remove_inode_hash(k: Kernel, item: number): void {
  const slot = k.mem[at(k, item, ITEM_HASH, 'remove_inode_hash(@)')];
  if (slot !== 0 && k.mem[slot] === item) k.mem[slot] = 0;
  k.mem[at(k, item, ITEM_HASH, 'remove_inode_hash(@)')] = 0;
}

/** evict() of an item nobody else can reach any more: wait for a walker's pin, unhash, free */
export function* evict(k: Kernel, item: number): Step {
  const st = i_state(k, item);
  yield { ready: () => (Atomics.load(k.mem, st) & I_LRU_ISOLATING) === 0, what: 'inode_wait_for_lru_isolating()' };
  if (k.mem[at(k, item, ITEM_HASH, 'evict(@)')] !== 0) {
    yield* spin_lock_global(k, G_ITEM_HASH_LOCK, 'spin_lock(&inode_hash_lock)');
    remove_inode_hash(k, item);
    yield* spin_unlock_global(k, G_ITEM_HASH_LOCK, 'spin_unlock(&inode_hash_lock)');
  }
  yield* free_item(k, item);
}

/** kmem_cache_free(): the slab free hook uncharges the object (obj_cgroup_put), then the memory goes; a folio's page charge is uncharged */
export function* free_item(k: Kernel, item: number): Step {
  const objcg = k.mem[at(k, item, ITEM_OBJCG, 'slab_obj_exts(@)->objcg')];
  if (objcg) yield* obj_cgroup_put(k, objcg);
  const memcg = k.mem[at(k, item, ITEM_MEMCG, 'folio_memcg(@)')];
  if (memcg) yield* mem_cgroup_uncharge(k, memcg);
  yield* kfree(k, item, 'destroy_inode');
}

type CacheFns = Pick<ModelFns, 'count_objects' | 'scan_objects' | 'item_lru_isolate'>;

export const itemCache: CacheFns = {
  /** super_cache_count() shape: the list's count, or SHRINK_EMPTY when it has nothing at all */
  *count_objects(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    if (is_split_queue(k, lru)) return yield* k.fn.deferred_split_count(k, shrinker, sc); // THP's callbacks (deferred-split.ts)
    const n = yield* k.fn.list_lru_count_one(k, lru, sc.nid, sc.memcg);
    noteCounted(sc, n); // invariant 10 (invariants/overscan.ts): what this shrinker may be asked to scan
    return n === 0 ? SHRINK_EMPTY : n;
  },

  /** super_cache_scan() -> prune_icache_sb(): list_lru_shrink_walk(), then dispose_list() */
  *scan_objects(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    if (is_split_queue(k, lru)) return yield* k.fn.deferred_split_scan(k, shrinker, sc);
    checkScanRequest(k, shrinker, sc); // invariant 10: at most 2 x what the count callback returned
    const freeable = dispose_head(k);
    const nr_to_walk = { value: sc.nr_to_scan }; // list_lru_shrink_walk(): &sc->nr_to_scan
    const freed = yield* k.fn.list_lru_walk_one(k, lru, sc.nid, sc.memcg, k.fn.item_lru_isolate, freeable, nr_to_walk);
    sc.nr_to_scan = nr_to_walk.value;
    while (!list_empty(k, freeable, 'dispose_list()')) { // dispose_list(&freeable)
      const item = list_next_entry(k, freeable, 'dispose_list()');
      yield* list_del_init(k, item, 'dispose_list(): list_del_init(&inode->i_lru)');
      yield* evict(k, item);
    }
    return freed;
  },

  /** inode_lru_isolate(): called with l->lock held */
  *item_lru_isolate(k, item, l, freeable) {
    /* We are inverting the lru lock/inode->i_lock here, so use a trylock. If we fail to get the lock, just skip it. */
    if (!(yield* spin_trylock(k, item, ITEM_LOCK, 'spin_trylock(&inode->i_lock)'))) return LRU_SKIP;
    const st = i_state(k, item);
    if (k.mem[st] & ~(I_REFERENCED | I_PAGES)) { // being evicted: remove it lazily, its evictor frees it
      yield* k.fn.list_lru_isolate(k, l, item);
      yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock)');
      return LRU_REMOVED;
    }
    if (k.mem[st] & I_REFERENCED) { /* Recently referenced inodes get one more pass */
      k.mem[st] &= ~I_REFERENCED;
      yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock) [I_REFERENCED cleared]');
      return LRU_ROTATE;
    }
    if (k.mem[st] & I_PAGES) { // inode_has_buffers() || !mapping_empty(): drop them with both locks dropped
      k.mem[st] |= I_LRU_ISOLATING; // inode_pin_lru_isolating()
      yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock) [pinned]');
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&lru->lock)');
      yield* spin_lock(k, item, ITEM_LOCK, 'inode_unpin_lru_isolating(): spin_lock(&inode->i_lock)');
      k.mem[st] &= ~(I_PAGES | I_LRU_ISOLATING); // invalidate_mapping_pages() dropped them
      yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock)');
      return LRU_RETRY;
    }
    k.mem[st] |= I_FREEING;
    yield* k.fn.list_lru_isolate_move(k, l, item, freeable);
    yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock)');
    return LRU_REMOVED;
  },
};
