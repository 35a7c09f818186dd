/**
 * The memory model every modeled kernel access goes through (`k.mm`). Two implementations:
 *  - `sc` (default): sequential consistency, JavaScript Atomics straight on the shared buffer. Used by
 *    both engines; barriers are no-ops.
 *  - `weak` (weak.ts): per-actor store buffers in the deterministic engine, after the Linux kernel
 *    memory model (tools/memory-model); see weak.ts for exactly what is and is not modeled.
 *
 * Operation classes (what each kernel primitive is, in LKMM terms):
 *  store       WRITE_ONCE, plain stores: may become visible late (weak)
 *  rmw         set_bit, clear_bit: non-value-returning atomics, unordered: may become visible late
 *  release     rcu_assign_pointer, smp_store_release, spin/mutex unlock: visible after every older store
 *  load        READ_ONCE, rcu_dereference, test_bit, atomic_read: reads memory, or the actor's own
 *              buffered stores to the same word; under weak memory possibly an older visible value
 *              (memory/views.ts), as barriers, dependencies, RCU and coherence allow
 *  (object)    kfree: the actor's own stores into the freed object are visible first, no others
 *  full        smp_mb, smp_mb__before/after_atomic, value-returning atomics (refcount_inc_not_zero
 *              excepted: relaxed), call_rcu, synchronize_rcu, lock release: every older store of the
 *              actor is visible first
 *  acquire     lock acquire (spin_lock, mutex_lock, down_read/down_write), smp_load_acquire: no wait
 *              for older stores; later loads see every visible store (`order`)
 *  rmb         smp_rmb: later loads see at least what earlier loads saw (`order`)
 *  (rcu)       rcu_read_lock: later loads see what was visible when the latest grace period started;
 *              rcu_read_unlock: none; a grace period waits for the stores of the sections it overlaps
 *  wmb         smp_wmb: older stores become visible before younger ones
 */
import type { Wait } from './wait.js';

export type MemoryMode = 'sc' | 'weak';
export const MEMORY_MODES: readonly MemoryMode[] = ['sc', 'weak'];

export type RmwOp = 'or' | 'and';

/** What a barrier orders before the actor's later loads (memory/views.ts). */
export type OrderKind = 'full' | 'acquire' | 'rmb' | 'rcu';

/** Where a buffered store goes: the object pointer and field (0 for a global slot), for checks and traces. */
export interface StoreTarget {
  addr: number;
  ptr: number;
  field: number;
  what: string;
}

export interface MemoryModel {
  readonly mode: MemoryMode;
  /** `ptr`: the object read (0 for a global slot), for the weak model's uninitialised-read check */
  load(actor: number, addr: number, ptr?: number): number;
  store(actor: number, t: StoreTarget, v: number): void;
  rmw(actor: number, t: StoreTarget, op: RmwOp, x: number): void;
  /** a release store: ordered after every older store of the actor (the caller waited for `drained`) */
  storeRelease(actor: number, t: StoreTarget, v: number): void;
  wmb(actor: number): void;
  /** null when the actor's older stores are all visible; else a Wait that is ready once they are */
  drained(actor: number): Wait | null;
  /** null when none of the actor's buffered stores goes into object `ptr`; else a Wait (kfree) */
  drainedTo(actor: number, ptr: number): Wait | null;
  /** null when the actor may buffer one more store; else a Wait */
  room(actor: number): Wait | null;
  /** the buffered stores that may become visible now, as [actor, entry] pairs (ids for the scheduler) */
  flushable(out: number[]): void;
  /** make one buffered store visible (an id from `flushable`) */
  flush(id: number): void;
  /** stores still buffered, over every actor */
  pending(): number;
  /** whether a store issued inside an RCU read-side section entered before grace period g is still buffered */
  sectionStoresBefore(g: number): boolean;
  /**
   * Told when an actor takes (`acquire`) or releases a lock word at `addr` (sync/mutex.ts), after the
   * fact; neither model needs it (the lock code waits for `drained` itself): an observer wrapping the
   * model does (engine/access-log.ts, for litmus export).
   */
  lock?(actor: number, addr: number, acquire: boolean): void;
  /** a barrier's effect on the actor's later loads (weak memory's load views, memory/views.ts) */
  order(actor: number, kind: OrderKind): void;
  /** the actor read `addr`'s latest value by a direct atomic (refcount_inc_not_zero): coherence */
  observe(actor: number, addr: number): void;
  /** a grace period starts (rcu_read_lock() after it sees what was visible then) */
  gracePeriodStart(): void;
  /** words [from, to) were reinitialised directly (an allocation): their older values are gone */
  forget(from: number, to: number): void;
  /** object `ptr`'s words are global variables (a litmus test's): loads through it carry no dependency */
  global(ptr: number): void;
}

export const sc = (mem: Int32Array): MemoryModel => ({
  mode: 'sc',
  load: (_a, addr) => Atomics.load(mem, addr),
  store: (_a, t, v) => void Atomics.store(mem, t.addr, v),
  rmw: (_a, t, op, x) => void (op === 'or' ? Atomics.or(mem, t.addr, x) : Atomics.and(mem, t.addr, x)),
  storeRelease: (_a, t, v) => void Atomics.store(mem, t.addr, v),
  wmb: () => {},
  drained: () => null,
  drainedTo: () => null,
  room: () => null,
  flushable: () => {},
  flush: () => {},
  pending: () => 0,
  sectionStoresBefore: () => false,
  order: () => {},
  observe: () => {},
  gracePeriodStart: () => {},
  forget: () => {},
  global: () => {},
});
