/**
 * `mainline`: the reference (`lockless`) with the upstream fixes of its findings, as the kernel ships
 * next, so a search of it is not masked by bugs already fixed. It overrides exactly four functions
 * (MAINLINE_OVERRIDES); everything else is the reference, unchanged.
 *
 * 1. list_lru_add (finding lockless@lifecycle, lost bit). Fix: Johannes Weiner, "mm: list_lru: fix
 *    set_shrinker_bit() call during race with cgroup deletion" ([PATCH v5 1/9] of "mm: switch THP
 *    shrinker to list_lru", 2026-05-27, <20260527204757.2544958-2-hannes@cmpxchg.org>; Fixes:
 *    fae91d6d8be5; queued in akpm's mm tree, e.g. 79a031583ca5 in sj/linux damon/next of 2026-06-09).
 *    lock_list_lru_of_memcg() takes `struct mem_cgroup **memcg` and stores the ancestor whose list it
 *    locked (`*memcg = parent_mem_cgroup(*memcg)` on each retry); list_lru_add() passes `&memcg` and so
 *    sets the bit of the memcg that owns the locked sublist. list_lru_del() and __list_lru_walk_one()
 *    also pass `&memcg` but do not use it afterwards, so only list_lru_add needs a copy here.
 * 2. shrink_slab_memcg_one (finding lockless@nokmem, leak). Fix: "mm/shrinker: fix refcount leak in
 *    shrink_slab_memcg()" (akpm mm-new, 019ae836e0b7 as of 2026-03-01). Read in mm/shrinker.c of
 *    openSUSE/kernel 62b21c6f1d88 and sjp38/linux 34e9e8c185ff: the nokmem branch is
 *        if (!memcg_kmem_online() && !(shrinker->flags & SHRINKER_NONSLAB)) {
 *            clear_bit(offset, unit->map); shrinker_put(shrinker); continue; }
 * 3. alloc_shrinker_info (finding lockless@teardown, use-after-free). The reference's error path
 *    (mm-shrinker.c lines 99-102) drops shrinker_mutex and then calls free_shrinker_info(): the memcg
 *    is already on its parent's children list (css_create() links it before online_css() calls
 *    mem_cgroup_css_online()), so a concurrent expand_shrinker_info() (mem_cgroup_iter() visits it,
 *    css_tryget() succeeds) reads the node infos already published, copies them and kvfree_rcu()s
 *    them while free_shrinker_info() kvfree()s the same ones. Fix: "mm: shrinker: fix shrinker_info
 *    teardown race with expansion", 65476d31d805 in linux-next (fs-current push of 2026-07-07, merged
 *    with tag mm-hotfixes-stable-2026-07-06-17-49; also in stable revlists). Verified there: the title and
 *    its hotfix merge; the diff itself was not read, so this design's form of it is ours: free_shrinker_info()
 *    under shrinker_mutex, i.e. `err: free_shrinker_info(memcg); mutex_unlock(&shrinker_mutex);`.
 * 5. memcg_reparent_list_lrus (finding lockless@reparent, list-debug: found by this model's list
 *    identity, then met upstream). Fix: Shakeel Butt, "[PATCH] mm/list_lru: drain before clearing xarray
 *    entry on reparent" (linux-mm, 2026-06-01; discussed with Muchun Song, e.g. <ah2VXGfGZOOdjhs3@linux.dev>;
 *    whether and where it was merged is not verified). Its description: the xas_store(NULL) before the
 *    per-node splice lets a list_lru_del() for the dying memcg walk to the parent and list_del_init() an
 *    item still linked on the dying memcg's list while another thread holds that list's lock; "Fix it by
 *    reversing the order: reparent each per-node list and mark the child's list lru dead and then clear
 *    the xarray entry", so an op that finds the still-set entry takes the child's lock (synchronizing
 *    with the drain) or sees LONG_MIN and walks to the parent. The diff was not read: this is that order.
 * 4. populate (finding lockless@populate, lost bit): mainline has no fix, and this design keeps it.
 *    The same two trees' shrinker_register() still only adds to shrinker_list, sets REGISTERED and
 *    refcount_set(1); set_shrinker_bit() and list_lru_add() set a bit only on a list's 0 -> 1
 *    transition; shrink_slab_memcg() still clears the bit when shrinker_try_get() fails. Until v6.6
 *    the kernel allowed populating before registration: v4.19 (Kirill Tkhai, SHRINKER_REGISTERING)
 *    said "We allow subsystems to populate their shrinker-related LRU lists before
 *    register_shrinker_prepared() is called", and shrink_slab_memcg() skipped a registering shrinker
 *    without clearing its bit; Yang Shi's "mm: vmscan: use a new flag to indicate shrinker is
 *    registered" (v5.13) dropped that comment but kept the rule (`if (!shrinker) clear_bit(...)`).
 *    "mm: shrinker: make memcg slab shrink lockless" (Qi Zheng, v6.7) clears the bit whenever
 *    shrinker_try_get() fails, and try_get fails until shrinker_register() sets the refcount. So an
 *    owner that populates before registering loses bits from v6.7 on; in-tree owners register first
 *    (fs/super.c sget_fc() calls shrinker_register(s->s_shrink) as it returns the new, still nascent
 *    super_block, before fill_super() can add a dentry or an inode), so it is a latent regression of
 *    a once-documented ordering rather than a bug every kernel hits. It is the
 *    reference's code path unchanged: `populate` is left out of this design's workloads (validate
 *    keeps checking it as lockless@populate) and test/variants/mainline.test.ts requires mainline
 *    still to lose the bit under it.
 * Upstream but not modeled here, because they fix no finding of the model: "mm: do not allocate
 * shrinker info with cgroup.memory=nokmem" (mm-new, 2026-03: shrinker_memcg_alloc() returns -ENOSYS
 * for a non-NONSLAB shrinker under nokmem, so shrinker_alloc() falls back to a non-memcg-aware one;
 * it would make the nokmem branch of fix 2 unreachable), "mm/shrinker: avoid out-of-bounds read in
 * set_shrinker_bit()" (reads unit[] only after the map_nr_max check; the model's info has room for
 * every unit).
 */
