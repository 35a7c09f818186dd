/**
 * lockless: mm/list_lru.c as of v6.13 (each per-memcg list_lru_one has its own lock; per-memcg lists
 * live in an xarray; reparenting marks a dying memcg's lists dead with nr_items = LONG_MIN). Items
 * have identity: each is an arena object linked on its list by a list_head (kernel/list.ts, checked
 * as CONFIG_DEBUG_LIST checks it). What matters to the shrinker:
 *  - list_lru_add() links the item and increments nr_items under the lock and, when the list was
 *    empty, calls set_shrinker_bit() (its smp_mb__before_atomic() orders nr_items++ before set_bit);
 *  - list_lru_count_one() reads nr_items locklessly (READ_ONCE), under rcu_read_lock();
 *  - lock_list_lru_of_memcg() retries with the parent when the memcg's list is gone or dead
 *    (reparented); the caller's `memcg` is passed by value, so list_lru_add() sets the bit of the
 *    memcg it was asked for, as v6.13 does, even when the item landed in the parent's list;
 *  - __list_lru_walk_one() calls the cache's isolate callback on each item under the list's lock,
 *    counting nr_to_walk down per item visited, and restarts when a callback dropped the lock.
 * Lists are created, destroyed and reparented in list-lru-memcg.ts. Functions are cited by name from
 * v6.13 mm/list_lru.c (src/kernel/sources.ts), as read from linux-mm/linux-mm.
 */
import { G_STAT_ADDED, G_STAT_DELETED, G_STAT_SCANNED, ITEM_MEMCG, ITEM_OBJCG, LRU_DEAD, LRU_MEMCG_AWARE, LRU_NODE, LRU_SHRINKER_ID, LRU_XA, MEMCG_PARENT, MLRU_NODE, OBJCG_MEMCG, ONE_LOCK, ONE_NR_ITEMS } from '../model/layout.js';
import { css_is_dying, memcg_index } from './memcontrol.js';
import { at, fmtPtr } from '../model/arena.js';
import { actorName } from '../model/kernel.js';
import { Violation } from '../model/violation.js';
import type { Kernel } from '../model/kernel.js';
import { READ_ONCE, WRITE_ONCE, rcu_dereference } from '../sync/access.js';
import { spin_lock, spin_unlock } from '../sync/mutex.js';
import { rcu_read_lock, rcu_read_unlock } from '../sync/rcu.js';
import type { Step } from '../model/wait.js';
import type { ModelFns } from '../model/kernel.js';
import { list_add_tail, list_del_init, list_empty, list_move, list_move_tail, list_next_entry } from './list.js';
import { LRU_REMOVED, LRU_REMOVED_RETRY, LRU_RETRY, LRU_ROTATE, LRU_SKIP, LRU_STOP, lruStatusName } from './lru-status.js';

/**
 * &mlru->node[nid]: address arithmetic in the kernel (node[] is embedded), here the list_lru_one
 * allocated with the list_lru_memcg. Not a scheduling point; the mlru must be live (a freed one is a
 * use-after-free, as the kernel's later spin_lock(&l->lock) on its memory would be).
 */
export const mlru_node = (k: Kernel, mlru: number, nid: number): number => k.mem[at(k, mlru, MLRU_NODE + nid, '&mlru->node[nid]')];

/** list_lru_from_memcg_idx(): the memcg's list from lru->xa (idx = memcg->kmemcg_id, NULL when not allocated or reparented), or the node's own list for idx < 0 */
export function* list_lru_from_memcg_idx(k: Kernel, lru: number, nid: number, idx: number): Step<number> {
  if (idx > 0) {
    const mlru = yield* rcu_dereference(k, lru, LRU_XA + idx, `xa_load(&@->xa[${idx}])`); // xa_entry(): rcu_dereference_check()
    return mlru ? mlru_node(k, mlru, nid) : 0;
  }
  return yield* READ_ONCE(k, lru, LRU_NODE + nid, `&@->node[${nid}].lru`);
}

/** list_lru_from_memcg_idx(lru, nid, memcg_kmem_id(memcg)): root's kmemcg_id is -1 (its position, 0, here); a NULL memcg or a memcg-unaware list_lru: the node's list */
export function* list_lru_from_memcg(k: Kernel, lru: number, nid: number, memcg: number): Step<number> {
  const aware = yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)');
  return yield* list_lru_from_memcg_idx(k, lru, nid, aware && memcg ? memcg_index(k, memcg) : -1);
}

