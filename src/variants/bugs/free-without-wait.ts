/**
 * free-without-wait: shrinker_free() drops the initial reference but does not wait for `done`, so it
 * unlinks the shrinker and queues its RCU free while a reclaimer that pinned it with
 * shrinker_try_get() is still inside do_shrink_slab() (outside any RCU section, so the grace period
 * does not wait for it). The owner then destroys its list_lru, as owners do after shrinker_free():
 *
 *   shrink_slab_memcg()                   shrinker_free()
 *     shrinker_try_get()  (1 -> 2)
 *     rcu_read_unlock()
 *                                           shrinker_put()      (2 -> 1)
 *                                           (no wait_for_completion)
 *                                           call_rcu(shrinker_free_rcu_cb)
 *                                         list_lru_destroy() / RCU callback: kfree(shrinker)
 *     do_shrink_slab() -> count_objects()   use-after-free
 */
import { SH_FLAGS, SHRINKER_REGISTERED } from '../../model/layout.js';
import { READ_ONCE } from '../../sync/access.js';
import { CB_SHRINKER_FREE, call_rcu } from '../../sync/rcu.js';
import { shrinker_free_unlink } from '../../kernel/shrinker-register.js';
import type { Variant } from '../variant.js';

export const freeWithoutWait: Variant = {
  name: 'free-without-wait',
  summary: 'shrinker_free() does not wait_for_completion() before unlinking and freeing',
  expect: { kind: 'violates', invariant: 'use-after-free' },
  overrides: {
    *shrinker_free(k, shrinker) {
      if (!shrinker) return;
      if ((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_REGISTERED) {
        yield* k.fn.shrinker_put(k, shrinker); // drop the initial refcount ... and do not wait
      }
      yield* shrinker_free_unlink(k, shrinker);
      yield* call_rcu(k, CB_SHRINKER_FREE, shrinker);
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/free-without-wait.ts', name: 'shrinker_free' },
    reference: { file: 'kernel/shrinker-register.ts', name: 'shrinker_free' },
    removed: ['yield* wait_for_completion(k, shrinker, SH_DONE);'],
    added: [],
  }],
};
