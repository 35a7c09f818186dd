/**
 * struct mem_cgroup, the parts the shrinker touches: the root, online state, nodeinfo's shrinker_info
 * pointer, and mem_cgroup_iter() over the hierarchy (pre-order: root first, as css_next_descendant_pre).
 * Memcgs are created by the scenario's setup and stay online for the whole run (lifecycle, offline and
 * reparenting are not modeled yet).
 */
import { at } from './arena.js';
import type { Kernel } from './kernel.js';
import { G_MEMCG_LIST, G_NR_MEMCGS, G_ROOT_MEMCG, MEMCG_ID, MEMCG_ONLINE, MEMCG_SHRINKER_INFO } from './layout.js';
import { READ_ONCE, read_global } from '../sync/access.js';
import type { Step } from '../sync/wait.js';

/** root_mem_cgroup is written once at boot: reading it is not a race point. */
export function root_mem_cgroup(k: Kernel): number {
  return Atomics.load(k.mem, G_ROOT_MEMCG);
}

export function mem_cgroup_is_root(k: Kernel, memcg: number): boolean {
  return memcg === root_mem_cgroup(k);
}

export function* mem_cgroup_online(k: Kernel, memcg: number): Step<boolean> {
  return (yield* READ_ONCE(k, memcg, MEMCG_ONLINE, 'mem_cgroup_online(@)')) !== 0;
}

/** mem_cgroup_iter(NULL, prev, NULL): the memcg after `prev` (0 starts the walk), or 0 at the end. */
export function* mem_cgroup_iter(k: Kernel, prev: number): Step<number> {
  const next = prev === 0 ? 0 : Atomics.load(k.mem, at(k, prev, MEMCG_ID, 'mem_cgroup_iter')) + 1;
  if (next >= Atomics.load(k.mem, G_NR_MEMCGS)) return 0;
  return yield* read_global(k, G_MEMCG_LIST + next, 'mem_cgroup_iter()');
}

/** Field index of memcg->nodeinfo[nid]->shrinker_info. */
export const nodeinfo_shrinker_info = (nid: number): number => MEMCG_SHRINKER_INFO + nid;

/** The memcg at position `i` of the hierarchy (0 is root): for actors and checkers, not a race point. */
export function memcg_at(k: Kernel, i: number): number {
  return Atomics.load(k.mem, G_MEMCG_LIST + i);
}

export function memcg_index(k: Kernel, memcg: number): number {
  return Atomics.load(k.mem, at(k, memcg, MEMCG_ID, 'memcg id'));
}
