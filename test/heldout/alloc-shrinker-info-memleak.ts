/**
 * Held-out bug: alloc_shrinker_info() leaks the shrinker_info it just allocated when
 * shrinker_unit_alloc() fails.
 *
 * Upstream: mm/shrinker.c as merged in v6.7 by "mm: shrinker: add a secondary array for
 * shrinker_info::{map, nr_deferred}" (Qi Zheng, 2023). Fixed by "mm: shrinker: avoid memleak in
 * alloc_shrinker_info" (commit 7d98dab060ee8f4d59ffdc05f187679854b16dfb; the same leak was pointed out
 * again in review of deepin-community/kernel PR #1816, a 6.6 backport that missed the fix).
 *
 * What this file changes: the reference's alloc_shrinker_info() (src/kernel/reference/mm-shrinker.c
 * lines 77-104, model src/kernel/shrinker-info.ts). Lines 90-93 of the reference read
 *
 *     if (shrinker_unit_alloc(info, NULL, nid)) {
 *             kvfree(info);
 *             goto err;
 *     }
 *
 * and the pre-fix code is
 *
 *     if (shrinker_unit_alloc(info, NULL, nid))
 *             goto err;
 *
 * `info` is not yet published in memcg->nodeinfo[nid]->shrinker_info (line 94 has not run), so the
 * err path's free_shrinker_info(memcg) never sees it: shrinker_unit_alloc() frees the units it
 * allocated (lines 52-55), the info itself stays allocated and unreachable.
 *
 * Invariant broken: leak (a live shrinker_info that nothing points to at quiescence).
 * Workloads: `lifecycle` (memcgs are created, i.e. alloc_shrinker_info() runs, during the scheduled
 * run; boot allocations never fail) with `alloc-fail` (the unit's kzalloc_node() fails). A memcg-aware
 * shrinker registered at boot makes shrinker_nr_max > 0, so there is a unit to allocate.
 */
import {
  defineVariant, ENOMEM, G_SHRINKER_MUTEX, G_SHRINKER_NR_MAX, INFO_MAP_NR_MAX, T_INFO,
  kvzalloc, mutex_lock, mutex_unlock, nodeinfo_shrinker_info, rcu_assign_pointer, read_global, WRITE_ONCE,
} from 'shrinkrace';
import type { Kernel } from 'shrinkrace';

export default defineVariant({
  name: 'heldout-alloc-shrinker-info-memleak',
  summary: 'alloc_shrinker_info() does not kvfree(info) when shrinker_unit_alloc() fails (fixed by 7d98dab060ee)',
  expect: { kind: 'violates', invariant: 'leak' },
  workloads: ['lifecycle', 'alloc-fail'],
  overrides: {
    /** reference lines 77-104, without the kvfree(info) of line 91 */
    *alloc_shrinker_info(k, memcg) {
      yield* mutex_lock(k, G_SHRINKER_MUTEX, 'mutex_lock(&shrinker_mutex)');
      const nr_max = yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max');
      for (let nid = 0; nid < k.nodes; nid++) {
        const info = yield* kvzalloc(k, T_INFO);
        if (!info) return yield* err(k, memcg);
        yield* WRITE_ONCE(k, info, INFO_MAP_NR_MAX, nr_max, '@->map_nr_max');
        // pre-fix: `goto err` without kvfree(info); free_shrinker_info() cannot find the unpublished info
        if (yield* k.fn.shrinker_unit_alloc(k, info, 0, nid)) return yield* err(k, memcg);
        yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), info, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);
      }
      yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
      return 0;
    },
  },
});

/** err: (lines 100-103) */
function* err(k: Kernel, memcg: number) {
  yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
  yield* k.fn.free_shrinker_info(k, memcg);
  return ENOMEM;
}