import { G_SHRINKER_MUTEX, G_SHRINKER_NR_MAX, INFO_MAP_NR_MAX, T_INFO, LRU_DEAD, LRU_SHRINKER_ID, MEMCG_PARENT, ONE_LOCK, ONE_NR_ITEMS, G_STAT_ADDED, SH_FLAGS, SHRINKER_NONSLAB, UNIT_MAP } from '../../model/layout.js';
import { css_is_dying, memcg_kmem_online } from '../../kernel/memcontrol.js';
import { list_lru_from_memcg, vm_warn_no_list } from '../../kernel/list-lru.js';
import { memcg_shrinker_get } from '../../kernel/shrinker-reclaim.js';
import { calc_shrinker_id } from '../../kernel/shrinker-info.js';
import type { Kernel, ModelFns, ShrinkControl } from '../../model/kernel.js';
import { ENOMEM, SHRINK_EMPTY } from '../../model/kernel.js';
import { READ_ONCE, WRITE_ONCE, clear_bit, rcu_assign_pointer, read_global, smp_mb__after_atomic } from '../../sync/access.js';
import { mutex_lock, mutex_unlock, spin_lock, spin_unlock } from '../../sync/mutex.js';
import { kvfree, kvzalloc } from '../../kernel/slab.js';
import { nodeinfo_shrinker_info } from '../../kernel/memcontrol.js';
import { rcu_read_lock, rcu_read_unlock } from '../../sync/rcu.js';
import { list_add_tail, list_empty } from '../../kernel/list.js';
import type { Step } from '../../model/wait.js';
import type { Variant } from '../variant.js';
import { memcg_reparent_list_lrus } from './mainline-reparent.js';

/** The ModelFns entries mainline replaces; every other entry is the reference's. */
export const MAINLINE_OVERRIDES = ['list_lru_add', 'shrink_slab_memcg_one', 'alloc_shrinker_info', 'memcg_reparent_list_lrus'] as const;

/**
 * lock_list_lru_of_memcg(lru, nid, struct mem_cgroup **memcg, irq, skip_empty = false) after fix 1
 * (mm/list_lru.c v6.13 with the patch's hunks @@ -77,14 +77,14 @@ and @@ -97,8 +97,8 @@):
 * the locked live list and, in place of `*memcg`, the memcg that owns it (the caller's, or the
 * nearest live ancestor after reparenting). The list is found under rcu_read_lock(): it is freed by
 * kvfree_rcu() after memcg_reparent_list_lrus() marks it dead (nr_items = LONG_MIN under its lock).
 */
function* lock_list_lru_of_memcg(k: Kernel, lru: number, nid: number, memcg: number): Step<[number, number]> {
  yield* rcu_read_lock(k);
  for (;;) { // again:
    const l = yield* list_lru_from_memcg(k, lru, nid, memcg);
    if (l) {
      yield* spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)');
      // the dead mark is written under this lock by reparenting: seen here or the list is live
      if ((yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'READ_ONCE(@->nr_items)')) !== LRU_DEAD) {
        yield* rcu_read_unlock(k);
        return [l, memcg];
      }
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock) [dead: reparented]');
    }
    if (!css_is_dying(k, memcg)) vm_warn_no_list(k, lru, nid, memcg);
    memcg = yield* READ_ONCE(k, memcg, MEMCG_PARENT, '*memcg = parent_mem_cgroup(*memcg) [retry]');
  }
}

