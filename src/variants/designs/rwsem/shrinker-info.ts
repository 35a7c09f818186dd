/**
 * rwsem: the flat per-memcg shrinker_info of v5.13-v6.6 (mm/vmscan.c; this file follows v6.6, where
 * the info carries map_nr_max, added in 2023; v5.13-v6.2 bounded the walk by shrinker_nr_max). One
 * object per (memcg, node) holds map_nr_max, the bitmap and the nr_deferred array (layout.ts FLAT_*).
 *
 * Who touches an info: alloc, expand and free run with shrinker_rwsem held for writing; reclaim and
 * reparenting read it with the read side held (shrinker_info_protected()); set_shrinker_bit() is the
 * one writer that holds no lock, only rcu_read_lock(). Hence the two ordering-sensitive choices in
 * expand_one_shrinker_info(): the new map starts with every old bit set (memset 0xff), because a
 * set_bit() that lands on the old map after it was read would otherwise be lost (expand-memcpy.ts);
 * and the old info is freed after a grace period (kvfree_rcu), because that set_bit() may still land.
 *
 * Sizes: BITS_PER_LONG is the scenario's SHRINKER_UNIT_BITS (k.unitBits), so map_nr_max grows in
 * batches of it as the kernel's grows in batches of BITS_PER_LONG; map_size/old_map_size count such
 * "longs". The map is stored in 32-bit words (FLAT_MAP), bit id in word id >> 5. kvmalloc_node() plus
 * the memset(0) of the new part is kvzalloc() here. Not modeled: byte sizes, node-local allocation,
 * mem_cgroup_disabled(). Line numbers are approximate (v6.6 mm/vmscan.c); function names are exact.
 */
import type { Kernel } from '../../../model/kernel.js';
import { FLAT_MAP, FLAT_MAP_NR_MAX, G_SHRINKER_NR_MAX, MEMCG_PARENT, T_FLAT_INFO } from '../../../model/layout.js';
import { mem_cgroup_is_root, mem_cgroup_iter, mem_cgroup_iter_break, nodeinfo_shrinker_info, root_mem_cgroup } from '../../../kernel/memcontrol.js';
import { at } from '../../../model/arena.js';
import { kvfree, kvzalloc } from '../../../kernel/slab.js';
import { warnBounds } from '../../../invariants/bounds.js';
import { READ_ONCE, WRITE_ONCE, atomic_add_return, atomic_read, rcu_assign_pointer, rcu_dereference, read_global, set_bit, smp_mb__before_atomic, write_global } from '../../../sync/access.js';
import { down_read, down_write, shrinker_rwsem, up_read, up_write } from '../../../sync/rwsem.js';
import { kvfree_rcu, rcu_read_lock, rcu_read_unlock } from '../../../sync/rcu.js';
import type { Step } from '../../../model/wait.js';
import { ENOMEM, type ModelFns } from '../../../model/kernel.js';

const DIV_ROUND_UP = (n: number, d: number): number => Math.ceil(n / d);
const round_up = (n: number, d: number): number => DIV_ROUND_UP(n, d) * d;
/** the map word and bit of shrinker id `id` */
export const map_word = (id: number): number => FLAT_MAP + (id >>> 5);
export const map_bit = (id: number): number => id & 31;

/** shrinker_info_protected() (≈ lines 212-217): shrinker_rwsem is held, so the pointer is stable. */
export function* shrinker_info_protected(k: Kernel, memcg: number, nid: number): Step<number> {
  return yield* READ_ONCE(k, memcg, nodeinfo_shrinker_info(nid), `shrinker_info_protected(@, ${nid})`);
}

/**
 * How expand_one_shrinker_info() fills the part of the new map the old map covered
 * (bits [0, old_bits)); the new map is not published yet, the old one may still be written.
 */
export type OldMapFill = (k: Kernel, old: number, nu: number, old_bits: number) => Step;

