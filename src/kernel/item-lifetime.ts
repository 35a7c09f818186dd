/**
 * How items enter and leave the cache outside reclaim (fs/inode.c's shape, v6.13; the cache itself and
 * the shrinker's side are kernel/item-cache.ts): iput_final() keeping an unused inode (inode_add_lru ->
 * list_lru_add_obj), its user evicting it again (find_inode() under inode_hash_lock, I_FREEING,
 * inode_lru_list_del -> list_lru_del_obj, evict), and the owner's teardown (evict_inodes).
 */
import { at, kalloc } from '../model/arena.js';
import type { Kernel } from '../model/kernel.js';
import { ACTOR_HASH, actorLine, G_ITEM_HASH_LOCK, G_STAT_DESTROYED, HASH_SLOTS, I_FREEING, I_PAGES, I_REFERENCED, ITEM_CHARGED, ITEM_HASH, ITEM_LOCK, ITEM_MEMCG, ITEM_NID, ITEM_OBJCG, ITEM_SB, ITEM_STATE, LRU_NODE, LRU_XA, ONE_LOCK, ONE_NR_ITEMS, T_ITEM } from '../model/layout.js';
import { READ_ONCE } from '../sync/access.js';
import { spin_lock, spin_lock_global, spin_unlock, spin_unlock_global } from '../sync/mutex.js';
import type { Step } from '../model/wait.js';
import { INIT_LIST_HEAD, list_del_init, list_empty, list_next_entry } from './list.js';
import { mlru_node } from './list-lru.js';
import { evict, free_item, i_state, is_split_queue, remove_inode_hash } from './item-cache.js';
import { split_queue_at } from './deferred-split.js';

/** What a new item is charged to: its obj_cgroup (a reference the item keeps), or under nokmem its memcg; `index`: that memcg's position */
export interface Charge {
  objcg: number;
  memcg: number;
  index: number;
}

/**
 * A user drops the last reference to a new item, which the cache keeps (iput_final() ->
 * inode_add_lru()): hashed (when `hash`) so that its user can find it again, then list_lru_add_obj().
 */
export function* cache_add(k: Kernel, lru: number, charge: Charge, nid: number, flags: number, hash: boolean): Step<number> {
  const item = kalloc(k, T_ITEM);
  INIT_LIST_HEAD(k, item, 'inode_init_once(): INIT_LIST_HEAD(&inode->i_lru)');
  k.mem[at(k, item, ITEM_OBJCG, 'charge')] = charge.objcg;
  k.mem[at(k, item, ITEM_MEMCG, 'charge')] = charge.memcg;
  k.mem[at(k, item, ITEM_CHARGED, 'charge')] = charge.index;
  k.mem[at(k, item, ITEM_NID, 'init')] = nid;
  k.mem[at(k, item, ITEM_SB, 'init')] = lru;
  k.mem[at(k, item, ITEM_STATE, 'init')] = flags & (I_REFERENCED | I_PAGES);
  if (hash) {
    yield* spin_lock_global(k, G_ITEM_HASH_LOCK, 'spin_lock(&inode_hash_lock)');
    const base = actorLine(k.L, k.actor) + ACTOR_HASH;
    for (let i = 0; i < HASH_SLOTS; i++) {
      if (k.mem[base + i] !== 0) continue;
      k.mem[base + i] = item; // __insert_inode_hash()
      k.mem[at(k, item, ITEM_HASH, 'hash')] = base + i;
      break;
    }
    yield* spin_unlock_global(k, G_ITEM_HASH_LOCK, 'spin_unlock(&inode_hash_lock)');
  }
  if (is_split_queue(k, lru)) yield* k.fn.deferred_split_folio(k, lru, item); // deferred_split_folio(): a folio's queue
  else yield* k.fn.list_lru_add_obj(k, lru, item, nid);
  return item;
}

/**
 * The user evicts its most recent cached item of `lru` charged to the memcg at hierarchy position
 * `index` (find_inode() under inode_hash_lock, then iput_final() without retaining it): I_FREEING,
 * unhash, inode_lru_list_del() (list_lru_del_obj() under i_lock), evict(). False when it has none,
 * or the shrinker got it first.
 */
