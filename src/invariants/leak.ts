/**
 * Invariant 4, no leaks (checked at quiescence, after the final grace period: the RCU callback queue is
 * drained): references balance and every live object is reachable.
 *  - a registered shrinker holds only its initial reference (refcount <= 1: a design without refcounts
 *    keeps 0); more is a reference some lookup took and never put;
 *  - a memcg's css references are exactly its live children's and its charged pages' (actors put what they took);
 *  - a conservative reachability scan from the roots (root memcg, the hierarchy, shrinker_idr,
 *    shrinker_list, the owners' shrinkers and list_lrus, the item caches' hash and on-stack lists), following every word that is a valid live
 *    pointer, must reach every live object: a live object nobody points to is leaked memory.
 */
import { css_no_ref } from '../kernel/memcontrol.js';
import { fmtPtr, isLive, ptrIndex, ptrType, base, liveObjects } from '../model/arena.js';
import { actorName, type Kernel } from '../model/kernel.js';
import { ACTOR_DISPOSE, ACTOR_HASH, HASH_SLOTS, actorLine, ARENA_KINDS, ARENA_NAMES, G_MEMCG_LIST, G_NR_MEMCGS, G_OWNERS, G_ROOT_MEMCG, G_SHRINKER_LIST, H_ALLOC_ACTOR, H_ALLOC_STEP, HDR, MEMCG_NR_PAGES, MEMCG_PARENT, MEMCG_REFS, MEMCG_STATE, MS_CREATED, MS_FREEING, MS_OFFLINE, MS_ONLINE, OWNER_LRU, OWNER_SHRINKER, SH_FLAGS, SH_REFCOUNT, SHRINKER_REGISTERED, T_MEMCG, T_SHRINKER } from '../model/layout.js';
import { ownerAddr } from '../actors/owner.js';
import { Violation } from '../model/violation.js';

const field = (k: Kernel, p: number, f: number): number => k.mem[base(k, p) + f];

/** the word of `sh`'s refcount (what SiteLog.ref counts by) */
const refAddr = (k: Kernel, sh: number): number => base(k, sh) + SH_REFCOUNT;

export function checkLeaks(k: Kernel): void {
  for (const sh of liveObjects(k, T_SHRINKER)) {
    const refs = field(k, sh, SH_REFCOUNT);
    if (field(k, sh, SH_FLAGS) & SHRINKER_REGISTERED && refs > 1) {
      throw new Violation('leak', `leak: ${fmtPtr(sh)} is registered with refcount ${refs} at quiescence (only the initial reference should remain): a shrinker_try_get() was never put`,
        { kind: 'shrinker refcount', object: 'shrinker', ...(k.sites?.unbalanced.has(refAddr(k, sh)) && { unbalancedIn: k.sites.unbalanced.get(refAddr(k, sh))! }) });
    }
  }
  const children = new Map<number, number>();
  for (const m of liveObjects(k, T_MEMCG)) {
    const st = field(k, m, MEMCG_STATE);
    const parent = field(k, m, MEMCG_PARENT);
    if (parent && (st === MS_CREATED || st === MS_ONLINE || st === MS_OFFLINE || st === MS_FREEING)) children.set(parent, (children.get(parent) ?? 0) + 1);
  }
  for (const m of liveObjects(k, T_MEMCG)) {
    if (css_no_ref(k, m)) continue; // root's references are not counted (kernel/memcontrol.ts)
    const refs = field(k, m, MEMCG_REFS);
    const pinned = (children.get(m) ?? 0) + field(k, m, MEMCG_NR_PAGES); // its children's, and one per charged page
    if (refs !== pinned) {
      throw new Violation('leak', `leak: ${fmtPtr(m)} holds ${refs} css reference(s) at quiescence, ${pinned} of them its children's and its charged pages': a css_tryget() was never put`, { kind: 'css reference', object: 'mem_cgroup' });
    }
  }
  // conservative reachability
  // seen: one flag per arena slot (a live pointer names its slot's current object)
  const seen = Array.from({ length: ARENA_KINDS }, (_, t) => new Uint8Array(k.L.arenaCap[t]));
  const stack: number[] = [];
  const visit = (p: number): void => {
    if (p !== 0 && isLive(k, p) && seen[ptrType(p)][ptrIndex(p)] === 0) {
      seen[ptrType(p)][ptrIndex(p)] = 1;
      stack.push(p);
    }
  };
  visit(k.mem[G_ROOT_MEMCG]);
  for (let i = 0; i < k.mem[G_NR_MEMCGS]; i++) visit(k.mem[G_MEMCG_LIST + i]);
  for (let id = 0; id < k.L.bounds.shrinkers; id++) visit(k.mem[k.L.idr + id]);
  visit(k.mem[G_SHRINKER_LIST]);
  for (let a = 0; a < k.L.bounds.actors; a++) { // each actor's on-stack dispose list and hash bucket (kernel/item-cache.ts)
    const line = actorLine(k.L, a);
    visit(k.mem[line + ACTOR_DISPOSE]);
    for (let i = 0; i < HASH_SLOTS; i++) visit(k.mem[line + ACTOR_HASH + i]);
  }
  for (let s = 0; s < k.mem[G_OWNERS]; s++) {
    visit(k.mem[ownerAddr(k, s) + OWNER_SHRINKER]);
    visit(k.mem[ownerAddr(k, s) + OWNER_LRU]);
  }
  while (stack.length) {
    const p = stack.pop()!;
    const t = ptrType(p);
    for (let f = HDR; f < k.L.stride[t]; f++) visit(field(k, p, f));
  }
  for (let t = 1; t < ARENA_KINDS; t++) {
    for (const p of liveObjects(k, t)) {
      if (seen[t][ptrIndex(p)] !== 0) continue;
      const b = base(k, p);
      throw new Violation('leak', `leak: ${fmtPtr(p)} (${ARENA_NAMES[t]}, allocated by ${actorName(k, k.mem[b + H_ALLOC_ACTOR])} at step ${k.mem[b + H_ALLOC_STEP]}) is live at quiescence but nothing points to it`,
        { kind: 'unreachable', object: ARENA_NAMES[t], ...(k.sites?.allocated.has(b) && { allocIn: k.sites.allocated.get(b)! }) });
    }
  }
}
