/**
 * kzalloc/kvzalloc/kfree as steps of the model. Allocation is a scheduling point like any other
 * shared access. (Allocation-failure injection belongs here: not modeled yet, every allocation
 * succeeds.)
 */
import { fmtPtr, kalloc, kfree as arenaFree } from './arena.js';
import { note, type Kernel } from './kernel.js';
import { ARENA_NAMES } from './layout.js';
import type { Step } from '../sync/wait.js';

export function* kzalloc(k: Kernel, type: number): Step<number> {
  yield;
  const p = kalloc(k, type);
  if (k.tr !== null) note(k, `kzalloc(${ARENA_NAMES[type]}) = ${fmtPtr(p)}`);
  return p;
}

/** kvzalloc_node(): the same arena allocation (vmalloc fallback is not modeled). */
export const kvzalloc = kzalloc;

export function* kfree(k: Kernel, p: number, what = 'kfree'): Step {
  yield;
  arenaFree(k, p, what);
  if (k.tr !== null) note(k, `${what}(${fmtPtr(p)})`);
}

export function* kvfree(k: Kernel, p: number): Step {
  yield* kfree(k, p, 'kvfree');
}
