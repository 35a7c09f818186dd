/**
 * lockless: per-memcg shrinker_info and its units (reference mm-shrinker.c lines 16-212).
 *
 * An info is replaced on expand and the old one is freed after a grace period (kvfree_rcu); its units
 * are shared between the old and the new info and live until the memcg is freed. Readers
 * (set_shrinker_bit, shrink_slab_memcg, the nr_deferred helpers) find the info under rcu_read_lock().
 * Sizes are counted in unit slots instead of bytes: shrinker_unit_size(n) = DIV_ROUND_UP(n, BITS).
 */
import type { Kernel } from '../model/kernel.js';
import { G_ROOT_MEMCG, G_SHRINKER_MUTEX, G_SHRINKER_NR_MAX, INFO_MAP_NR_MAX, INFO_UNIT, MEMCG_PARENT, T_INFO, T_UNIT, UNIT_MAP, UNIT_NR_DEFERRED } from '../model/layout.js';
import { mem_cgroup_is_root, mem_cgroup_iter, mem_cgroup_iter_break, nodeinfo_shrinker_info, root_mem_cgroup } from './memcontrol.js';
import { at } from '../model/arena.js';
import { kfree, kvfree, kvzalloc, kzalloc } from './slab.js';
import { READ_ONCE, WRITE_ONCE, atomic_add_return, atomic_read, rcu_assign_pointer, rcu_dereference, read_global, set_bit, smp_mb__before_atomic, write_global } from '../sync/access.js';
import { mutex_lock, mutex_unlock } from '../sync/mutex.js';
import { kvfree_rcu, rcu_read_lock, rcu_read_unlock } from '../sync/rcu.js';
import { warnBounds } from '../invariants/bounds.js';
import type { Step } from '../model/wait.js';
import { ENOMEM, type ModelFns } from '../model/kernel.js';

export const DIV_ROUND_UP = (n: number, d: number): number => Math.ceil(n / d);
export const round_up = (n: number, d: number): number => DIV_ROUND_UP(n, d) * d;
export const shrinker_id_to_index = (k: Kernel, id: number): number => Math.floor(id / k.unitBits);
export const shrinker_id_to_offset = (k: Kernel, id: number): number => id % k.unitBits;
export const calc_shrinker_id = (k: Kernel, index: number, offset: number): number => index * k.unitBits + offset;

type InfoFns = Pick<ModelFns, 'shrinker_unit_free' | 'shrinker_unit_alloc' | 'free_shrinker_info' | 'alloc_shrinker_info' |
  'expand_one_shrinker_info' | 'expand_shrinker_info' | 'set_shrinker_bit' | 'shrinker_bit_raw' | 'reparent_shrinker_deferred'>;

