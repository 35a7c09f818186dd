/**
 * shrinker_idr: id -> shrinker. Writers (idr_alloc, idr_remove) hold shrinker_mutex; readers
 * (idr_find) run under rcu_read_lock(), and the idr publishes with release semantics (radix-tree
 * slots are rcu_assign_pointer'd). Each operation is one step: the radix tree's internal nodes are
 * not modeled; idr_alloc() can fail like an allocation (slab.ts).
 */
import { fmtPtr } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import {  } from '../model/layout.js';
import type { Step } from '../model/wait.js';
import { should_fail_alloc } from './slab.js';

/** idr_alloc(&shrinker_idr, ptr, 0, 0, GFP_KERNEL): the lowest free id, -ENOMEM (injected) or -ENOSPC. */
export function* idr_alloc(k: Kernel, ptr: number): Step<number> {
  yield;
  if (should_fail_alloc(k)) {
    if (k.tr !== null) note(k, `idr_alloc(&shrinker_idr, ${fmtPtr(ptr)}) = -ENOMEM [injected failure]`);
    return -12;
  }
  for (let id = 0; id < k.L.bounds.shrinkers; id++) {
    if (Atomics.load(k.mem, k.L.idr + id) === 0) {
      Atomics.store(k.mem, k.L.idr + id, ptr);
      if (k.tr !== null) note(k, `idr_alloc(&shrinker_idr, ${fmtPtr(ptr)}) = ${id}`);
      return id;
    }
  }
  return -28;
}

export function* idr_find(k: Kernel, id: number): Step<number> {
  yield;
  const p = id >= 0 && id < k.L.bounds.shrinkers ? Atomics.load(k.mem, k.L.idr + id) : 0;
  if (k.tr !== null) note(k, `idr_find(&shrinker_idr, ${id}) = ${fmtPtr(p)}`);
  return p;
}

export function* idr_remove(k: Kernel, id: number): Step {
  yield;
  Atomics.store(k.mem, k.L.idr + id, 0);
  if (k.tr !== null) note(k, `idr_remove(&shrinker_idr, ${id})`);
}
