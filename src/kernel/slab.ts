/**
 * kzalloc/kvzalloc/kfree as steps of the model, with failure injection: during the scheduled run
 * (not at boot), allocation number j fails when bit j of the scenario's failMask is set, so every
 * -ENOMEM path of the design runs. idr_alloc() counts as an allocation too (idr.ts).
 */
import { at, fmtPtr, kalloc, kfree as arenaFree, ptrType } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import { ARENA_NAMES, G_ALLOC_SEQ, G_FAIL_MASK, MLRU_NODE, T_MLRU } from '../model/layout.js';
import type { Step } from '../model/wait.js';

/** Whether this allocation attempt is one the scenario makes fail (advances the allocation counter). */
export function should_fail_alloc(k: Kernel): boolean {
  if (k.actor < 0) return false; // boot never fails
  const mask = Atomics.load(k.mem, G_FAIL_MASK);
  if (mask === 0) return false;
  const seq = Atomics.add(k.mem, G_ALLOC_SEQ, 1);
  const fail = seq < 31 && ((mask >>> seq) & 1) === 1;
  if (fail && k.cov !== null) k.cov.mark(k.actor, 'allocation fails'); // coverage: the -ENOMEM paths
  return fail;
}

/** kzalloc(): a fresh zeroed object, never a recycled one; 0 (NULL) when the scenario fails it. */
export function* kzalloc(k: Kernel, type: number): Step<number> {
  yield;
  if (should_fail_alloc(k)) {
    if (k.tr !== null) note(k, `kzalloc(${ARENA_NAMES[type]}) = NULL [injected failure]`);
    return 0;
  }
  const p = kalloc(k, type);
  if (k.tr !== null) note(k, `kzalloc(${ARENA_NAMES[type]}) = ${fmtPtr(p)}`);
  return p;
}

/** kvzalloc_node(): the same arena allocation (vmalloc fallback is not modeled). */
export const kvzalloc = kzalloc;

/**
 * kfree() is no memory barrier (LKMM). The freeing CPU's own stores into the object are ordered before
 * its reuse by the allocator's own synchronisation, so they land before it is poisoned here (weak memory:
 * the actor waits for them alone); its stores to other objects may stay buffered past the free. Another
 * actor's store into the object still buffered at the free lands on freed memory: a use-after-free.
 */
export function* kfree(k: Kernel, p: number, what = 'kfree'): Step {
  for (let w = k.mm.drainedTo(k.actor, p); w !== null; w = k.mm.drainedTo(k.actor, p)) yield w;
  yield;
  // a list_lru_memcg's node[] is embedded (kernel/list-lru-memcg.ts): its lists go with it
  const parts = ptrType(p) === T_MLRU ? Array.from({ length: k.nodes }, (_, nid) => k.mem[at(k, p, MLRU_NODE + nid, what)]) : [];
  arenaFree(k, p, what);
  for (const l of parts) arenaFree(k, l, what);
  if (k.tr !== null) note(k, `${what}(${fmtPtr(p)})`);
}

export function* kvfree(k: Kernel, p: number): Step {
  yield* kfree(k, p, 'kvfree');
}