/** memset(new->map, (int)0xff, old_map_size): every old bit starts set, whatever the old map holds. */
export function* map_set_old_bits(k: Kernel, _old: number, nu: number, old_bits: number): Step {
  for (let w = 0; w * 32 < old_bits; w++) {
    const n = Math.min(32, old_bits - w * 32);
    yield* WRITE_ONCE(k, nu, FLAT_MAP + w, n === 32 ? -1 : (1 << n) - 1, `memset(@->map, 0xff): word ${w}`);
  }
}

/**
 * expand_one_shrinker_info() (≈ lines 219-258), with the old map's part filled by `fill`: the
 * rwsem design passes map_set_old_bits, expand-memcpy a copy of the old words.
 */
export function expandOneShrinkerInfo(fill: OldMapFill): ModelFns['expand_one_shrinker_info'] {
  return function* expand_one_shrinker_info(k, memcg, _map_size, old_map_size, new_nr_max) {
    const old_bits = old_map_size * k.unitBits;
    for (let nid = 0; nid < k.nodes; nid++) {
      const old = yield* shrinker_info_protected(k, memcg, nid);
      /* Not yet online memcg */
      if (!old) return 0;
      /* Already expanded this shrinker_info */
      if (new_nr_max <= (yield* READ_ONCE(k, old, FLAT_MAP_NR_MAX, '@->map_nr_max'))) continue;
      const nu = yield* kvzalloc(k, T_FLAT_INFO);
      if (!nu) return ENOMEM;
      yield* WRITE_ONCE(k, nu, FLAT_MAP_NR_MAX, new_nr_max, '@->map_nr_max');
      /* map: set all old bits, clear all new bits (the new bits are clear: kvzalloc) */
      yield* fill(k, old, nu, old_bits);
      /* nr_deferred: copy old values, clear all new values. Safe to copy: every other user of
       * nr_deferred holds shrinker_rwsem, and we hold it for writing. */
      for (let i = 0; i < old_bits; i++) {
        const nr = yield* READ_ONCE(k, old, k.L.flatNrDeferred + i, `memcpy: @->nr_deferred[${i}]`);
        if (nr !== 0) yield* WRITE_ONCE(k, nu, k.L.flatNrDeferred + i, nr, `memcpy: @->nr_deferred[${i}]`);
      }
      // Publish the initialised info (release): pairs with rcu_dereference() in set_shrinker_bit().
      yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), nu, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);
      // set_shrinker_bit() may still hold `old` inside its RCU section: free it after a grace period.
      yield* kvfree_rcu(k, old);
    }
    return 0;
  };
}

type InfoFns = Pick<ModelFns, 'free_shrinker_info' | 'alloc_shrinker_info' | 'expand_one_shrinker_info' | 'expand_shrinker_info' |
  'set_shrinker_bit' | 'shrinker_bit_raw' | 'reparent_shrinker_deferred'>;

