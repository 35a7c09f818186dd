/**
 * rwsem: shrinker allocation, registration and freeing as in v5.13-v6.6 mm/vmscan.c
 * (prealloc_memcg_shrinker, __prealloc_shrinker, register_shrinker_prepared, unregister_shrinker,
 * free_prealloced_shrinker; this file follows v6.6, line numbers approximate).
 *
 * Every writer of shrinker_list, shrinker_idr, shrinker_nr_max and the shrinker_infos holds
 * shrinker_rwsem for writing; every reader of them (both reclaim walks, the nr_deferred helpers)
 * holds it for reading. So once unregister_shrinker() has dropped the write side, no reader can
 * reach the shrinker any more and its owner frees it at once: no refcount, no completion, no
 * grace period (those came with the lockless design, v6.7). shrinker_try_get/put are not used.
 * Not modeled: debugfs, names, mem_cgroup_disabled() (-ENOSYS, which turns a memcg-aware shrinker
 * into a global one), the separate kzalloc of shrinker->nr_deferred (inline SH_NR_DEFERRED).
 */
import { G_SHRINKER_NR_MAX, SH_FLAGS, SH_ID, SH_SEEKS, SHRINKER_MEMCG_AWARE, SHRINKER_REGISTERED, T_SHRINKER } from '../../../model/layout.js';
import { idr_alloc, idr_remove } from '../../../kernel/idr.js';
import { kfree, kzalloc, should_fail_alloc } from '../../../kernel/slab.js';
import { READ_ONCE, WRITE_ONCE, read_global } from '../../../sync/access.js';
import { down_write, shrinker_rwsem, up_write } from '../../../sync/rwsem.js';
import { DEFAULT_SEEKS, ENOMEM, type ModelFns } from '../../../model/kernel.js';
import { list_add_tail, list_del } from './shrinker-list.js';

type RegistrationFns = Pick<ModelFns, 'shrinker_memcg_alloc' | 'shrinker_memcg_remove' | 'shrinker_alloc' | 'shrinker_register' | 'shrinker_free'>;

export const rwsemRegistration: RegistrationFns = {
  /** prealloc_memcg_shrinker() (≈ lines 358-383) */
  *shrinker_memcg_alloc(k, shrinker) {
    let ret = ENOMEM;
    yield* down_write(k, shrinker_rwsem);
    /* This may call shrinker, so it must use down_read_trylock() */
    const id = yield* idr_alloc(k, shrinker);
    if (id >= 0) {
      let ok = true;
      // why under the write side: no reader may walk a map shorter than the ids it can find
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
    yield* up_write(k, shrinker_rwsem);
    return ret;
  },

  /** unregister_memcg_shrinker() (≈ lines 385-394): shrinker_rwsem is held for writing */
  *shrinker_memcg_remove(k, shrinker) {
    yield* idr_remove(k, yield* READ_ONCE(k, shrinker, SH_ID, '@->id'));
  },

  /** prealloc_shrinker() -> __prealloc_shrinker() (≈ lines 720-745) */
  *shrinker_alloc(k, flags) {
    const shrinker = yield* kzalloc(k, T_SHRINKER); // the owner's struct shrinker (embedded in the kernel)
    if (!shrinker) return 0;
    yield* WRITE_ONCE(k, shrinker, SH_FLAGS, flags, '@->flags');
    yield* WRITE_ONCE(k, shrinker, SH_SEEKS, DEFAULT_SEEKS, '@->seeks');
    if (flags & SHRINKER_MEMCG_AWARE) {
      if (yield* k.fn.shrinker_memcg_alloc(k, shrinker)) {
        yield* kfree(k, shrinker);
        return 0;
      }
    } else if (should_fail_alloc(k)) {
      // shrinker->nr_deferred = kzalloc(...) (v5.13+: non-memcg-aware shrinkers only) is the inline
      // SH_NR_DEFERRED array; its allocation is a failure point of its own (as in kernel/shrinker-register.ts)
      yield* kfree(k, shrinker);
      return 0;
    }
    return shrinker;
  },

  /** register_shrinker_prepared() (≈ lines 785-795) */
  *shrinker_register(k, shrinker) {
    yield* down_write(k, shrinker_rwsem);
    yield* list_add_tail(k, shrinker);
    const f = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    // under the write side: the memcg walk skips (and does not clear) bits of a shrinker not yet registered
    yield* WRITE_ONCE(k, shrinker, SH_FLAGS, f | SHRINKER_REGISTERED, '@->flags |= SHRINKER_REGISTERED');
    yield* up_write(k, shrinker_rwsem);
  },

  /** unregister_shrinker() (≈ lines 830-855) or free_prealloced_shrinker(), then the owner's kfree() */
  *shrinker_free(k, shrinker) {
    if (!shrinker) return;
    let flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    if (flags & SHRINKER_REGISTERED) {
      yield* down_write(k, shrinker_rwsem);
      yield* list_del(k, shrinker);
      flags &= ~SHRINKER_REGISTERED;
      yield* WRITE_ONCE(k, shrinker, SH_FLAGS, flags, '@->flags &= ~SHRINKER_REGISTERED');
      if (flags & SHRINKER_MEMCG_AWARE) yield* k.fn.shrinker_memcg_remove(k, shrinker);
      yield* up_write(k, shrinker_rwsem);
    } else if (flags & SHRINKER_MEMCG_AWARE) {
      // free_prealloced_shrinker(): allocated, never registered
      yield* down_write(k, shrinker_rwsem);
      yield* k.fn.shrinker_memcg_remove(k, shrinker);
      yield* up_write(k, shrinker_rwsem);
    }
    // Every reader holds shrinker_rwsem for reading: down_write() above waited for the last one, and
    // after the unlink none can find the shrinker again, so it is freed without a grace period.
    yield* kfree(k, shrinker);
  },
};
