/**
 * struct mem_cgroup, the parts the shrinker touches: the hierarchy (boot memcgs form a chain below
 * root, so reparenting can move items into a memcg that has a bitmap), online state, nodeinfo's
 * shrinker_info pointer, css references, and mem_cgroup_iter() (pre-order, as css_next_descendant_pre:
 * the list order), which takes a reference on each memcg it returns (css_tryget) and drops the
 * previous one, skipping memcgs being freed. Lifecycle (create/offline/free) is actors/lifecycle.ts.
 */
import { at } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import { G_KMEM_ONLINE, G_MEMCG_LIST, G_NR_MEMCGS, G_ROOT_MEMCG, MEMCG_ID, MEMCG_NR_PAGES, MEMCG_ONLINE, MEMCG_REFS, MEMCG_SHRINKER_INFO, MEMCG_STATE, MS_FREEING, MS_OFFLINE, MS_ONLINE } from '../model/layout.js';
import { fmtPtr } from '../model/arena.js';
import { READ_ONCE } from '../sync/access.js';
import type { Step } from '../model/wait.js';
import { rcu_read_lock, rcu_read_unlock } from '../sync/rcu.js';

/** root_mem_cgroup is written once at boot: reading it is not a race point. */
export function root_mem_cgroup(k: Kernel): number {
  return Atomics.load(k.mem, G_ROOT_MEMCG);
}

export function mem_cgroup_is_root(k: Kernel, memcg: number): boolean {
  return memcg === root_mem_cgroup(k);
}

/** memcg_kmem_online(): false under cgroup.memory=nokmem; fixed at boot, so not a race point. */
export const memcg_kmem_online = (k: Kernel): boolean => Atomics.load(k.mem, G_KMEM_ONLINE) !== 0;

export function* mem_cgroup_online(k: Kernel, memcg: number): Step<boolean> {
  return (yield* READ_ONCE(k, memcg, MEMCG_ONLINE, 'mem_cgroup_online(@)')) !== 0;
}

/**
 * css_is_dying(&memcg->css): kill_css() set CSS_DYING (the model's offline transition, and a failed
 * online). A cgroup flag, written under cgroup_mutex before anything it orders: not a race point.
 */
export function css_is_dying(k: Kernel, memcg: number): boolean {
  return Atomics.load(k.mem, at(k, memcg, MEMCG_STATE, 'css_is_dying(&memcg->css)')) >= MS_OFFLINE;
}

/**
 * The root memcg's css is CSS_NO_REF (kernel/cgroup/cgroup.c cgroup_init_subsys / css_create: the root
 * css of every subsystem): css_get(), css_tryget() and css_put() do not touch its refcount
 * (include/linux/cgroup.h: `if (!(css->flags & CSS_NO_REF))`), and it is never freed, so a "leaked"
 * reference on root is not something the kernel can have.
 */
export function css_no_ref(k: Kernel, memcg: number): boolean {
  return memcg === root_mem_cgroup(k);
}

/** css_get(): a reference the caller already may take (a child on its parent); none on root. */
export function css_get(k: Kernel, memcg: number): void {
  if (!css_no_ref(k, memcg)) Atomics.add(k.mem, at(k, memcg, MEMCG_REFS, 'css_get'), 1);
}

/**
 * css_tryget() on the memcg at hierarchy position i, under rcu_read_lock() (memcgs are freed after a
 * grace period): 0 when it is gone or being freed. `online`: css_tryget_online(), 0 unless online.
 * Root always succeeds and takes nothing (CSS_NO_REF).
 */
export function* css_tryget_at(k: Kernel, i: number, online = false): Step<number> {
  yield* rcu_read_lock(k);
  yield;
  const memcg = css_tryget(k, Atomics.load(k.mem, G_MEMCG_LIST + i), online);
  yield* rcu_read_unlock(k);
  return memcg;
}

/** css_tryget(&memcg->css) (`online`: css_tryget_online()) under the caller's rcu_read_lock(): memcg, or 0 */
export function css_tryget(k: Kernel, memcg: number, online = false): number {
  if (memcg !== 0 && css_no_ref(k, memcg)) {
    if (k.tr !== null) note(k, `css_tryget(${fmtPtr(memcg)}) (root: CSS_NO_REF)`);
  } else if (memcg !== 0) {
    const refs = at(k, memcg, MEMCG_REFS, 'css_tryget');
    Atomics.add(k.mem, refs, 1);
    const st = Atomics.load(k.mem, at(k, memcg, MEMCG_STATE, 'css_tryget'));
    if (st === MS_FREEING || (online && st !== MS_ONLINE)) {
      Atomics.sub(k.mem, refs, 1);
      return 0;
    }
    if (k.tr !== null) note(k, `css_tryget(${fmtPtr(memcg)})`);
  }
  return memcg;
}

export function* css_put(k: Kernel, memcg: number): Step {
  yield;
  if (!css_no_ref(k, memcg)) Atomics.sub(k.mem, at(k, memcg, MEMCG_REFS, 'css_put'), 1);
  if (k.tr !== null) note(k, `css_put(${fmtPtr(memcg)})`);
}

/** mem_cgroup_iter(NULL, prev, NULL): the next memcg with a reference taken (0 at the end); drops prev's. */
export function* mem_cgroup_iter(k: Kernel, prev: number): Step<number> {
  let i = prev === 0 ? 0 : Atomics.load(k.mem, at(k, prev, MEMCG_ID, 'mem_cgroup_iter')) + 1;
  if (prev !== 0) yield* css_put(k, prev);
  for (const n = Atomics.load(k.mem, G_NR_MEMCGS); i < n; i++) {
    const memcg = yield* css_tryget_at(k, i);
    if (memcg !== 0) return memcg;
  }
  return 0;
}

/** mem_cgroup_iter_break(NULL, memcg): drop the reference of an interrupted walk. */
export function* mem_cgroup_iter_break(k: Kernel, memcg: number): Step {
  if (memcg !== 0) yield* css_put(k, memcg);
}

/** Field index of memcg->nodeinfo[nid]->shrinker_info. */
export const nodeinfo_shrinker_info = (nid: number): number => MEMCG_SHRINKER_INFO + nid;

/** The memcg at position `i` of the hierarchy (0 is root), or 0: for checkers, not a race point. */
export function memcg_at(k: Kernel, i: number): number {
  return Atomics.load(k.mem, G_MEMCG_LIST + i);
}

export function memcg_index(k: Kernel, memcg: number): number {
  return Atomics.load(k.mem, at(k, memcg, MEMCG_ID, 'memcg id'));
}

/** charge_memcg() of a page-charged folio (the caller holds the memcg): a css reference and a page of memcg->memory, until it is uncharged. */
export function mem_cgroup_charge(k: Kernel, memcg: number): void {
  css_get(k, memcg);
  Atomics.add(k.mem, at(k, memcg, MEMCG_NR_PAGES, 'page_counter_charge(&memcg->memory)'), 1);
}

/** mem_cgroup_uncharge() of a freed folio: its page and its css reference go. */
export function* mem_cgroup_uncharge(k: Kernel, memcg: number): Step {
  Atomics.sub(k.mem, at(k, memcg, MEMCG_NR_PAGES, 'page_counter_uncharge(&memcg->memory)'), 1);
  yield* css_put(k, memcg);
}
