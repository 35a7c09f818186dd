/**
 * lockless: the list_lru side (mm/list_lru.c as of v6.13, where each per-memcg list_lru_one has its
 * own lock, per-memcg lists live in an xarray, and reparenting marks a dying memcg's lists dead with
 * nr_items = LONG_MIN) and a list_lru-backed shrinker's callbacks (super_cache_count/scan shape).
 *
 * Items are anonymous: a list_lru_one is its lock and nr_items. What matters to the shrinker:
 *  - list_lru_add() increments nr_items under the lock and, when the list was empty, calls
 *    set_shrinker_bit() (its smp_mb__before_atomic() orders the add before the set_bit);
 *  - list_lru_count_one() reads nr_items locklessly (READ_ONCE), under rcu_read_lock();
 *  - lock_list_lru_of_memcg() retries with the parent when the memcg's list is gone or dead
 *    (reparented); the caller's `memcg` is passed by value, so list_lru_add() sets the bit of the
 *    memcg it was asked for, as v6.13 does, even when the item landed in the parent's list;
 *  - memcg_reparent_list_lrus() moves a dying memcg's items to its parent and sets the parent's bit.
 * Modeled differences: per-memcg lists are allocated with the list_lru for every memcg slot
 * (memcg_list_lru_alloc is folded into init); the xarray is the LRU_ONE slot array (memcg-major), the
 * memcg's kmemcg_id is its position in the hierarchy (root: index 0, i.e. lru->node[nid].lru); under
 * nokmem every list_lru is memcg-unaware (__list_lru_init), except those of SHRINKER_NONSLAB owners,
 * which stand for page-based per-memcg queues (deferred_split) that exist regardless of kmem.
 */
import { checkScanRequest, noteCounted } from '../invariants/overscan.js';
import { G_KMEM_ONLINE, G_STAT_ADDED, G_STAT_DELETED, G_STAT_DESTROYED, G_STAT_SCANNED, LRU_DEAD, LRU_MEMCG_AWARE, LRU_ONE, LRU_SHRINKER_ID, MAX_NODES, MEMCG_PARENT, ONE_LOCK, ONE_NR_ITEMS, SH_FLAGS, SH_ID, SH_LRU, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, T_LRU, T_LRU_ONE } from '../model/layout.js';
import { memcg_index } from './memcontrol.js';
import { kfree, kzalloc } from './slab.js';
import type { Kernel } from '../model/kernel.js';
import { READ_ONCE, WRITE_ONCE } from '../sync/access.js';
import { spin_lock, spin_unlock } from '../sync/mutex.js';
import { kvfree_rcu, rcu_read_lock, rcu_read_unlock } from '../sync/rcu.js';
import type { Step } from '../model/wait.js';
import { SHRINK_EMPTY, type ModelFns } from '../model/kernel.js';

export const slot = (m: number, nid: number): number => LRU_ONE + m * MAX_NODES + nid;

/** list_lru_from_memcg_idx(lru, nid, memcg_kmem_id(memcg)): NULL once reparented */
export function* list_lru_from_memcg(k: Kernel, lru: number, nid: number, memcg: number): Step<number> {
  const aware = yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)');
  const m = aware && memcg ? memcg_index(k, memcg) : 0; // NULL memcg: the node's own list
  return yield* READ_ONCE(k, lru, slot(m, nid), `list_lru_from_memcg_idx(@, nid ${nid}, memcg ${m})`);
}

/** lock_list_lru_of_memcg(): the locked live list of memcg, or of its nearest live ancestor; 0 with skip_empty */
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
    memcg = yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@) [retry]');
  }
  yield* rcu_read_unlock(k);
  return 0;
}

type LruFns = Pick<ModelFns, 'count_objects' | 'scan_objects' | 'list_lru_add' | 'list_lru_del' | 'list_lru_count_one' |
  'list_lru_walk_one' | 'list_lru_init_memcg' | 'list_lru_destroy' | 'memcg_reparent_list_lrus'>;

