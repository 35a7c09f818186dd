/**
 * Shared accesses, each one a scheduling point: the actor yields first and performs the access when it
 * is resumed, so the access happens at exactly the step the scheduler chose. Every object access goes
 * through the checked accessor `at()` (use-after-free is caught at that step) and through the memory
 * model `k.mm` (src/memory): sequentially consistent by default; under `--memory weak`, stores and
 * non-value-returning atomics sit in the actor's store buffer until the scheduler makes them visible,
 * and the barriers below constrain them as the Linux kernel memory model says. Each barrier's call
 * site in the model says which barrier it pairs with.
 *
 * `what` names the access for traces; '@' in it is replaced by the object's name, only when tracing.
 * With coverage on (`k.cov`, engine/coverage.ts) each access also reports its label and word.
 */
import { at, fmtPtr, ptrType } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import type { StoreTarget } from '../model/memory-model.js';
import type { Step } from '../model/wait.js';

function log(k: Kernel, what: string, p: number, v?: number | string): void {
  if (k.tr === null) return;
  const text = what.replace('@', fmtPtr(p));
  note(k, v === undefined ? text : `${text} = ${typeof v === 'number' && v > 0 && ptrType(v) !== 0 ? fmtPtr(v) : v}`);
}

const target = (k: Kernel, addr: number, p: number, field: number, what: string): StoreTarget =>
  ({ addr, ptr: p, field, what: k.tr === null ? what : what.replace('@', fmtPtr(p)) });

/** Wait until the actor may buffer another store (weak memory only). */
function* room(k: Kernel): Step {
  for (let w = k.mm.room(k.actor); w !== null; w = k.mm.room(k.actor)) yield w;
}

/** A full barrier: wait until every older store of the actor is visible (weak memory only). */
export function* full_barrier(k: Kernel): Step {
  for (let w = k.mm.drained(k.actor); w !== null; w = k.mm.drained(k.actor)) yield w;
  k.mm.order(k.actor, 'full'); // and later loads see every visible store (memory/views.ts)
}

/** READ_ONCE(p->field) */
export function* READ_ONCE(k: Kernel, p: number, field: number, what: string): Step<number> {
  yield;
  const addr = at(k, p, field, what);
  const v = k.mm.load(k.actor, addr, p);
  if (k.cov !== null) k.cov.read(k.actor, addr, what);
  log(k, what, p, v);
  return v;
}

/** WRITE_ONCE(p->field, v): a plain store, which may become visible late. */
export function* WRITE_ONCE(k: Kernel, p: number, field: number, v: number, what: string): Step {
  yield* room(k);
  yield;
  const t = target(k, at(k, p, field, what), p, field, what);
  k.mm.store(k.actor, t, v);
  if (k.cov !== null) k.cov.write(k.actor, t.addr, what);
  log(k, what, p, v);
}

/**
 * rcu_dereference(p->field): READ_ONCE; the loads through the pointer it returns carry an address
 * dependency on it (memory/views.ts tracks it by the pointer's value).
 */
export const rcu_dereference = READ_ONCE;

/** smp_load_acquire(p->field): a load, then later loads see every visible store (stronger than the LKMM). */
export function* smp_load_acquire(k: Kernel, p: number, field: number, what: string): Step<number> {
  const v = yield* READ_ONCE(k, p, field, what);
  k.mm.order(k.actor, 'acquire');
  return v;
}

/** rcu_assign_pointer(p->field, v) / smp_store_release(): visible only after every older store. */
export function* rcu_assign_pointer(k: Kernel, p: number, field: number, v: number, what: string): Step {
  yield* room(k);
  yield;
  const t = target(k, at(k, p, field, what), p, field, what);
  k.mm.storeRelease(k.actor, t, v);
  if (k.cov !== null) k.cov.write(k.actor, t.addr, what);
  log(k, what, p, v);
}
export const smp_store_release = rcu_assign_pointer;

/** A load of a global slot (no object to check): shrinker_nr_max, the list head. */
export function* read_global(k: Kernel, addr: number, what: string): Step<number> {
  yield;
  const v = k.mm.load(k.actor, addr);
  if (k.cov !== null) k.cov.read(k.actor, addr, what);
  log(k, what, 0, v);
  return v;
}

export function* write_global(k: Kernel, addr: number, v: number, what: string): Step {
  yield* room(k);
  yield;
  k.mm.store(k.actor, { addr, ptr: 0, field: 0, what }, v);
  if (k.cov !== null) k.cov.write(k.actor, addr, what);
  log(k, what, 0, v);
}