export function* cache_evict(k: Kernel, lru: number, index: number): Step<boolean> {
  yield* spin_lock_global(k, G_ITEM_HASH_LOCK, 'spin_lock(&inode_hash_lock)');
  const base = actorLine(k.L, k.actor) + ACTOR_HASH;
  let item = 0;
  for (let i = HASH_SLOTS - 1; i >= 0 && !item; i--) {
    const p = k.mem[base + i]; // hashed: live (freed only after remove_inode_hash() under this lock)
    if (p !== 0 && k.mem[at(k, p, ITEM_SB, 'find_inode()')] === lru && k.mem[at(k, p, ITEM_CHARGED, 'find_inode()')] === index) item = p;
  }
  if (!item) {
    yield* spin_unlock_global(k, G_ITEM_HASH_LOCK, 'spin_unlock(&inode_hash_lock)');
    return false;
  }
  yield* spin_lock(k, item, ITEM_LOCK, 'spin_lock(&inode->i_lock)');
  const st = i_state(k, item);
  if (k.mem[st] & I_FREEING) { // the shrinker isolated it: it frees it
    yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock) [I_FREEING]');
    yield* spin_unlock_global(k, G_ITEM_HASH_LOCK, 'spin_unlock(&inode_hash_lock)');
    return false;
  }
  k.mem[st] |= I_FREEING;
  remove_inode_hash(k, item);
  yield* spin_unlock_global(k, G_ITEM_HASH_LOCK, 'spin_unlock(&inode_hash_lock)');
  if (is_split_queue(k, lru)) yield* k.fn.folio_unqueue_deferred_split(k, lru, item); // the folio's free unqueues it
  else yield* k.fn.list_lru_del_obj(k, lru, item, k.mem[at(k, item, ITEM_NID, 'page_to_nid()')]);
  yield* spin_unlock(k, item, ITEM_LOCK, 'spin_unlock(&inode->i_lock)');
  yield* evict(k, item);
  return true;
}

/**
 * generic_shutdown_super() -> evict_inodes() for the list_lru's items, before list_lru_destroy(): the
 * owner's producers are gone and its shrinker freed, so only hash lookups can still meet an item.
 * Items evicted here count as dropped with their list_lru (invariant 5).
 */
export function* evict_all(k: Kernel, lru: number): Step {
  if (is_split_queue(k, lru)) { // a deferred split queue user (kernel/deferred-split.ts): each memcg's queue, then the node lists
    for (let m = 0; m < k.L.bounds.memcgs; m++) {
      const q = split_queue_at(k, lru, m);
      if (q) yield* evict_list(k, q);
    }
    for (let nid = 0; nid < k.nodes; nid++) yield* evict_list(k, yield* READ_ONCE(k, lru, LRU_NODE + nid, '@->node[nid].lru'));
    return;
  }
  for (let m = 0; m < k.L.bounds.memcgs; m++) {
    // the node lists, then each memcg's (the list_lru is unregistered: no reparenting or allocation can change lru->xa)
    const mlru = m === 0 ? 0 : yield* READ_ONCE(k, lru, LRU_XA + m, 'xa_load(&@->xa)');
    if (m > 0 && !mlru) continue;
    for (let nid = 0; nid < k.nodes; nid++) yield* evict_list(k, m === 0 ? yield* READ_ONCE(k, lru, LRU_NODE + nid, '@->node[nid].lru') : mlru_node(k, mlru, nid));
  }
}

/** evict_inodes() for one list */
export function* evict_list(k: Kernel, l: number): Step {
  yield* spin_lock_global(k, G_ITEM_HASH_LOCK, 'spin_lock(&inode_hash_lock)');
  yield* spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)');
  while (!list_empty(k, l, 'evict_inodes()')) {
    const item = list_next_entry(k, l, 'evict_inodes()');
    yield* list_del_init(k, item, 'evict_inodes(): list_del_init(&inode->i_lru)');
    k.mem[at(k, l, ONE_NR_ITEMS, 'evict_inodes()')]--;
    Atomics.add(k.mem, G_STAT_DESTROYED, 1);
    remove_inode_hash(k, item);
    yield* free_item(k, item);
  }
  yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
  yield* spin_unlock_global(k, G_ITEM_HASH_LOCK, 'spin_unlock(&inode_hash_lock)');
}
