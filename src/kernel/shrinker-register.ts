/**
 * lockless: shrinker allocation, registration and freeing (reference mm-shrinker.c lines 214-250 and
 * 678-810), and shrinker_try_get/shrinker_put (include/linux/shrinker.h).
 *
 * Lifetime rules this code relies on:
 *  - lookups (idr_find, the shrinker_list walk) happen under rcu_read_lock() and pin the shrinker with
 *    shrinker_try_get() before leaving the RCU section;
 *  - shrinker_free() drops the initial reference and waits for `done`, so no lookup still uses it;
 *  - the structure itself is freed after a grace period (call_rcu), so readers still standing on it in
 *    an RCU section (a failed try_get, the list walk's next pointer) stay safe.
 * Not modeled: debugfs names and entries, mem_cgroup_disabled() (-ENOSYS), the shrinker->batch field
 * set by owners (always 0, i.e. SHRINK_BATCH).
 */
import { G_SHRINKER_MUTEX, G_SHRINKER_NR_MAX, SH_DONE, SH_FLAGS, SH_ID, SH_REFCOUNT, SH_SEEKS, SHRINKER_ALLOCATED, SHRINKER_MEMCG_AWARE, SHRINKER_REGISTERED, T_SHRINKER } from '../model/layout.js';
import { idr_alloc, idr_remove } from './idr.js';
import { list_add_tail_rcu, list_del_rcu } from './rculist.js';
import { kfree, kzalloc, should_fail_alloc } from './slab.js';
import { READ_ONCE, WRITE_ONCE, read_global } from '../sync/access.js';
import { mutex_lock, mutex_unlock } from '../sync/mutex.js';
import { CB_SHRINKER_FREE, call_rcu } from '../sync/rcu.js';
import { complete, init_completion, refcount_dec_and_test, refcount_inc_not_zero, refcount_set, wait_for_completion } from '../sync/refcount.js';
import { DEFAULT_SEEKS, ENOMEM, note, type ModelFns } from '../model/kernel.js';
import { fmtPtr } from '../model/arena.js';
import type { Kernel } from '../model/kernel.js';
import type { Step } from '../model/wait.js';

const LOCK = 'mutex_lock(&shrinker_mutex)';
const UNLOCK = 'mutex_unlock(&shrinker_mutex)';

/**
 * Lines 789-804 of shrinker_free(): under shrinker_mutex, unlink from shrinker_list (readers may still
 * walk through it until a grace period ends), clear REGISTERED, and release the id. Shared by the
 * shrinker_free() variants, which differ only before and after it.
 */
export function* shrinker_free_unlink(k: Kernel, shrinker: number): Step {
  yield* mutex_lock(k, G_SHRINKER_MUTEX, LOCK);
  let flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
  if (flags & SHRINKER_REGISTERED) {
    /* Now we can safely remove it from the shrinker_list and then free it. */
    yield* list_del_rcu(k, shrinker);
    flags &= ~SHRINKER_REGISTERED;
    yield* WRITE_ONCE(k, shrinker, SH_FLAGS, flags, '@->flags &= ~SHRINKER_REGISTERED');
  }
  if (flags & SHRINKER_MEMCG_AWARE) yield* k.fn.shrinker_memcg_remove(k, shrinker);
  yield* mutex_unlock(k, G_SHRINKER_MUTEX, UNLOCK);
}

type RegistrationFns = Pick<ModelFns, 'shrinker_memcg_alloc' | 'shrinker_memcg_remove' | 'shrinker_alloc' | 'shrinker_register' |
  'shrinker_free_rcu_cb' | 'shrinker_free' | 'shrinker_try_get' | 'shrinker_put'>;

