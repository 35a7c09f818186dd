/**
 * free-without-grace-period: shrinker_free() frees the shrinker at once instead of with call_rcu().
 * The wait for `done` covers lookups that pinned the shrinker, but not a reader that found it under
 * rcu_read_lock() and has not pinned it yet (or walks past it on shrinker_list):
 *
 *   shrink_slab_memcg()                   shrinker_free()
 *     rcu_read_lock()
 *     shrinker = idr_find(id)
 *                                           shrinker_put()  (1 -> 0), complete()
 *                                           wait_for_completion() returns
 *                                           list_del_rcu(); idr_remove()
 *                                           kfree(shrinker)     (no grace period)
 *     shrinker_try_get(shrinker)            use-after-free
 */
import { SH_DONE, SH_FLAGS, SHRINKER_REGISTERED } from '../../model/layout.js';
import { READ_ONCE } from '../../sync/access.js';
import { wait_for_completion } from '../../sync/refcount.js';
import { shrinker_free_unlink } from '../../kernel/shrinker-register.js';
import type { Variant } from '../variant.js';

export const freeWithoutGracePeriod: Variant = {
  name: 'free-without-grace-period',
  summary: 'shrinker_free() frees the shrinker at once instead of after an RCU grace period',
  expect: { kind: 'violates', invariant: 'use-after-free' },
  overrides: {
    *shrinker_free(k, shrinker) {
      if (!shrinker) return;
      if ((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_REGISTERED) {
        yield* k.fn.shrinker_put(k, shrinker);
        yield* wait_for_completion(k, shrinker, SH_DONE);
      }
      yield* shrinker_free_unlink(k, shrinker);
      yield* k.fn.shrinker_free_rcu_cb(k, shrinker); // at once: no call_rcu()
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/free-without-grace-period.ts', name: 'shrinker_free' },
    reference: { file: 'kernel/shrinker-register.ts', name: 'shrinker_free' },
    removed: ['yield* call_rcu(k, CB_SHRINKER_FREE, shrinker);'],
    added: ['yield* k.fn.shrinker_free_rcu_cb(k, shrinker);'],
  }],
};
