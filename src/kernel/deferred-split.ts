/**
 * THP's deferred split queue (mm/huge_memory.c, v6.13), the one memcg-aware SHRINKER_NONSLAB shrinker
 * upstream: under cgroup.memory=nokmem every list_lru is memcg-unaware (v6.13 __list_lru_init():
 * `if (mem_cgroup_kmem_disabled()) memcg_aware = false`), and a NONSLAB owner is this queue instead.
 *  - struct deferred_split { split_queue_lock, split_queue, split_queue_len } is embedded in struct
 *    mem_cgroup (memcg->deferred_split_queue); here a list_lru_one (lock, count, list head) per owner
 *    and memcg position, at the owner's list_lru field Layout.lruSplitQueue. It comes into being on
 *    first use in one step (the kernel's is zero-initialized in mem_cgroup_alloc(): no allocation to
 *    fail, no window) and is freed with the owner;
 *  - its objects are folios charged page-style: each holds a css reference and a page of the memcg's
 *    page_counter (charge_memcg(): css_get(), commit_charge()) until it is freed, so a memcg with
 *    queued folios is not freed (a zombie) and its queue is not reparented on offline (v6.13);
 *  - deferred_split_folio() sets the memcg's bit directly, on every queueing, under the queue lock;
 *  - deferred_split_count() returns split_queue_len: 0, never SHRINK_EMPTY, so memcg reclaim never
 *    clears this shrinker's bit (shrink_slab_memcg() clears only on SHRINK_EMPTY).
 * Cut to what touches the queue and the bit: deferred_split_scan() takes a folio (folio_try_get() and
 * folio_trylock() stand as the item's i_lock trylock) and "splits" it, which here frees it; the kernel drops the queue lock before split_folio(), whose unqueue takes it again.
 * Newer kernels keep this queue in a list_lru (deferred_split_lru); v6.13 is modeled.
 */
import { at, kalloc } from '../model/arena.js';
import type { Kernel, ModelFns } from '../model/kernel.js';
import { SHRINK_STOP } from '../model/kernel.js';
import { G_STAT_ADDED, G_STAT_DELETED, G_STAT_SCANNED, I_FREEING, ITEM_LOCK, ITEM_MEMCG, ITEM_NID, LRU_SHRINKER_ID, LRU_SPLIT, ONE_LOCK, ONE_NR_ITEMS, SH_LRU, T_LRU_ONE } from '../model/layout.js';
import { READ_ONCE, WRITE_ONCE } from '../sync/access.js';
import { spin_lock, spin_trylock, spin_unlock } from '../sync/mutex.js';
import type { Step } from '../model/wait.js';
import { checkScanRequest, noteCounted } from '../invariants/overscan.js';
import { memcg_index } from './memcontrol.js';
import { INIT_LIST_HEAD, list_add_tail, list_del_init, list_empty, list_next_entry } from './list.js';
import { evict, i_state } from './item-cache.js';
import { kfree } from './slab.js';

/** The owner's setup: a memcg-aware NONSLAB owner under nokmem is a deferred split queue user. */
export function deferred_split_init(k: Kernel, lru: number): void {
  k.mem[at(k, lru, LRU_SPLIT, 'deferred split owner')] = 1;
}

/** The owner's teardown, after it evicted every item: its queues go (the kernel's go with their memcgs). */
export function* deferred_split_destroy(k: Kernel, lru: number): Step {
  for (let idx = 0; idx < k.L.bounds.memcgs; idx++) {
    const q = split_queue_at(k, lru, idx);
    if (!q) continue;
    yield* kfree(k, q, 'memcg->deferred_split_queue');
    k.mem[split_queue_slot(k, lru, idx)] = 0;
  }
}

/** The position whose queue a memcg (NULL: root's) has */
export const queue_index = (k: Kernel, memcg: number): number => (memcg ? memcg_index(k, memcg) : 0);

/** The queue's slot for the memcg at position `idx` (root: 0) in the owner's list_lru */
export const split_queue_slot = (k: Kernel, lru: number, idx: number): number => at(k, lru, k.L.lruSplitQueue + idx, '&memcg->deferred_split_queue');

/**
 * get_deferred_split_queue(folio): &folio_memcg(folio)->deferred_split_queue (root's for a folio
 * charged to root; pgdat's only without memcg). No scheduling point: the queue is part of the memcg.
 */
export function split_queue_of(k: Kernel, lru: number, memcg: number): number {
  const w = split_queue_slot(k, lru, queue_index(k, memcg));
  if (k.mem[w] === 0) {
    const q = kalloc(k, T_LRU_ONE); // zero-initialized with its memcg (spin_lock_init, INIT_LIST_HEAD, len 0)
    INIT_LIST_HEAD(k, q, 'deferred_split_queue.split_queue');
    k.mem[w] = q;
  }
  return k.mem[w];
}

/** The queue of memcg position `idx` if it was ever used, else 0 (for teardown and checkers: no side effect). */
export const split_queue_at = (k: Kernel, lru: number, idx: number): number => k.mem[split_queue_slot(k, lru, idx)];

type SplitFns = Pick<ModelFns, 'deferred_split_folio' | 'folio_unqueue_deferred_split' | 'deferred_split_count' | 'deferred_split_scan'>;

