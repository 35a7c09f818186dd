/**
 * Typed arenas over the shared buffer, with KASAN-like checking.
 *
 * A pointer is one Int32: type tag (bits 27-30) | generation (bits 18-26) | slot index + 1 (bits 0-17).
 * 0 is NULL. The generation is the allocation's serial number, stored in the object's header too, so a
 * forged or stale pointer (one whose generation no longer matches its slot) is caught like a freed one.
 *
 * kfree() poisons every field and marks the slot freed; slots are never handed out again within a run
 * (quarantine), so a dereference of freed memory is caught at the exact step, naming who freed it.
 * Every dereference in the model goes through `at()`. A value that is not a pointer into an arena (a
 * poisoned field read as a pointer, say) is reported as a wild pointer.
 */
import { ModelError } from './violation.js';
import { nullDeref, useAfterFree, wildPointer } from './use-after-free.js';
import { ARENA_KINDS, ARENA_NAMES, H_ALLOC_ACTOR, H_ALLOC_STEP, H_FREE_ACTOR, H_FREE_STEP, H_GEN, H_STATE, HDR, POISON, ST_FREED, ST_LIVE } from './layout.js';
import type { Kernel } from './kernel.js';
import { fmtPtr, GEN_MASK, makePtr, NULL, ptrGen, ptrIndex, ptrType } from './ptr.js';

export { fmtPtr, makePtr, NULL, ptrGen, ptrIndex, ptrType };

/** Word address of a slot's first word (no checks: for checkers and reports). */
export function base(k: Kernel, p: number): number {
  const t = ptrType(p);
  return k.L.arenaBase[t] + ptrIndex(p) * k.L.stride[t];
}


/** Every live object of a kind, in allocation order (for checkers and reports: no checks, no steps). */
export function* liveObjects(k: Kernel, type: number): Generator<number> {
  const used = Math.min(k.mem[k.L.arenaNext[type]], k.L.arenaCap[type]);
  for (let i = 0; i < used; i++) {
    const b = k.L.arenaBase[type] + i * k.L.stride[type];
    if (k.mem[b + H_STATE] === ST_LIVE) yield makePtr(type, i, k.mem[b + H_GEN]);
  }
}

/** kzalloc/kvzalloc: a fresh zeroed object, never a recycled one. */
export function kalloc(k: Kernel, type: number): number {
  const cursor = k.L.arenaNext[type];
  const index = Atomics.add(k.mem, cursor, 1);
  if (index >= k.L.arenaCap[type]) throw new ModelError(`arena ${ARENA_NAMES[type]} exhausted (${index} objects)`);
  const gen = ((Atomics.add(k.mem, cursor + 1, 1) + 1) & GEN_MASK) || 1;
  const b = k.L.arenaBase[type] + index * k.L.stride[type];
  k.mem.fill(0, b, b + k.L.stride[type]);
  k.mm.forget(b, b + k.L.stride[type]); // weak memory: the old object's values are no longer readable
  k.mem[b + H_GEN] = gen;
  k.mem[b + H_ALLOC_ACTOR] = k.actor;
  k.mem[b + H_ALLOC_STEP] = k.step;
  Atomics.store(k.mem, b + H_STATE, ST_LIVE);
  k.sites?.allocated.set(b, k.sites.fn(k.actor));
  return makePtr(type, index, gen);
}

/** The checked accessor: the word address of `field` in the live object `p`. */
export function at(k: Kernel, p: number, field: number, what: string): number {
  if (p === NULL) {
    throw nullDeref(k, what);
  }
  const t = ptrType(p);
  const i = ptrIndex(p);
  if (t === 0 || t >= ARENA_KINDS || i < 0 || i >= k.L.arenaCap[t]) throw wildPointer(k, p, what);
  const stride = k.L.stride[t];
  const b = k.L.arenaBase[t] + i * stride;
  if (Atomics.load(k.mem, b + H_STATE) !== ST_LIVE || k.mem[b + H_GEN] !== ptrGen(p)) {
    throw useAfterFree(k, p, b, what, false);
  }
  // a field past the object is a model error (a layout too small), never a write into the next object
  if (field >= stride) throw new ModelError(`${what}: field ${field} is past ${ARENA_NAMES[t]}'s ${stride} words`);
  return b + field;
}

/** kfree/kvfree: poison and quarantine. kfree(NULL) is a no-op, as in the kernel. */
export function kfree(k: Kernel, p: number, what: string): void {
  if (p === NULL) return;
  const t = ptrType(p);
  const i = ptrIndex(p);
  if (t === 0 || t >= ARENA_KINDS || i < 0 || i >= k.L.arenaCap[t]) throw wildPointer(k, p, what);
  const b = k.L.arenaBase[t] + i * k.L.stride[t];
  if (Atomics.compareExchange(k.mem, b + H_STATE, ST_LIVE, ST_FREED) !== ST_LIVE || k.mem[b + H_GEN] !== ptrGen(p)) {
    throw useAfterFree(k, p, b, what, true);
  }
  k.mem[b + H_FREE_ACTOR] = k.actor;
  k.mem[b + H_FREE_STEP] = k.step;
  k.sites?.freed.set(b, k.sites.fn(k.actor));
  k.mem.fill(POISON, b + HDR, b + k.L.stride[t]);
}

/** Whether the word `addr` lies in a live object (false: freed, or in no arena). For signatures. */
export function liveAt(k: Kernel, addr: number): boolean {
  for (let t = 1; t < ARENA_KINDS; t++) {
    const base = k.L.arenaBase[t];
    const i = Math.floor((addr - base) / k.L.stride[t]);
    if (addr >= base && i < k.L.arenaCap[t]) return Atomics.load(k.mem, base + i * k.L.stride[t] + H_STATE) === ST_LIVE;
  }
  return false;
}

export function isLive(k: Kernel, p: number): boolean {
  const t = ptrType(p);
  const i = ptrIndex(p);
  if (p === NULL || t === 0 || t >= ARENA_KINDS || i < 0 || i >= k.L.arenaCap[t]) return false;
  const b = base(k, p);
  return Atomics.load(k.mem, b + H_STATE) === ST_LIVE && k.mem[b + H_GEN] === ptrGen(p);
}
