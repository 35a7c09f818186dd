/**
 * struct obj_cgroup (v6.13 mm/memcontrol.c, include/linux/memcontrol.h): what a slab object is charged
 * to. An object pins its obj_cgroup, not its memcg: objcg->memcg is read under rcu_read_lock() and
 * moved to the parent when the memcg goes offline (memcg_reparent_objcgs), so a memcg can be freed
 * while objects charged to it live on. The reference count is a percpu_ref: the initial reference
 * (dropped by percpu_ref_kill() at reparenting), memcg->orig_objcg's (put when the memcg is freed),
 * and one per charged object; at zero obj_cgroup_release() frees it after a grace period.
 * Root has no obj_cgroup (memcg_online_kmem returns early): objects charged there have none, and
 * list_lru_add_obj() puts them on the node's own list. Under nokmem there are none at all.
 */
import { at, fmtPtr, base, liveObjects } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import { G_OBJCG_LOCK, MEMCG_OBJCG, MEMCG_ORIG_OBJCG, MEMCG_PARENT, OBJCG_LISTED, OBJCG_MEMCG, OBJCG_REFS, T_OBJCG } from '../model/layout.js';
import { ENOMEM } from '../model/kernel.js';
import { READ_ONCE, WRITE_ONCE, rcu_assign_pointer, rcu_dereference } from '../sync/access.js';
import { spin_lock_global, spin_unlock_global } from '../sync/mutex.js';
import { kvfree_rcu, rcu_read_lock, rcu_read_unlock } from '../sync/rcu.js';
import type { Step } from '../model/wait.js';
import { kzalloc } from './slab.js';
import { css_tryget, mem_cgroup_is_root, memcg_kmem_online } from './memcontrol.js';

/** memcg_online_kmem(): obj_cgroup_alloc(), objcg->memcg = memcg, publish it; -ENOMEM when the allocation fails */
export function* memcg_online_kmem(k: Kernel, memcg: number): Step<number> {
  if (!memcg_kmem_online(k) || mem_cgroup_is_root(k, memcg)) return 0;
  const objcg = yield* kzalloc(k, T_OBJCG);
  if (!objcg) return ENOMEM;
  k.mem[at(k, objcg, OBJCG_MEMCG, 'objcg->memcg = memcg')] = memcg; // still private
  k.mem[at(k, objcg, OBJCG_REFS, 'percpu_ref_init()')] = 2; // the initial reference, and obj_cgroup_get() for orig_objcg
  k.mem[at(k, objcg, OBJCG_LISTED, 'INIT_LIST_HEAD(&objcg->list)')] = 1; // reparenting finds it by objcg->memcg from here
  yield* rcu_assign_pointer(k, memcg, MEMCG_OBJCG, objcg, 'rcu_assign_pointer(@->objcg, objcg)');
  yield* WRITE_ONCE(k, memcg, MEMCG_ORIG_OBJCG, objcg, '@->orig_objcg = objcg');
  return 0;
}

/** obj_cgroup_tryget() (percpu_ref_tryget: fails only once the count is zero) */
export function obj_cgroup_tryget(k: Kernel, objcg: number): boolean {
  const refs = at(k, objcg, OBJCG_REFS, 'obj_cgroup_tryget');
  for (;;) {
    const v = Atomics.load(k.mem, refs);
    if (v <= 0) return false;
    if (Atomics.compareExchange(k.mem, refs, v, v + 1) === v) return true;
  }
}

/** current_obj_cgroup() + obj_cgroup_get() at charge time: memcg's objcg, or its nearest ancestor's; 0 at root */
export function* get_obj_cgroup_from_memcg(k: Kernel, memcg: number): Step<number> {
  yield* rcu_read_lock(k);
  let objcg = 0;
  for (; memcg !== 0 && !mem_cgroup_is_root(k, memcg); memcg = yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@)')) {
    objcg = yield* rcu_dereference(k, memcg, MEMCG_OBJCG, 'rcu_dereference(@->objcg)');
    if (objcg && obj_cgroup_tryget(k, objcg)) break;
    objcg = 0;
  }
  yield* rcu_read_unlock(k);
  return objcg;
}

/** get_mem_cgroup_from_objcg(): obj_cgroup_memcg() with a css reference, retried until css_tryget() succeeds */
export function* get_mem_cgroup_from_objcg(k: Kernel, objcg: number): Step<number> {
  yield* rcu_read_lock(k);
  let memcg = 0;
  while (!memcg) memcg = css_tryget(k, yield* READ_ONCE(k, objcg, OBJCG_MEMCG, 'obj_cgroup_memcg(@)')); // retry:
  yield* rcu_read_unlock(k);
  return memcg;
}

/** obj_cgroup_put(): the last reference runs obj_cgroup_release(): off objcg_list, kfree_rcu() */
export function* obj_cgroup_put(k: Kernel, objcg: number): Step {
  yield;
  const left = Atomics.sub(k.mem, at(k, objcg, OBJCG_REFS, 'obj_cgroup_put'), 1) - 1;
  if (k.tr !== null) note(k, `obj_cgroup_put(${fmtPtr(objcg)}) -> ${left}`);
  if (left > 0) return;
  yield* spin_lock_global(k, G_OBJCG_LOCK, 'spin_lock_irqsave(&objcg_lock) [obj_cgroup_release]');
  Atomics.store(k.mem, at(k, objcg, OBJCG_LISTED, 'list_del(&objcg->list)'), 0);
  yield* spin_unlock_global(k, G_OBJCG_LOCK, 'spin_unlock_irqrestore(&objcg_lock)');
  yield* kvfree_rcu(k, objcg);
}

/**
 * memcg_reparent_objcgs(): unpublish memcg->objcg, then under objcg_lock point it and every objcg
 * reparented to memcg before (memcg->objcg_list: here, every live objcg whose ->memcg is memcg) at the
 * parent; percpu_ref_kill() drops the initial reference.
 */
export function* memcg_reparent_objcgs(k: Kernel, memcg: number, parent: number): Step {
  const objcg = yield* READ_ONCE(k, memcg, MEMCG_OBJCG, '@->objcg');
  yield* rcu_assign_pointer(k, memcg, MEMCG_OBJCG, 0, 'rcu_replace_pointer(@->objcg, NULL)');
  yield* spin_lock_global(k, G_OBJCG_LOCK, 'spin_lock_irq(&objcg_lock)');
  for (const iter of liveObjects(k, T_OBJCG)) { // list_for_each_entry(iter, &memcg->objcg_list, list)
    const b = base(k, iter);
    if (!k.mem[b + OBJCG_LISTED] || k.mem[b + OBJCG_MEMCG] !== memcg) continue;
    yield* WRITE_ONCE(k, iter, OBJCG_MEMCG, parent, 'WRITE_ONCE(@->memcg, parent)');
  }
  yield* spin_unlock_global(k, G_OBJCG_LOCK, 'spin_unlock_irq(&objcg_lock)');
  if (objcg) yield* obj_cgroup_put(k, objcg); // percpu_ref_kill(&objcg->refcnt)
}