export const shrinkerInfo: InfoFns = {
  /** lines 21-39 */
  *shrinker_unit_free(k, info, start) {
    if (!info) return;
    const nr = DIV_ROUND_UP(yield* READ_ONCE(k, info, INFO_MAP_NR_MAX, '@->map_nr_max'), k.unitBits);
    for (let i = start; i < nr; i++) {
      const unit = yield* READ_ONCE(k, info, INFO_UNIT + i, `@->unit[${i}]`);
      if (!unit) break;
      yield* kfree(k, unit);
      yield* WRITE_ONCE(k, info, INFO_UNIT + i, 0, `@->unit[${i}] = NULL`);
    }
  },

  /** lines 41-60 */
  *shrinker_unit_alloc(k, nu, old, _nid) {
    const nr = DIV_ROUND_UP(yield* READ_ONCE(k, nu, INFO_MAP_NR_MAX, '@->map_nr_max'), k.unitBits);
    const start = old ? DIV_ROUND_UP(yield* READ_ONCE(k, old, INFO_MAP_NR_MAX, '@->map_nr_max'), k.unitBits) : 0;
    for (let i = start; i < nr; i++) {
      const unit = yield* kzalloc(k, T_UNIT);
      if (!unit) {
        yield* k.fn.shrinker_unit_free(k, nu, start);
        return ENOMEM;
      }
      yield* WRITE_ONCE(k, nu, INFO_UNIT + i, unit, `@->unit[${i}]`);
    }
    return 0;
  },

  /** lines 62-75: the memcg is being freed, no reader can hold its info (plain kvfree). */
  *free_shrinker_info(k, memcg) {
    for (let nid = 0; nid < k.nodes; nid++) {
      const info = yield* READ_ONCE(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference_protected(@->nodeinfo[${nid}]->shrinker_info)`);
      yield* k.fn.shrinker_unit_free(k, info, 0);
      if (info) yield* kvfree(k, info);
      yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), 0, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info, NULL)`);
    }
  },

  /** lines 77-104 */
  *alloc_shrinker_info(k, memcg) {
    yield* mutex_lock(k, G_SHRINKER_MUTEX, 'mutex_lock(&shrinker_mutex)');
    const nr_max = yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max');
    for (let nid = 0; nid < k.nodes; nid++) {
      const info = yield* kvzalloc(k, T_INFO);
      if (!info) return yield* alloc_err(k, memcg);
      yield* WRITE_ONCE(k, info, INFO_MAP_NR_MAX, nr_max, '@->map_nr_max');
      if (yield* k.fn.shrinker_unit_alloc(k, info, 0, nid)) {
        yield* kvfree(k, info);
        return yield* alloc_err(k, memcg);
      }
      // Publishes an initialised info: pairs with rcu_dereference() in every reader.
      yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), info, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);
    }
    yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
    return 0;
  },

  /** lines 113-148 */
  *expand_one_shrinker_info(k, memcg, newUnits, oldUnits, new_nr_max) {
    for (let nid = 0; nid < k.nodes; nid++) {
      // shrinker_info_protected(): shrinker_mutex is held
      const old = yield* READ_ONCE(k, memcg, nodeinfo_shrinker_info(nid), `shrinker_info_protected(@, ${nid})`);
      /* Not yet online memcg */
      if (!old) return 0;
      /* Already expanded this shrinker_info */
      if (new_nr_max <= (yield* READ_ONCE(k, old, INFO_MAP_NR_MAX, '@->map_nr_max'))) continue;
      const nu = yield* kvzalloc(k, T_INFO);
      if (!nu) return ENOMEM;
      void newUnits; // the arena object always has Layout.maxUnits slots (every unit the run can need)
      yield* WRITE_ONCE(k, nu, INFO_MAP_NR_MAX, new_nr_max, '@->map_nr_max');
      // memcpy(new->unit, old->unit, old_size): the units are shared, not copied
      for (let i = 0; i < oldUnits; i++) {
        const unit = yield* READ_ONCE(k, old, INFO_UNIT + i, `memcpy: @->unit[${i}]`);
        yield* WRITE_ONCE(k, nu, INFO_UNIT + i, unit, `memcpy: @->unit[${i}]`);
      }
      if (yield* k.fn.shrinker_unit_alloc(k, nu, old, nid)) {
        yield* kvfree(k, nu);
        return ENOMEM;
      }
      // Publish the new info (release): pairs with rcu_dereference() in readers.
      yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), nu, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);
      // Readers that found `old` may still use it until they leave their RCU section.
      yield* kvfree_rcu(k, old);
    }
    return 0;
  },

  /** lines 150-179 (shrinker_mutex is held) */
  *expand_shrinker_info(k, new_id) {
    let ret = 0;
    const new_nr_max = round_up(new_id + 1, k.unitBits);
    if (Atomics.load(k.mem, G_ROOT_MEMCG) !== 0) {
      const newUnits = DIV_ROUND_UP(new_nr_max, k.unitBits);
      const oldUnits = DIV_ROUND_UP(yield* read_global(k, G_SHRINKER_NR_MAX, 'shrinker_nr_max'), k.unitBits);
      let memcg = yield* mem_cgroup_iter(k, 0);
      do {
        ret = yield* k.fn.expand_one_shrinker_info(k, memcg, newUnits, oldUnits, new_nr_max);
        if (ret) {
          yield* mem_cgroup_iter_break(k, memcg);
          break;
        }
      } while ((memcg = yield* mem_cgroup_iter(k, memcg)) !== 0);
    }
    if (!ret) yield* write_global(k, G_SHRINKER_NR_MAX, new_nr_max, 'shrinker_nr_max');
    return ret;
  },

  /** lines 196-212 */
  *set_shrinker_bit(k, memcg, nid, shrinker_id) {
    if (shrinker_id >= 0 && memcg && !mem_cgroup_is_root(k, memcg)) {
      yield* rcu_read_lock(k);
      const info = yield* rcu_dereference(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference(@->nodeinfo[${nid}]->shrinker_info)`);
      const index = shrinker_id_to_index(k, shrinker_id);
      const unit = yield* READ_ONCE(k, info, INFO_UNIT + index, `@->unit[${index}]`);
      const map_nr_max = yield* READ_ONCE(k, info, INFO_MAP_NR_MAX, '@->map_nr_max');
      if (shrinker_id >= map_nr_max) {
        throw warnBounds(k, shrinker_id, map_nr_max, info); // WARN_ON_ONCE(shrinker_id >= info->map_nr_max)
      } else {
        /* Pairs with smp mb in shrink_slab() */
        yield* smp_mb__before_atomic(k);
        const offset = shrinker_id_to_offset(k, shrinker_id);
        yield* set_bit(k, offset, unit, UNIT_MAP, `set_bit(${offset}, @->map) [shrinker ${shrinker_id}]`);
      }
      yield* rcu_read_unlock(k);
    }
  },

  /** for checkers: memcg->nodeinfo[nid]->shrinker_info->unit[index]->map, bit offset */
  shrinker_bit_raw(k, memcg, nid, shrinker_id) {
    const info = k.mem[at(k, memcg, nodeinfo_shrinker_info(nid), 'check')];
    if (!info || shrinker_id >= k.mem[at(k, info, INFO_MAP_NR_MAX, 'check')]) return 0; // no bit to be set: lost
    const unit = k.mem[at(k, info, INFO_UNIT + shrinker_id_to_index(k, shrinker_id), 'check')];
    return (k.mem[at(k, unit, UNIT_MAP, 'check')] >>> shrinker_id_to_offset(k, shrinker_id)) & 1;
  },

  /** lines 285-312: a dying memcg's per-unit nr_deferred moves to its parent's units */
  *reparent_shrinker_deferred(k, memcg) {
    const parent = (yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@)')) || root_mem_cgroup(k);
    /* Prevent from concurrent shrinker_info expand */
    yield* mutex_lock(k, G_SHRINKER_MUTEX, 'mutex_lock(&shrinker_mutex)');
    for (let nid = 0; nid < k.nodes; nid++) {
      const child_info = yield* READ_ONCE(k, memcg, nodeinfo_shrinker_info(nid), `shrinker_info_protected(@, ${nid})`);
      const parent_info = yield* READ_ONCE(k, parent, nodeinfo_shrinker_info(nid), `shrinker_info_protected(@, ${nid})`);
      const units = shrinker_id_to_index(k, yield* READ_ONCE(k, child_info, INFO_MAP_NR_MAX, '@->map_nr_max'));
      for (let index = 0; index < units; index++) {
        const child_unit = yield* READ_ONCE(k, child_info, INFO_UNIT + index, `@->unit[${index}]`);
        const parent_unit = yield* READ_ONCE(k, parent_info, INFO_UNIT + index, `@->unit[${index}]`);
        for (let offset = 0; offset < k.unitBits; offset++) {
          const nr = yield* atomic_read(k, child_unit, UNIT_NR_DEFERRED + offset, `atomic_long_read(&@->nr_deferred[${offset}])`);
          yield* atomic_add_return(k, nr, parent_unit, UNIT_NR_DEFERRED + offset, `atomic_long_add(${nr}, &@->nr_deferred[${offset}])`);
        }
      }
    }
    yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
  },
};

export function* alloc_err(k: Kernel, memcg: number): Step<number> {
  yield* mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)');
  yield* k.fn.free_shrinker_info(k, memcg);
  return ENOMEM;
}