export const listLru: LruFns = {
  /** super_cache_count() shape: the list's count, or SHRINK_EMPTY when it has nothing at all */
  *count_objects(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    const n = yield* k.fn.list_lru_count_one(k, lru, sc.nid, sc.memcg);
    noteCounted(sc, n); // invariant 10 (invariants/overscan.ts): what this shrinker may be asked to scan
    return n === 0 ? SHRINK_EMPTY : n;
  },

  /** super_cache_scan() shape: list_lru_shrink_walk() freeing what it isolates */
  *scan_objects(k, shrinker, sc) {
    const lru = yield* READ_ONCE(k, shrinker, SH_LRU, '@->private_data');
    checkScanRequest(k, shrinker, sc); // invariant 10: at most 2 x what the count callback returned
    return yield* k.fn.list_lru_walk_one(k, lru, sc.nid, sc.memcg, sc.nr_to_scan);
  },

  /** list_lru_add(): set the shrinker bit when the first item arrives */
  *list_lru_add(k, lru, nid, memcg) {
    const l = yield* lock_list_lru_of_memcg(k, lru, nid, memcg, false);
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'list_add_tail(); @->nr_items');
    yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr + 1, '@->nr_items++');
    Atomics.add(k.mem, G_STAT_ADDED, 1);
    /* Set shrinker bit if the first element was added (of `memcg`: the one asked for) */
    if (nr === 0) yield* k.fn.set_shrinker_bit(k, memcg, nid, yield* READ_ONCE(k, lru, LRU_SHRINKER_ID, 'lru_shrinker_id(@)'));
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return true;
  },

  /** list_lru_del(): remove one item if there is one; the bit stays */
  *list_lru_del(k, lru, nid, memcg) {
    const l = yield* lock_list_lru_of_memcg(k, lru, nid, memcg, false);
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
    if (nr > 0) {
      yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - 1, 'list_del_init(); @->nr_items--');
      Atomics.add(k.mem, G_STAT_DELETED, 1);
    }
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return nr > 0;
  },

  /** list_lru_count_one(): lockless read of nr_items (a dead list counts 0) */
  *list_lru_count_one(k, lru, nid, memcg) {
    yield* rcu_read_lock(k);
    const l = yield* list_lru_from_memcg(k, lru, nid, memcg);
    const count = l ? yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'READ_ONCE(@->nr_items)') : 0;
    yield* rcu_read_unlock(k);
    return count < 0 ? 0 : count;
  },

  /** __list_lru_walk_one(): isolate up to nr_to_walk items under the lock (skip a dead list) */
  *list_lru_walk_one(k, lru, nid, memcg, nr_to_walk) {
    const l = yield* lock_list_lru_of_memcg(k, lru, nid, memcg, true);
    if (!l) return 0;
    const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, '@->nr_items');
    const isolated = Math.min(nr, nr_to_walk);
    if (isolated > 0) {
      yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr - isolated, `list_lru_isolate() x${isolated}: @->nr_items`);
      Atomics.add(k.mem, G_STAT_SCANNED, isolated);
    }
    yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
    return isolated;
  },

  /** __list_lru_init(lru, memcg_aware, shrinker) + memcg_list_lru_alloc() for every memcg slot; 0 on -ENOMEM */
  *list_lru_init_memcg(k, shrinker) {
    const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    const lru = yield* kzalloc(k, T_LRU);
    if (!lru) return 0;
    const kmem = Atomics.load(k.mem, G_KMEM_ONLINE) !== 0;
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
        yield* WRITE_ONCE(k, lru, slot(m, nid), l, `@->lists[memcg ${m}][node ${nid}]`);
      }
    }
    return lru;
  },

  /** list_lru_destroy(): the owner frees its lists (after shrinker_free); items still listed are dropped */
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
   * memcg's lists (xas_store NULL), then per node, under both locks, splice into the parent's list,
   * set the parent's bit if anything moved, mark the child's list dead; free it after a grace period.
   */
  *memcg_reparent_list_lrus(k, lru, memcg, parent) {
    if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return;
    const m = memcg_index(k, memcg);
    const dst_m = memcg_index(k, parent);
    const srcs: number[] = [];
    for (let nid = 0; nid < k.nodes; nid++) {
      srcs.push(yield* READ_ONCE(k, lru, slot(m, nid), '@->xa[memcg]'));
      yield* WRITE_ONCE(k, lru, slot(m, nid), 0, `xas_store(@->xa[memcg ${m}], NULL)`);
    }
    for (let nid = 0; nid < k.nodes; nid++) {
      const src = srcs[nid];
      if (!src) continue;
      yield* spin_lock(k, src, ONE_LOCK, 'spin_lock_irq(&src->lock)');
      const dst = yield* READ_ONCE(k, lru, slot(dst_m, nid), `list_lru_from_memcg_idx(@, nid ${nid}, memcg ${dst_m})`);
      yield* spin_lock(k, dst, ONE_LOCK, 'spin_lock_nested(&dst->lock)');
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
      yield* kvfree_rcu(k, src);
    }
  },
};