/** rcu_assign_pointer(global, v): a release store to a global slot (shrinker_list.next). */
export function* rcu_assign_global(k: Kernel, addr: number, v: number, what: string): Step {
  yield* room(k);
  yield;
  k.mm.storeRelease(k.actor, { addr, ptr: 0, field: 0, what }, v);
  if (k.cov !== null) k.cov.write(k.actor, addr, what);
  log(k, what, 0, v);
}

/** atomic_long_xchg(&p->field, v): value-returning, fully ordered. */
export function* atomic_xchg(k: Kernel, p: number, field: number, v: number, what: string): Step<number> {
  yield* full_barrier(k);
  yield;
  const addr = at(k, p, field, what);
  const old = Atomics.exchange(k.mem, addr, v);
  if (k.cov !== null) {
    k.cov.read(k.actor, addr, what);
    k.cov.write(k.actor, addr, what);
  }
  log(k, what, p, old);
  return old;
}

/** atomic_long_add_return(nr, &p->field): value-returning, fully ordered. */
export function* atomic_add_return(k: Kernel, nr: number, p: number, field: number, what: string): Step<number> {
  yield* full_barrier(k);
  yield;
  const addr = at(k, p, field, what);
  const v = Atomics.add(k.mem, addr, nr) + nr;
  if (k.cov !== null) {
    k.cov.read(k.actor, addr, what);
    k.cov.write(k.actor, addr, what);
  }
  log(k, what, p, v);
  return v;
}

/** atomic_long_read(&p->field) */
export const atomic_read = READ_ONCE;

/** set_bit(nr, p->field): atomic, but unordered without smp_mb__before_atomic() in the LKMM. */
export function* set_bit(k: Kernel, nr: number, p: number, field: number, what: string): Step {
  yield* room(k);
  yield;
  const t = target(k, at(k, p, field, what), p, field, what);
  k.mm.rmw(k.actor, t, 'or', 1 << nr);
  if (k.cov !== null) k.cov.write(k.actor, t.addr, what);
  log(k, what, p);
}

/** clear_bit(nr, p->field): atomic, unordered without smp_mb__after_atomic() in the LKMM. */
export function* clear_bit(k: Kernel, nr: number, p: number, field: number, what: string): Step {
  yield* room(k);
  yield;
  const t = target(k, at(k, p, field, what), p, field, what);
  k.mm.rmw(k.actor, t, 'and', ~(1 << nr));
  if (k.cov !== null) k.cov.write(k.actor, t.addr, what);
  log(k, what, p);
}

/** test_bit(nr, p->field) */
export function* test_bit(k: Kernel, nr: number, p: number, field: number, what: string): Step<boolean> {
  yield;
  const addr = at(k, p, field, what);
  const v = ((k.mm.load(k.actor, addr, p) >>> nr) & 1) === 1;
  if (k.cov !== null) k.cov.read(k.actor, addr, what);
  log(k, what, p, String(v));
  return v;
}

/**
 * find_next_bit(p->field, size, offset): for_each_set_bit() is built from it. One load of the map word
 * per call, as the kernel reads the word afresh at every iteration.
 */
export function* find_next_bit(k: Kernel, p: number, field: number, size: number, offset: number, what: string): Step<number> {
  yield;
  const addr = at(k, p, field, what);
  const word = k.mm.load(k.actor, addr, p);
  if (k.cov !== null) k.cov.read(k.actor, addr, what);
  let bit = offset;
  while (bit < size && ((word >>> bit) & 1) === 0) bit++;
  log(k, what, p, bit < size ? bit : 'none');
  return bit < size ? bit : size;
}

/** smp_mb(): a full barrier. */
export function* smp_mb(k: Kernel): Step {
  yield* full_barrier(k);
  if (k.tr !== null) note(k, 'smp_mb()');
}

/** smp_mb__before_atomic(): orders earlier accesses before the following non-value-returning atomic. */
export function* smp_mb__before_atomic(k: Kernel): Step {
  yield* full_barrier(k);
  if (k.tr !== null) note(k, 'smp_mb__before_atomic()');
}

/** smp_mb__after_atomic(): orders the preceding non-value-returning atomic before later accesses. */
export function* smp_mb__after_atomic(k: Kernel): Step {
  yield* full_barrier(k);
  if (k.tr !== null) note(k, 'smp_mb__after_atomic()');
}

/** smp_wmb(): older stores become visible before younger ones. */
export function smp_wmb(k: Kernel): void {
  k.mm.wmb(k.actor);
  if (k.tr !== null) note(k, 'smp_wmb()');
}

/** smp_rmb(): later loads see at least what the actor's earlier loads saw (memory/views.ts). */
export function smp_rmb(k: Kernel): void {
  k.mm.order(k.actor, 'rmb');
  if (k.tr !== null) note(k, 'smp_rmb()');
}