/**
 * lock_list_lru_of_memcg() (with lock_list_lru()): the locked live list of memcg or of its nearest
 * live ancestor; 0 with skip_empty. Retrying with the parent is only legal for a dying memcg:
 * VM_WARN_ON(!css_is_dying(&memcg->css)) (memcg_list_lru_alloc() gave every live memcg that can
 * have objects its lists, and only reparenting, after kill_css(), takes them away).
 */
export function* lock_list_lru_of_memcg(k: Kernel, lru: number, nid: number, memcg: number, skip_empty: boolean): Step<number> {
  yield* rcu_read_lock(k);
  for (;;) {
    const l = yield* list_lru_from_memcg(k, lru, nid, memcg);
    if (l) {
      yield* spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)');
      if ((yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'READ_ONCE(@->nr_items)')) !== LRU_DEAD) {
        yield* rcu_read_unlock(k);
        return l;
      }
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock) [dead: reparented]');
    }
    if (skip_empty) break;
    if (!css_is_dying(k, memcg)) vm_warn_no_list(k, lru, nid, memcg);
    memcg = yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@) [retry]');
  }
  yield* rcu_read_unlock(k);
  return 0;
}

/** VM_WARN_ON(!css_is_dying(&memcg->css)) in lock_list_lru_of_memcg(): a live memcg without its list */
export function vm_warn_no_list(k: Kernel, lru: number, nid: number, memcg: number): never {
  throw new Violation('warn', `WARN: lock_list_lru_of_memcg(): VM_WARN_ON(!css_is_dying(&memcg->css)): ${fmtPtr(memcg)} is not dying, ` +
    `but its list of ${fmtPtr(lru)} (node ${nid}) is not allocated or is dead: ${actorName(k, k.actor)} at step ${k.step}`,
  { kind: 'list_lru of a live memcg missing', site: 'lock_list_lru_of_memcg' });
}

type LruFns = Pick<ModelFns, 'list_lru_add' | 'list_lru_del' | 'list_lru_add_obj' | 'list_lru_del_obj' | 'mem_cgroup_from_slab_obj' |
  'list_lru_count_one' | 'list_lru_isolate' | 'list_lru_isolate_move' | 'list_lru_walk_one'>;

