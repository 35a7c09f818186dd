/**
 * Invariant 2, no use after free (checked online, at the step of the access): every dereference goes
 * through the checked accessor `at()` (model/arena.ts), which calls here when the object is not live.
 * Freed objects are poisoned and quarantined for the whole run, so the report names who freed the
 * object and when, like KASAN. A NULL dereference is reported as its own invariant (an oops).
 */
import { fmtPtr, ptrType } from './ptr.js';
import { normalizeLabel } from './sites.js';
import { actorName, type Kernel } from './kernel.js';
import { ARENA_NAMES, H_ALLOC_ACTOR, H_ALLOC_STEP, H_FREE_ACTOR, H_FREE_STEP } from './layout.js';
import { Violation } from './violation.js';

export function nullDeref(k: Kernel, what: string): Violation {
  return new Violation('null-deref', `NULL pointer dereference: ${actorName(k, k.actor)} at step ${k.step} read ${what}`, { access: normalizeLabel(what) });
}

/** `b` is the object's first word. `freeing` tells a double free from a use. */
export function useAfterFree(k: Kernel, p: number, b: number, what: string, freeing: boolean): Violation {
  const by = `freed by ${actorName(k, k.mem[b + H_FREE_ACTOR])} at step ${k.mem[b + H_FREE_STEP]}` +
    `, allocated by ${actorName(k, k.mem[b + H_ALLOC_ACTOR])} at step ${k.mem[b + H_ALLOC_STEP]}`;
  const act = freeing ? `freed ${fmtPtr(p)} (${what}) again` : `touched ${fmtPtr(p)} (${what})`;
  const facts: Record<string, string> = { access: normalizeLabel(what), object: ARENA_NAMES[ptrType(p)] ?? '?' };
  if (freeing) facts.kind = 'double free';
  const freedIn = k.sites?.freed.get(b);
  if (freedIn !== undefined) facts.freedIn = freedIn;
  return new Violation('use-after-free', `${freeing ? 'double free' : 'use-after-free'}: ${actorName(k, k.actor)} at step ${k.step} ${act}; ${by}`, facts);
}

/** A value used as a pointer that points into no arena (a poisoned or garbage field). */
export function wildPointer(k: Kernel, p: number, what: string): Violation {
  return new Violation('use-after-free', `wild pointer: ${actorName(k, k.actor)} at step ${k.step} used 0x${(p >>> 0).toString(16)} as a pointer (${what}): a read of freed or uninitialised memory`, { access: normalizeLabel(what), kind: 'wild pointer' });
}