/** fix 3's error path: free_shrinker_info() while shrinker_mutex is still held, so no expansion sees the infos it frees */
function* alloc_err_locked(k: Kernel, memcg: number): Step<number> {
  yield* k.fn.free_shrinker_info(k, memcg);
  yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
  return ENOMEM;
}

export const mainline: Variant = {
  name: 'mainline',
  summary: 'the reference with the upstream fixes of its findings: list_lru_add sets the locked list\'s memcg bit, nokmem skip puts the shrinker, alloc_shrinker_info frees under shrinker_mutex, reparenting drains before it clears the xarray slot',
  expect: { kind: 'passes' },
  // populate is the unfixed lockless@populate (see the header); every other workload must pass
  workloads: ['global', 'nonslab', 'nokmem', 'alloc-fail', 'lifecycle'],
  overrides: {
    /** fix 1: mm/list_lru.c list_lru_add() (v6.13 + the patch's hunk @@ -164,12 +164,16 @@): `&memcg` */
    *list_lru_add(k, lru, item, nid, memcg) {
      const [l, owner] = yield* lock_list_lru_of_memcg(k, lru, nid, memcg);
      if (list_empty(k, item, 'list_empty(item)')) {
        yield* list_add_tail(k, item, l, 'list_add_tail(item, &l->list)');
        const nr = yield* READ_ONCE(k, l, ONE_NR_ITEMS, 'list_add_tail(); @->nr_items');
        yield* WRITE_ONCE(k, l, ONE_NR_ITEMS, nr + 1, '@->nr_items++');
        Atomics.add(k.mem, G_STAT_ADDED, 1);
        /*
         * Set shrinker bit on the memcg that owns the locked sublist - lock_list_lru_of_memcg() may have
         * walked up past a dying memcg, and the bit must be set there. set_shrinker_bit()'s
         * smp_mb__before_atomic() orders nr_items++ before the set_bit (pairs with shrink_slab_memcg()).
         */
        if (nr === 0) yield* k.fn.set_shrinker_bit(k, owner, nid, yield* READ_ONCE(k, lru, LRU_SHRINKER_ID, 'lru_shrinker_id(@)'));
        yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
        return true;
      }
      yield* spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)');
      return false;
    },

    /**
     * fix 2: reference mm-shrinker.c lines 528-576 (src/kernel/shrinker-reclaim.ts), with the nokmem
     * branch of shrink_slab_memcg() as in openSUSE/kernel 62b21c6f1d88: clear the bit, put the shrinker
     */
    *shrink_slab_memcg_one(k, nid, memcg, unit, index, offset, priority) {
      const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
      const shrinker_id = calc_shrinker_id(k, index, offset);
      const shrinker = yield* memcg_shrinker_get(k, unit, index, offset); // steps 4 and 5
      if (!shrinker) return 0;
      /* Call non-slab shrinkers even though kmem is disabled */
      if (!memcg_kmem_online(k) && !((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_NONSLAB)) {
        yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [nokmem: not NONSLAB]`);
        yield* k.fn.shrinker_put(k, shrinker); // pairs with shrinker_try_get() in step 5
        return 0;
      }
      let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
      if (ret === SHRINK_EMPTY) {
        yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [SHRINK_EMPTY]`);
        yield* smp_mb__after_atomic(k); // pairs with smp_mb__before_atomic() in set_shrinker_bit()
        ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
        if (ret === SHRINK_EMPTY) ret = 0;
        else yield* k.fn.set_shrinker_bit(k, memcg, nid, shrinker_id);
      }
      yield* k.fn.shrinker_put(k, shrinker); // step 6
      return ret;
    },

    /** fix 3: reference lines 77-104 (src/kernel/shrinker-info.ts), the error path freeing under shrinker_mutex */
    *alloc_shrinker_info(k, memcg) {
      yield* mutex_lock(k, G_SHRINKER_MUTEX, 'mutex_lock(&shrinker_mutex)');
      const nr_max = yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max');
      for (let nid = 0; nid < k.nodes; nid++) {
        const info = yield* kvzalloc(k, T_INFO);
        if (!info) return yield* alloc_err_locked(k, memcg);
        yield* WRITE_ONCE(k, info, INFO_MAP_NR_MAX, nr_max, '@->map_nr_max');
        if (yield* k.fn.shrinker_unit_alloc(k, info, 0, nid)) {
          yield* kvfree(k, info);
          return yield* alloc_err_locked(k, memcg);
        }
        // Publishes an initialised info: pairs with rcu_dereference() in every reader.
        yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), info, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);
      }
      yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
      return 0;
    },

    /** fix 5: mm/list_lru.c memcg_reparent_list_lrus() (v6.13 + the patch): drain, mark dead, then clear the slot */
    memcg_reparent_list_lrus,
  } satisfies Pick<ModelFns, (typeof MAINLINE_OVERRIDES)[number]>,
};
