/**
 * Shared accesses, each one a scheduling point: the actor yields first and performs the access when it
 * is resumed, so the access happens at exactly the step the scheduler chose. Every object access goes
 * through the checked accessor `at()` (use-after-free is caught at that step).
 *
 * Memory model: sequentially consistent (JavaScript Atomics). The Linux kernel memory model is weaker:
 * plain stores and non-value-returning atomics (set_bit, clear_bit, atomic_add) may become visible late
 * unless a barrier orders them. The barrier calls below are no-ops here but sit at the kernel's lines, so
 * a weak mode can honour them; each call site says which barrier it pairs with.
 *
 * `what` names the access for traces; '@' in it is replaced by the object's name, only when tracing.
 */
import { at, fmtPtr } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import type { Step } from './wait.js';

function log(k: Kernel, what: string, p: number, v?: number | string): void {
  if (k.tr === null) return;
  const text = what.replace('@', fmtPtr(p));
  note(k, v === undefined ? text : `${text} = ${typeof v === 'number' && (v >>> 28) !== 0 && v > 0 ? fmtPtr(v) : v}`);
}

/** READ_ONCE(p->field) */
export function* READ_ONCE(k: Kernel, p: number, field: number, what: string): Step<number> {
  yield;
  const v = Atomics.load(k.mem, at(k, p, field, what));
  log(k, what, p, v);
  return v;
}

/** WRITE_ONCE(p->field, v) */
export function* WRITE_ONCE(k: Kernel, p: number, field: number, v: number, what: string): Step {
  yield;
  Atomics.store(k.mem, at(k, p, field, what), v);
  log(k, what, p, v);
}

/** rcu_dereference(p->field): a load ordered before the loads that use its result (acquire here). */
export const rcu_dereference = READ_ONCE;

/** rcu_assign_pointer(p->field, v): a release store publishing an initialised object. */
export const rcu_assign_pointer = WRITE_ONCE;

/** A load of a global slot (no object to check): shrinker_nr_max, idr slots, list head. */
export function* read_global(k: Kernel, addr: number, what: string): Step<number> {
  yield;
  const v = Atomics.load(k.mem, addr);
  log(k, what, 0, v);
  return v;
}

export function* write_global(k: Kernel, addr: number, v: number, what: string): Step {
  yield;
  Atomics.store(k.mem, addr, v);
  log(k, what, 0, v);
}

/** atomic_long_xchg(&p->field, v) */
export function* atomic_xchg(k: Kernel, p: number, field: number, v: number, what: string): Step<number> {
  yield;
  const old = Atomics.exchange(k.mem, at(k, p, field, what), v);
  log(k, what, p, old);
  return old;
}

/** atomic_long_add_return(nr, &p->field) */
export function* atomic_add_return(k: Kernel, nr: number, p: number, field: number, what: string): Step<number> {
  yield;
  const v = Atomics.add(k.mem, at(k, p, field, what), nr) + nr;
  log(k, what, p, v);
  return v;
}

/** atomic_long_read(&p->field) */
export const atomic_read = READ_ONCE;

/** set_bit(nr, p->field): atomic, but unordered without smp_mb__before_atomic() in the LKMM. */
export function* set_bit(k: Kernel, nr: number, p: number, field: number, what: string): Step {
  yield;
  Atomics.or(k.mem, at(k, p, field, what), 1 << nr);
  log(k, what, p);
}

/** clear_bit(nr, p->field): atomic, unordered without smp_mb__after_atomic() in the LKMM. */
export function* clear_bit(k: Kernel, nr: number, p: number, field: number, what: string): Step {
  yield;
  Atomics.and(k.mem, at(k, p, field, what), ~(1 << nr));
  log(k, what, p);
}

/** test_bit(nr, p->field) */
export function* test_bit(k: Kernel, nr: number, p: number, field: number, what: string): Step<boolean> {
  yield;
  const v = ((Atomics.load(k.mem, at(k, p, field, what)) >>> nr) & 1) === 1;
  log(k, what, p, String(v));
  return v;
}

/**
 * find_next_bit(p->field, size, offset): for_each_set_bit() is built from it. One load of the map word
 * per call, as the kernel reads the word afresh at every iteration.
 */
export function* find_next_bit(k: Kernel, p: number, field: number, size: number, offset: number, what: string): Step<number> {
  yield;
  const word = Atomics.load(k.mem, at(k, p, field, what));
  let bit = offset;
  while (bit < size && ((word >>> bit) & 1) === 0) bit++;
  log(k, what, p, bit < size ? bit : 'none');
  return bit < size ? bit : size;
}

/** smp_mb(): a full barrier. No-op under sequential consistency. */
export function smp_mb(k: Kernel): void {
  if (k.tr !== null) note(k, 'smp_mb()');
}

/** smp_mb__before_atomic(): orders earlier accesses before the following non-value-returning atomic. */
export function smp_mb__before_atomic(k: Kernel): void {
  if (k.tr !== null) note(k, 'smp_mb__before_atomic()');
}

/** smp_mb__after_atomic(): orders the preceding non-value-returning atomic before later accesses. */
export function smp_mb__after_atomic(k: Kernel): void {
  if (k.tr !== null) note(k, 'smp_mb__after_atomic()');
}