export const registration: RegistrationFns = {
  /** lines 216-239 */
  *shrinker_memcg_alloc(k, shrinker) {
    let ret = ENOMEM;
    yield* mutex_lock(k, G_SHRINKER_MUTEX, LOCK);
    const id = yield* idr_alloc(k, shrinker);
    if (id >= 0) {
      let ok = true;
      if (id >= (yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max'))) {
        if (yield* k.fn.expand_shrinker_info(k, id)) {
          yield* idr_remove(k, id);
          ok = false;
        }
      }
      if (ok) {
        yield* WRITE_ONCE(k, shrinker, SH_ID, id, '@->id');
        ret = 0;
      }
    }
    yield* mutex_unlock(k, G_SHRINKER_MUTEX, UNLOCK);
    return ret;
  },

  /** lines 241-250 (shrinker_mutex is held) */
  *shrinker_memcg_remove(k, shrinker) {
    const id = yield* READ_ONCE(k, shrinker, SH_ID, '@->id');
    yield* idr_remove(k, id);
  },

  /** lines 678-735: the memcg-aware path (non-memcg-aware shrinkers keep nr_deferred inline). */
  *shrinker_alloc(k, flags) {
    const shrinker = yield* kzalloc(k, T_SHRINKER);
    if (!shrinker) return 0;
    yield* WRITE_ONCE(k, shrinker, SH_FLAGS, flags | SHRINKER_ALLOCATED, '@->flags');
    yield* WRITE_ONCE(k, shrinker, SH_SEEKS, DEFAULT_SEEKS, '@->seeks');
    if (flags & SHRINKER_MEMCG_AWARE) {
      const err = yield* k.fn.shrinker_memcg_alloc(k, shrinker);
      if (err) {
        yield* kfree(k, shrinker); // err_flags, err_name
        return 0;
      }
      return shrinker;
    }
    // non_memcg (lines 712-727): shrinker->nr_deferred = kzalloc(size, GFP_KERNEL). The array is inline
    // here (SH_NR_DEFERRED), but its allocation is a failure point of its own, taken in the step that set
    // seeks (no shared access of its own): on failure, err_flags -> err_name: kfree(shrinker)
    if (should_fail_alloc(k)) {
      if (k.tr !== null) note(k, `kzalloc(nr_deferred of ${fmtPtr(shrinker)}) = NULL [injected failure]`);
      yield* kfree(k, shrinker);
      return 0;
    }
    return shrinker;
  },

  /** lines 738-758 */
  *shrinker_register(k, shrinker) {
    const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    if (!(flags & SHRINKER_ALLOCATED)) return; // pr_warn("Must use shrinker_alloc() ...")
    yield* mutex_lock(k, G_SHRINKER_MUTEX, LOCK);
    yield* list_add_tail_rcu(k, shrinker);
    const f = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    yield* WRITE_ONCE(k, shrinker, SH_FLAGS, f | SHRINKER_REGISTERED, '@->flags |= SHRINKER_REGISTERED');
    yield* mutex_unlock(k, G_SHRINKER_MUTEX, UNLOCK);
    yield* init_completion(k, shrinker, SH_DONE);
    /*
     * Now the shrinker is fully set up, take the first reference to it to indicate that lookup
     * operations are now allowed to use it via shrinker_try_get().
     */
    yield* refcount_set(k, shrinker, SH_REFCOUNT, 1);
  },

  /** lines 761-767: kfree(shrinker->nr_deferred) is part of the shrinker object here. */
  *shrinker_free_rcu_cb(k, shrinker) {
    yield* kfree(k, shrinker);
  },

  /** lines 769-810 */
  *shrinker_free(k, shrinker) {
    if (!shrinker) return;
    if ((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_REGISTERED) {
      /* drop the initial refcount */
      yield* k.fn.shrinker_put(k, shrinker);
      /*
       * Wait for all lookups of the shrinker to complete, after that, no shrinker is running or will
       * run again, then we can safely free it asynchronously via RCU.
       */
      yield* wait_for_completion(k, shrinker, SH_DONE);
    }
    yield* shrinker_free_unlink(k, shrinker);
    // Readers still inside an RCU section may hold the pointer: free after a grace period.
    yield* call_rcu(k, CB_SHRINKER_FREE, shrinker);
  },

  /** include/linux/shrinker.h: refcount_inc_not_zero(&shrinker->refcount) */
  *shrinker_try_get(k, shrinker) {
    return yield* refcount_inc_not_zero(k, shrinker, SH_REFCOUNT);
  },

  /** include/linux/shrinker.h: the last put wakes shrinker_free() */
  *shrinker_put(k, shrinker) {
    if (yield* refcount_dec_and_test(k, shrinker, SH_REFCOUNT)) yield* complete(k, shrinker, SH_DONE);
  },
};
