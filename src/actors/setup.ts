/**
 * Boot: the state before the scheduled run. Creates root and the scenario's memcgs (online, with their
 * shrinker_info from alloc_shrinker_info()), then allocates and registers the scenario's initial
 * shrinkers through the same model functions the actors use, one after the other.
 */
import { at, kalloc } from '../model/arena.js';
import type { Kernel } from '../model/kernel.js';
import { G_FAIL_MASK, G_KMEM_ONLINE, G_MEMCG_LIST, G_NR_ACTORS, G_NR_MEMCGS, G_RCU_GP, G_ROOT_MEMCG, MEMCG_ID, MEMCG_ONLINE, MEMCG_PARENT, MEMCG_STATE, MS_ONLINE, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, SHRINKER_NUMA_AWARE, T_MEMCG } from '../model/layout.js';
import { actorsOf, type Scenario } from '../model/scenario.js';
import { ModelError } from '../model/violation.js';
import type { Step } from '../model/wait.js';
import { loopGuard } from '../sync/loop-guard.js';
import { owner_create } from './owner.js';
import { css_get } from '../kernel/memcontrol.js';
import { memcg_online_kmem } from '../kernel/objcg.js';

/** Drive a model function to its end with nobody else running (boot is single-threaded). */
export function runAlone<T>(g: Step<T>): T {
  for (;;) {
    loopGuard.n = 0;
    const r = g.next();
    if (r.done) return r.value;
    if (r.value !== undefined && !r.value.ready()) throw new ModelError(`setup blocked: ${r.value.what}`);
  }
}

/**
 * Boot memcgs form a chain below root (memcg i's parent is memcg i-1), so a memcg going offline
 * reparents into a memcg that has a shrinker bitmap of its own (root needs no bits).
 */
export function setup(k: Kernel, s: Scenario, o: { shrinkersFirst?: boolean } = {}): void {
  const m = k.mem;
  m[G_RCU_GP] = 1; // reader slots hold the counter they saw: 0 must mean "outside a section"
  m[G_KMEM_ONLINE] = s.nokmem ? 0 : 1;
  // shrinkersFirst (the bench's 2000 x 2000): register them with root alone, so every memcg is made
  // with its full-size shrinker_info instead of each registration expanding all of them (garbage the
  // arena, which never reuses a slot, would have to hold)
  if (o.shrinkersFirst) {
    boot_memcgs(k, 0, 0);
    boot_shrinkers(k, s);
    boot_memcgs(k, 1, s.memcgs);
  } else {
    boot_memcgs(k, 0, s.memcgs);
    boot_shrinkers(k, s);
  }
  m[G_NR_ACTORS] = actorsOf(s).length;
  m[G_FAIL_MASK] = s.failMask; // allocation failures apply to the scheduled run only
}

/** memcgs from..to (0 is root), each the child of the one before */
export function boot_memcgs(k: Kernel, from: number, to: number): void {
  const m = k.mem;
  let parent = from === 0 ? 0 : m[G_MEMCG_LIST + from - 1];
  for (let i = from; i <= to; i++) {
    const memcg = kalloc(k, T_MEMCG);
    if (i === 0) m[G_ROOT_MEMCG] = memcg;
    m[G_MEMCG_LIST + i] = memcg;
    m[G_NR_MEMCGS] = i + 1;
    m[at(k, memcg, MEMCG_ID, 'boot')] = i;
    m[at(k, memcg, MEMCG_ONLINE, 'boot')] = 1;
    m[at(k, memcg, MEMCG_STATE, 'boot')] = MS_ONLINE;
    m[at(k, memcg, MEMCG_PARENT, 'boot')] = parent;
    if (parent) css_get(k, parent); // a child holds its parent (none on root: CSS_NO_REF)
    if (runAlone(memcg_online_kmem(k, memcg)) !== 0) throw new ModelError('memcg_online_kmem failed at boot');
    if (runAlone(k.fn.alloc_shrinker_info(k, memcg)) !== 0) throw new ModelError('alloc_shrinker_info failed at boot');
    parent = memcg;
  }
}

/** the scenario's boot shrinkers, each with its owner (owner_create) */
export function boot_shrinkers(k: Kernel, s: Scenario): void {
  for (let i = 0; i < s.shrinkers; i++) {
    const bit = (mask: number): boolean => ((mask >> i) & 1) === 1;
    const flags = (bit(s.globalMask) ? 0 : SHRINKER_MEMCG_AWARE) | (bit(s.numaMask) ? SHRINKER_NUMA_AWARE : 0) | (bit(s.nonslabMask) ? SHRINKER_NONSLAB : 0);
    if (runAlone(owner_create(k, flags)) < 0) throw new ModelError('shrinker_alloc failed at boot');
  }
}
