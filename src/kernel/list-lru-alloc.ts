/**
 * v6.13 mm/list_lru.c's lazy per-memcg lists: init_one_lru(), memcg_init_list_lru_one(),
 * memcg_list_lru_allocated() and memcg_list_lru_alloc(), which fills lru->xa for a memcg and its
 * ancestors when an object is charged to it (actors/item-user.ts: __memcg_slab_post_alloc_hook).
 * The rest of the per-memcg lists' life (init, destroy, reparenting) is list-lru-memcg.ts.
 */
import { LRU_MEMCG_AWARE, LRU_XA, LRU_XA_LOCK, MEMCG_PARENT, MLRU_NODE, T_LRU_ONE, T_MLRU } from '../model/layout.js';
import { css_is_dying, mem_cgroup_is_root, memcg_index } from './memcontrol.js';
import { kfree, kzalloc } from './slab.js';
import { ENOMEM, type Kernel, type ModelFns } from '../model/kernel.js';
import type { Step } from '../model/wait.js';
import { READ_ONCE, rcu_assign_pointer } from '../sync/access.js';
import { at, kalloc } from '../model/arena.js';
import { spin_lock, spin_unlock } from '../sync/mutex.js';
import { INIT_LIST_HEAD } from './list.js';

/** init_one_lru() on a list no other actor sees yet */
export function init_one_lru(k: Kernel, l: number): void {
  INIT_LIST_HEAD(k, l, 'init_one_lru(): INIT_LIST_HEAD(&l->list)');
}

/**
 * One kmalloc holding `nodes` list_lru_ones (lru->node, or a list_lru_memcg's node[]): one failure
 * point; the lists are separate list_lru_one objects in the model, initialised and handed to `put`.
 */
export function* alloc_node_lists(k: Kernel, type: number, put: (p: number, nid: number, l: number) => void): Step<number> {
  const p = yield* kzalloc(k, type);
  if (!p) return 0;
  for (let nid = 0; nid < k.nodes; nid++) {
    const l = type === T_LRU_ONE && nid === 0 ? p : kalloc(k, T_LRU_ONE); // part of the same allocation
    init_one_lru(k, l);
    put(p, nid, l);
  }
  return p;
}

/** memcg_init_list_lru_one(): a list_lru_memcg with its node lists initialised; 0 on -ENOMEM */
export function* memcg_init_list_lru_one(k: Kernel): Step<number> {
  return yield* alloc_node_lists(k, T_MLRU, (mlru, nid, l) => { k.mem[at(k, mlru, MLRU_NODE + nid, 'init')] = l; });
}

/** memcg_list_lru_allocated(): root (kmemcg_id < 0) always is; else whether lru->xa holds the memcg's lists */
export function* memcg_list_lru_allocated(k: Kernel, memcg: number, lru: number): Step<boolean> {
  if (mem_cgroup_is_root(k, memcg)) return true;
  const idx = memcg_index(k, memcg);
  return (yield* READ_ONCE(k, lru, LRU_XA + idx, `xa_load(&@->xa[${idx}])`)) !== 0;
}

/**
 * memcg_list_lru_alloc(memcg, lru, gfp): make sure memcg and every ancestor has its list_lru_memcg
 * ("the list_lru can be reparented to the parent cgroup's list_lru"), farthest unpopulated ancestor
 * first; each store is made under the xarray lock, only into an empty slot of a memcg that is not
 * dying. 0, or -ENOMEM when memcg_init_list_lru_one() fails.
 */
export const memcg_list_lru_alloc: ModelFns['memcg_list_lru_alloc'] = function* (k, memcg, lru) {
  if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)')) || (yield* memcg_list_lru_allocated(k, memcg, lru))) return 0;
  let mlru = 0;
  let pos: number;
  do {
    /* Keep finding the farest parent that wasn't populated until found memcg itself. */
    pos = memcg;
    let parent = yield* READ_ONCE(k, pos, MEMCG_PARENT, 'parent_mem_cgroup(pos)');
    while (!(yield* memcg_list_lru_allocated(k, parent, lru))) {
      pos = parent;
      parent = yield* READ_ONCE(k, pos, MEMCG_PARENT, 'parent_mem_cgroup(pos)');
    }
    if (!mlru) {
      mlru = yield* memcg_init_list_lru_one(k);
      if (!mlru) return ENOMEM;
    }
    const idx = memcg_index(k, pos);
    yield* spin_lock(k, lru, LRU_XA_LOCK, 'xas_lock_irqsave(&xas, flags)');
    if (!(yield* READ_ONCE(k, lru, LRU_XA + idx, `xas_load(&@->xa[${idx}])`)) && !css_is_dying(k, pos)) {
      yield* rcu_assign_pointer(k, lru, LRU_XA + idx, mlru, `xas_store(&@->xa[${idx}], mlru)`); // xas_store(): rcu_assign_pointer(*slot, entry)
      mlru = 0;
    }
    yield* spin_unlock(k, lru, LRU_XA_LOCK, 'xas_unlock_irqrestore(&xas, flags)');
  } while (pos !== memcg && !css_is_dying(k, pos));
  if (mlru) yield* kfree(k, mlru); // lost the race, or the memcg is dying: nothing was stored
  return 0;
};
