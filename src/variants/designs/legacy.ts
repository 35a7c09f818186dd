/**
 * `legacy`: the design before the 2018 bitmap series (v4.16-v4.18 mm/vmscan.c: shrink_slab()'s walk
 * of shrinker_list and register_shrinker(), as the series' cover letter "Improve shrink_slab()
 * scalability (old complexity was O(n^2), new is O(n))" describes them): no
 * shrinker_info, no bitmap, no shrinker ids. Every reclaim walks the whole shrinker_list under
 * down_read_trylock(&shrinker_rwsem) and calls every shrinker whose SHRINKER_MEMCG_AWARE flag matches
 * the call, so memcg reclaim costs O(shrinkers) per memcg: the O(n^2) the series removed. Nothing can
 * be lost (there is no bit to lose); its price is the number of do_shrink_slab() calls, which the
 * engine counts (every call goes through k.fn.do_shrink_slab: RunStats.doShrinkSlab).
 *
 * How the model's shrink_slab(nid, memcg) maps onto v4.18's shrink_node():
 *   memcg not root  shrink_slab(memcg): memcg-aware shrinkers, sc.memcg = memcg;
 *   root            shrink_slab(root_mem_cgroup) in the memcg loop (memcg-aware shrinkers,
 *                   sc.memcg = root), then global reclaim's shrink_slab(NULL) (the others,
 *                   sc.memcg = NULL). Under nokmem (!memcg_kmem_enabled()) the memcg calls return 0
 *                   and shrink_slab(NULL) calls every shrinker with sc.memcg = NULL.
 * nr_deferred is always the shrinker's own (SH_NR_DEFERRED[nid]), never per memcg. do_shrink_slab()
 * is the reference's (v4.18 differs only in tracing and in skipping the add when next_deferred is 0);
 * count_objects' SHRINK_EMPTY (v4.19) is taken as 0, what v4.18's callbacks returned.
 * Not modeled: SHRINKER_NONSLAB (v5.4; ignored here), gfp_mask, cond_resched().
 */
import { SH_FLAGS, SH_NR_DEFERRED, SH_SEEKS, SHRINKER_MEMCG_AWARE, SHRINKER_NUMA_AWARE, SHRINKER_REGISTERED, T_SHRINKER } from '../../model/layout.js';
import { mem_cgroup_is_root, memcg_kmem_online, mem_cgroup_online } from '../../kernel/memcontrol.js';
import { kfree, kzalloc, should_fail_alloc } from '../../kernel/slab.js';
import { nrDeferredWord } from '../../kernel/ctypes.js';
import type { Kernel } from '../../model/kernel.js';
import { READ_ONCE, WRITE_ONCE, atomic_add_return, atomic_xchg } from '../../sync/access.js';
import { down_read_trylock, down_write, rwsem_is_contended, shrinker_rwsem, up_read, up_write } from '../../sync/rwsem.js';
import type { Step } from '../../model/wait.js';
import { DEFAULT_SEEKS, SHRINK_EMPTY, type ShrinkControl } from '../../model/kernel.js';
import { list_del, list_first, list_next } from './rwsem/shrinker-list.js';
import { rwsemRegistration } from './rwsem/registration.js';
import type { Variant } from '../variant.js';

/** v4.18 shrink_slab(gfp_mask, nid, memcg, priority); memcg 0 is the global (NULL) call. */
function* shrink_slab(k: Kernel, nid: number, memcg: number, priority: number): Step<number> {
  let freed = 0;
  const kmem = memcg_kmem_online(k); // memcg_kmem_enabled(): fixed at boot
  if (memcg && (!kmem || !(yield* mem_cgroup_online(k, memcg)))) return 0;
  if (!(yield* down_read_trylock(k, shrinker_rwsem))) return freed; // goto out
  for (let shrinker = yield* list_first(k); shrinker !== 0; shrinker = yield* list_next(k, shrinker)) {
    const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
    const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
    /*
     * If kernel memory accounting is disabled, we ignore SHRINKER_MEMCG_AWARE flag and call all
     * shrinkers passing NULL for memcg.
     */
    if (kmem && !!memcg !== !!(flags & SHRINKER_MEMCG_AWARE)) continue;
    if (!(flags & SHRINKER_NUMA_AWARE)) sc.nid = 0;
    const ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
    freed += ret === SHRINK_EMPTY ? 0 : ret;
    /*
     * Bail out if someone want to register a new shrinker to prevent the regsitration from being
     * stalled for long periods by parallel ongoing shrinking.
     */
    if (yield* rwsem_is_contended(k, shrinker_rwsem)) {
      freed = freed || 1;
      break;
    }
  }
  yield* up_read(k, shrinker_rwsem);
  return freed;
}