export const flatShrinkerInfo: InfoFns = {
  /** free_shrinker_info() (≈ lines 260-271): the memcg is being freed, nobody can reach its info */
  *free_shrinker_info(k, memcg) {
    for (let nid = 0; nid < k.nodes; nid++) {
      const info = yield* READ_ONCE(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference_protected(@->nodeinfo[${nid}]->shrinker_info, true)`);
      yield* kvfree(k, info);
      yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), 0, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info, NULL)`);
    }
  },

  /** alloc_shrinker_info() (≈ lines 273-301) */
  *alloc_shrinker_info(k, memcg) {
    let ret = 0;
    // why the write side: shrinker_nr_max must not grow between reading it and publishing the info
    yield* down_write(k, shrinker_rwsem);
    const nr_max = yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max');
    for (let nid = 0; nid < k.nodes; nid++) {
      const info = yield* kvzalloc(k, T_FLAT_INFO);
      if (!info) {
        yield* k.fn.free_shrinker_info(k, memcg);
        ret = ENOMEM;
        break;
      }
      yield* WRITE_ONCE(k, info, FLAT_MAP_NR_MAX, nr_max, '@->map_nr_max');
      // Publishes an initialised info: pairs with rcu_dereference() in set_shrinker_bit().
      yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), info, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);
    }
    yield* up_write(k, shrinker_rwsem);
    return ret;
  },

  expand_one_shrinker_info: expandOneShrinkerInfo(map_set_old_bits),

  /** expand_shrinker_info() (≈ lines 303-338): shrinker_rwsem is held for writing */
  *expand_shrinker_info(k, new_id) {
    let ret = 0;
    const new_nr_max = round_up(new_id + 1, k.unitBits);
    if (root_mem_cgroup(k) !== 0) {
      const map_size = DIV_ROUND_UP(new_nr_max, k.unitBits); // shrinker_map_size(), in longs
      const old_map_size = DIV_ROUND_UP(yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max'), k.unitBits);
      for (let memcg = yield* mem_cgroup_iter(k, 0); memcg !== 0; memcg = yield* mem_cgroup_iter(k, memcg)) {
        ret = yield* k.fn.expand_one_shrinker_info(k, memcg, map_size, old_map_size, new_nr_max);
        if (ret) {
          yield* mem_cgroup_iter_break(k, memcg);
          break;
        }
      }
    }
    if (!ret) yield* write_global(k, G_SHRINKER_NR_MAX, new_nr_max, 'shrinker_nr_max');
    return ret;
  },

  /** set_shrinker_bit() (≈ lines 340-354): no lock, only RCU, against a concurrent expand */
  *set_shrinker_bit(k, memcg, nid, shrinker_id) {
    if (shrinker_id >= 0 && memcg && !mem_cgroup_is_root(k, memcg)) {
      yield* rcu_read_lock(k);
      const info = yield* rcu_dereference(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference(@->nodeinfo[${nid}]->shrinker_info)`);
      const map_nr_max = yield* READ_ONCE(k, info, FLAT_MAP_NR_MAX, '@->map_nr_max');
      if (shrinker_id >= map_nr_max) {
        throw warnBounds(k, shrinker_id, map_nr_max, info); // WARN_ON_ONCE(shrinker_id >= info->map_nr_max)
      } else {
        /* Pairs with smp mb in shrink_slab() (smp_mb__after_atomic() after its clear_bit()) */
        yield* smp_mb__before_atomic(k);
        yield* set_bit(k, map_bit(shrinker_id), info, map_word(shrinker_id), `set_bit(${shrinker_id}, @->map)`);
      }
      yield* rcu_read_unlock(k);
    }
  },

  /** for checkers: memcg->nodeinfo[nid]->shrinker_info->map, bit shrinker_id */
  shrinker_bit_raw(k, memcg, nid, shrinker_id) {
    const info = k.mem[at(k, memcg, nodeinfo_shrinker_info(nid), 'check')];
    if (!info || shrinker_id >= k.mem[at(k, info, FLAT_MAP_NR_MAX, 'check')]) return 0; // no bit to be set: lost
    return (k.mem[at(k, info, map_word(shrinker_id), 'check')] >>> map_bit(shrinker_id)) & 1;
  },

  /** reparent_shrinker_deferred() (≈ lines 414-436): a dying memcg's nr_deferred moves to its parent */
  *reparent_shrinker_deferred(k, memcg) {
    const parent = (yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@)')) || root_mem_cgroup(k);
    /* Prevent from concurrent shrinker_info expand */
    yield* down_read(k, shrinker_rwsem);
    for (let nid = 0; nid < k.nodes; nid++) {
      const child_info = yield* shrinker_info_protected(k, memcg, nid);
      const parent_info = yield* shrinker_info_protected(k, parent, nid);
      const n = yield* READ_ONCE(k, child_info, FLAT_MAP_NR_MAX, '@->map_nr_max');
      for (let i = 0; i < n; i++) {
        const nr = yield* atomic_read(k, child_info, k.L.flatNrDeferred + i, `atomic_long_read(&@->nr_deferred[${i}])`);
        yield* atomic_add_return(k, nr, parent_info, k.L.flatNrDeferred + i, `atomic_long_add(${nr}, &@->nr_deferred[${i}])`);
      }
    }
    yield* up_read(k, shrinker_rwsem);
  },
};