export const listLru: LruFns = {
  /** list_lru_add(): link the item; set the shrinker bit when the list was empty */
  *list_lru_add(k, lru, item, nid, memcg) {
    const l = yield* lock_list_lru_of_memcg(k, lru, nid, memcg, false);
    if (list_empty(k, item, 'list_empty(item)')) {
      yield* list_add_tail(k, item, l, 'list_add_tail(item, &l->list)');
      const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'list_add_tail(); @->nr_items');
      yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr + 1, '@->nr_items++');
      Atomics.add(k.mem, G_STAT_ADDED, 1);
      /* Set shrinker bit if the first element was added (of `memcg`: the one asked for) */
      if (nr === 0) yield* k.fn.set_shrinker_bit(k, memcg, nid, yield* READ_ONCE(k, lru, LRU_SHRINKER_ID, 'lru_shrinker_id(@)'));
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
      return true;
    }
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return false;
  },

  /** list_lru_del(): unlink the item if it is on a list; the bit stays */
  *list_lru_del(k, lru, item, nid, memcg) {
    const l = yield* lock_list_lru_of_memcg(k, lru, nid, memcg, false);
    if (!list_empty(k, item, 'list_empty(item)')) {
      yield* list_del_init(k, item, 'list_del_init(item)');
      const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
      yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - 1, 'list_del_init(); @->nr_items--');
      Atomics.add(k.mem, G_STAT_DELETED, 1);
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
      return true;
    }
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return false;
  },

  /**
   * list_lru_add_obj(): the item's node and, for a memcg-aware list_lru, its memcg, pinned by
   * rcu_read_lock() for the call (the item pins only its obj_cgroup; the memcg may be going away).
   */
  *list_lru_add_obj(k, lru, item, nid) {
    if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return yield* k.fn.list_lru_add(k, lru, item, nid, 0);
    yield* rcu_read_lock(k);
    const ret = yield* k.fn.list_lru_add(k, lru, item, nid, yield* k.fn.mem_cgroup_from_slab_obj(k, item));
    yield* rcu_read_unlock(k);
    return ret;
  },

  /** list_lru_del_obj() */
  *list_lru_del_obj(k, lru, item, nid) {
    if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return yield* k.fn.list_lru_del(k, lru, item, nid, 0);
    yield* rcu_read_lock(k);
    const ret = yield* k.fn.list_lru_del(k, lru, item, nid, yield* k.fn.mem_cgroup_from_slab_obj(k, item));
    yield* rcu_read_unlock(k);
    return ret;
  },

  /**
   * mem_cgroup_from_slab_obj() (mem_cgroup_from_virt in later kernels): obj_cgroup_memcg() of the
   * object's obj_cgroup, under the caller's rcu_read_lock(): the memcg it was charged to, or an
   * ancestor once that memcg's objcgs were reparented; NULL for an object charged to root. Under
   * nokmem there is no obj_cgroup: the memcg it was charged to, page-style (the caller pins it).
   */
  *mem_cgroup_from_slab_obj(k, item) {
    const objcg = yield* READ_ONCE(k, item, ITEM_OBJCG, 'slab_obj_exts(@)->objcg');
    if (!objcg) return yield* READ_ONCE(k, item, ITEM_MEMCG, 'folio_memcg(@) [no objcg]');
    return yield* READ_ONCE(k, objcg, OBJCG_MEMCG, 'obj_cgroup_memcg(@)');
  },

  /** list_lru_count_one(): lockless read of nr_items (a dead list counts 0) */
  *list_lru_count_one(k, lru, nid, memcg) {
    yield* rcu_read_lock(k);
    const l = yield* list_lru_from_memcg(k, lru, nid, memcg);
    const count = l ? yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'READ_ONCE(@->nr_items)') : 0;
    yield* rcu_read_unlock(k);
    return count < 0 ? 0 : count;
  },

  /** list_lru_isolate(): the walker's lock is held */
  *list_lru_isolate(k, l, item) {
    yield* list_del_init(k, item, 'list_lru_isolate(): list_del_init(item)');
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
    yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - 1, `list_lru_isolate(): @->nr_items--`);
  },

  /** list_lru_isolate_move() */
  *list_lru_isolate_move(k, l, item, head) {
    yield* list_move(k, item, head, 'list_lru_isolate_move(): list_move(item, head)');
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
    yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - 1, `list_lru_isolate(): @->nr_items--`);
  },

  /**
   * __list_lru_walk_one(): list_for_each_safe() under the lock, nr_to_walk counted down
   * before each callback; LRU_RETRY, LRU_REMOVED_RETRY and LRU_STOP return with the lock dropped.
   */
  *list_lru_walk_one(k, lru, nid, memcg, isolate, cb_arg, nr_to_walk) {
    let isolated = 0;
    restart: for (;;) {
      const l = yield* lock_list_lru_of_memcg(k, lru, nid, memcg, true);
      if (!l) return isolated;
      for (let item = list_next_entry(k, l, 'list_for_each_safe()'); item !== l;) {
        const n = list_next_entry(k, item, 'list_for_each_safe(): n = item->next');
        /* decrement nr_to_walk first so that we don't livelock if we get stuck on large numbers of LRU_RETRY items */
        if (!nr_to_walk.value) break;
        --nr_to_walk.value;
        const ret = yield* isolate(k, item, l, cb_arg);
        switch (ret) {
          case LRU_RETRY: continue restart;
          case LRU_REMOVED_RETRY: case LRU_REMOVED:
            isolated++;
            Atomics.add(k.mem, G_STAT_SCANNED, 1); // statistics: conservation counts it
            if (ret === LRU_REMOVED_RETRY) continue restart;
            break;
          case LRU_ROTATE:
            yield* list_move_tail(k, item, l, 'list_move_tail(item, &l->list) [LRU_ROTATE]');
            break;
          case LRU_SKIP: break;
          case LRU_STOP: return isolated;
          default: throw new Error(`internal: isolate callback returned ${lruStatusName(ret)}`); // BUG()
        }
        item = n;
      }
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
      return isolated;
    }
  },
};