/** v4.18 shrinker->nr_deferred[nid]: sc.nid is already 0 for shrinkers that are not NUMA-aware */
function* nr_deferred_field(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number> {
  const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
  return SH_NR_DEFERRED + (flags & SHRINKER_NUMA_AWARE ? sc.nid : 0);
}

export const legacy: Variant = {
  name: 'legacy',
  summary: 'before v4.19: no bitmap, every reclaim walks every shrinker under shrinker_rwsem (O(n^2))',
  expect: { kind: 'passes' },
  overrides: {
    // no shrinker_info at all: these allocate nothing and cannot fail
    *alloc_shrinker_info() {
      return 0;
    },
    *free_shrinker_info() {},
    *expand_one_shrinker_info() {
      return 0;
    },
    *expand_shrinker_info() {
      return 0;
    },
    /** list_lru_add() had no bit to set: the walk visits every shrinker anyway */
    *set_shrinker_bit() {},
    shrinker_bit_raw: () => -1, // no bitmap: the lost-bit checker skips this design
    *reparent_shrinker_deferred() {},
    // no shrinker ids: shrinker->id stays 0 and the list_lru's shrinker_id is never used
    *shrinker_memcg_alloc() {
      return 0;
    },
    *shrinker_memcg_remove() {},

    /** prealloc_shrinker(): the shrinker and its nr_deferred (inline SH_NR_DEFERRED) */
    *shrinker_alloc(k, flags) {
      const shrinker = yield* kzalloc(k, T_SHRINKER);
      if (!shrinker) return 0;
      yield* WRITE_ONCE(k, shrinker, SH_FLAGS, flags, '@->flags');
      yield* WRITE_ONCE(k, shrinker, SH_SEEKS, DEFAULT_SEEKS, '@->seeks');
      // shrinker->nr_deferred = kzalloc(size, GFP_KERNEL); if (!shrinker->nr_deferred) return -ENOMEM;
      if (should_fail_alloc(k)) {
        yield* kfree(k, shrinker);
        return 0;
      }
      return shrinker;
    },

    /** register_shrinker_prepared(): as in the rwsem era (SHRINKER_REGISTERED kept for the harness's checkers) */
    shrinker_register: rwsemRegistration.shrinker_register,

    /** unregister_shrinker() (or free_prealloced_shrinker()), then the owner's kfree() */
    *shrinker_free(k, shrinker) {
      if (!shrinker) return;
      const flags = yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags');
      if (flags & SHRINKER_REGISTERED) {
        // the write side waits for every walk: after up_write() nobody stands on the shrinker
        yield* down_write(k, shrinker_rwsem);
        yield* list_del(k, shrinker);
        yield* WRITE_ONCE(k, shrinker, SH_FLAGS, flags & ~SHRINKER_REGISTERED, '@->flags &= ~SHRINKER_REGISTERED');
        yield* up_write(k, shrinker_rwsem);
      }
      yield* kfree(k, shrinker); // with its nr_deferred
    },

    *xchg_nr_deferred(k, shrinker, sc) {
      const field = yield* nr_deferred_field(k, shrinker, sc);
      return yield* atomic_xchg(k, shrinker, field, 0, `atomic_long_xchg(&@->nr_deferred[${field - SH_NR_DEFERRED}], 0)`);
    },

    /** v4.18 nr_deferred is an atomic_long_t too (kernel/ctypes.ts: the model's word is 32 bits) */
    *add_nr_deferred(k, nr, shrinker, sc) {
      nrDeferredWord(nr, 'add_nr_deferred(nr)');
      const field = yield* nr_deferred_field(k, shrinker, sc);
      const v = yield* atomic_add_return(k, nr, shrinker, field, `atomic_long_add_return(${nr}, &@->nr_deferred[${field - SH_NR_DEFERRED}])`);
      return nrDeferredWord(v, 'atomic_long_add_return(&nr_deferred)');
    },

    /** a memcg's call: v4.18 shrink_slab(memcg) */
    *shrink_slab_memcg(k, nid, memcg, priority) {
      return yield* shrink_slab(k, nid, memcg, priority);
    },

    /** shrink_node()'s calls for one memcg: root's also does global reclaim's shrink_slab(NULL) */
    *shrink_slab(k, nid, memcg, priority) {
      if (!mem_cgroup_is_root(k, memcg)) return yield* k.fn.shrink_slab_memcg(k, nid, memcg, priority);
      const freed = yield* shrink_slab(k, nid, memcg, priority);
      return freed + (yield* shrink_slab(k, nid, 0, priority));
    },
  },
};