export const deferredSplit: SplitFns = {
  /** deferred_split_folio(): queue the folio if it is not queued, and set its memcg's bit (under split_queue_lock) */
  *deferred_split_folio(k, lru, item) {
    const memcg = k.mem[at(k, item, ITEM_MEMCG, 'folio_memcg(folio)')]; // fixed while the folio is charged
    const q = split_queue_of(k, lru, memcg);
    yield* spin_lock(k, q, ONE_LOCK, 'spin_lock_irqsave(&ds_queue->split_queue_lock)');
    if (list_empty(k, item, 'list_empty(&folio->_deferred_list)')) {
      yield* list_add_tail(k, item, q, 'list_add_tail(&folio->_deferred_list, &ds_queue->split_queue)');
      const len = yield* READ_ONCE(k, q, ONE_NR_ITEMS, '@->split_queue_len');
      yield* WRITE_ONCE(k, q, ONE_NR_ITEMS, len + 1, '@->split_queue_len++');
      Atomics.add(k.mem, G_STAT_ADDED, 1);
      // if (memcg) set_shrinker_bit(memcg, folio_nid(folio), deferred_split_shrinker->id): root's is a no-op
      if (memcg) yield* k.fn.set_shrinker_bit(k, memcg, k.mem[at(k, item, ITEM_NID, 'folio_nid(folio)')], yield* READ_ONCE(k, lru, LRU_SHRINKER_ID, 'deferred_split_shrinker->id'));
    }
    yield* spin_unlock(k, q, ONE_LOCK, 'spin_unlock_irqrestore(&ds_queue->split_queue_lock)');
  },

  /** __folio_unqueue_deferred_split() (from folio_undo_large_rmappable() when the folio is freed) */
  *folio_unqueue_deferred_split(k, lru, item) {
    const q = split_queue_of(k, lru, k.mem[at(k, item, ITEM_MEMCG, 'folio_memcg(folio)')]);
    yield* spin_lock(k, q, ONE_LOCK, 'spin_lock_irqsave(&ds_queue->split_queue_lock)');
    const queued = !list_empty(k, item, 'list_empty(&folio->_deferred_list)');
    if (queued) {
      const len = yield* READ_ONCE(k, q, ONE_NR_ITEMS, '@->split_queue_len');
      yield* WRITE_ONCE(k, q, ONE_NR_ITEMS, len - 1, '@->split_queue_len--');
      yield* list_del_init(k, item, 'list_del_init(&folio->_deferred_list)');
      Atomics.add(k.mem, G_STAT_DELETED, 1);
    }
    yield* spin_unlock(k, q, ONE_LOCK, 'spin_unlock_irqrestore(&ds_queue->split_queue_lock)');
    return queued;
  },

  /** deferred_split_count(): READ_ONCE(ds_queue->split_queue_len) of sc->memcg's queue (0 when empty) */
  *deferred_split_count(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    const q = split_queue_at(k, lru, queue_index(k, sc.memcg));
    const n = q ? yield* READ_ONCE(k, q, ONE_NR_ITEMS, 'READ_ONCE(@->split_queue_len)') : 0;
    noteCounted(sc, n); // invariant 10 (invariants/overscan.ts)
    return n;
  },

  /**
   * deferred_split_scan(): under split_queue_lock, up to sc->nr_to_scan folios: one it can lock is taken
   * off the queue and split (freed, with its charge, after the lock is dropped). SHRINK_STOP when nothing
   * was split and the queue is empty. The kernel's "lost the race with folio_put()" branch has no case
   * here: a folio's user unqueues it under its i_lock (cache_evict), so the trylock fails until the
   * folio is off the queue.
   */
  *deferred_split_scan(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    checkScanRequest(k, shrinker, sc);
    const q = split_queue_of(k, lru, sc.memcg);
    const split: number[] = [];
    yield* spin_lock(k, q, ONE_LOCK, 'spin_lock_irqsave(&ds_queue->split_queue_lock)');
    for (let item = list_next_entry(k, q, 'list_for_each_entry_safe()'); item !== q && sc.nr_to_scan > 0;) {
      const next = list_next_entry(k, item, 'list_for_each_entry_safe(): next');
      sc.nr_to_scan--;
      if (yield* spin_trylock(k, item, ITEM_LOCK, 'folio_try_get(folio) && folio_trylock(folio)')) {
        k.mem[i_state(k, item)] |= I_FREEING;
        yield* list_del_init(k, item, 'list_del_init(&folio->_deferred_list)');
        const len = yield* READ_ONCE(k, q, ONE_NR_ITEMS, '@->split_queue_len');
        yield* WRITE_ONCE(k, q, ONE_NR_ITEMS, len - 1, '@->split_queue_len--');
        Atomics.add(k.mem, G_STAT_SCANNED, 1);
        split.push(item);
        yield* spin_unlock(k, item, ITEM_LOCK, 'folio_unlock(folio)');
      }
      item = next;
    }
    const empty = list_empty(k, q, 'list_empty(&ds_queue->split_queue)');
    yield* spin_unlock(k, q, ONE_LOCK, 'spin_unlock_irqrestore(&ds_queue->split_queue_lock)');
    for (const item of split) yield* evict(k, item); // split_folio(): here the folio goes, with its charge
    return split.length === 0 && empty ? SHRINK_STOP : split.length;
  },
};
