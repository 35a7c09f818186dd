/**
 * global-put-without-rcu: the global shrink_slab() walk drops its reference with shrinker_put()
 * before retaking rcu_read_lock() (the reference's step 3 says it *must* retake it first). Once the
 * reference is gone, shrinker_free() can finish and queue the RCU free, and the grace period does not
 * wait for this reader, so following shrinker->list.next touches freed memory:
 *
 *   shrink_slab() (global)                  shrinker_free()                 RCU callbacks
 *     do_shrink_slab(shrinker)
 *     shrinker_put(shrinker)   (2 -> 1)
 *                                             shrinker_put()  (1 -> 0), complete()
 *                                             list_del_rcu(); call_rcu()
 *                                                                             kfree(shrinker)
 *     rcu_read_lock()
 *     shrinker->list.next                     use-after-free
 */
import { mem_cgroup_is_root } from '../../kernel/memcontrol.js';
import { list_first_rcu, list_next_rcu } from '../../kernel/rculist.js';
import { rcu_read_lock, rcu_read_unlock } from '../../sync/rcu.js';
import { SHRINK_EMPTY, type ShrinkControl } from '../../model/kernel.js';
import type { Variant } from '../variant.js';

export const globalPutWithoutRcu: Variant = {
  name: 'global-put-without-rcu',
  summary: 'the global walk calls shrinker_put() before retaking rcu_read_lock()',
  expect: { kind: 'violates', invariant: 'use-after-free' },
  overrides: {
    *shrink_slab(k, nid, memcg, priority) {
      let freed = 0;
      if (!mem_cgroup_is_root(k, memcg)) return yield* k.fn.shrink_slab_memcg(k, nid, memcg, priority);
      yield* rcu_read_lock(k); // step 1
      for (let shrinker = yield* list_first_rcu(k); shrinker !== 0; shrinker = yield* list_next_rcu(k, shrinker)) {
        const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
        if (!(yield* k.fn.shrinker_try_get(k, shrinker))) continue; // step 2
        yield* rcu_read_unlock(k);
        let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
        if (ret === SHRINK_EMPTY) ret = 0;
        freed += ret;
        yield* k.fn.shrinker_put(k, shrinker); // outside any RCU section: the shrinker may now be freed
        yield* rcu_read_lock(k);
      }
      yield* rcu_read_unlock(k);
      return freed;
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/global-put-without-rcu.ts', name: 'shrink_slab' },
    reference: { file: 'kernel/shrinker-reclaim.ts', name: 'shrink_slab' },
    removed: ['yield* rcu_read_lock(k);'],
    added: ['yield* rcu_read_lock(k);'],
  }],
};
