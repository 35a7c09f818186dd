/**
 * RCU, emulated with grace-period counters (DESIGN.md):
 *  - G_RCU_GP is a global counter, starting at 1;
 *  - each actor has a reader slot: 0 outside a read-side critical section, else the counter value it
 *    saw at its outermost rcu_read_lock();
 *  - a grace period g starts by incrementing the counter to g; it has elapsed when every slot is 0 or
 *    >= g, i.e. every reader that could hold a reference from before g has left its section.
 * synchronize_rcu() blocks its actor until its grace period elapses. call_rcu()/kvfree_rcu() queue a
 * callback with its grace period; the RCU callback runner (actors/rcu-runner.ts), an actor of its own,
 * runs them in order, so when a callback runs is part of the interleaving.
 *
 * Since the RCU flavours were consolidated (v4.20, "rcu: Consolidate RCU-sched update-side function
 * definitions"), a region with preemption disabled (every spinlock held) is a read-side critical section
 * for synchronize_rcu() and call_rcu() too: spin_lock()/spin_unlock() enter and leave one
 * (rcu_enter_atomic/rcu_exit_atomic, counted apart from rcu_read_lock() nesting so lockdep's balance
 * check of rcu_read_unlock() stays exact). The slot's grace-period word is set when the actor enters its
 * outermost section of either kind and cleared when it leaves the last.
 *
 * Not modeled: expedited grace periods, SRCU, callback batching across CPUs (the queue is FIFO, which
 * RCU's per-CPU segmented lists also are for callbacks queued by one CPU).
 */
import { CB_FN, CB_GP, CB_PTR, CB_WORDS, G_CBQ_HEAD, G_CBQ_TAIL, G_RCU_GP, actorLine, RCU_SLOT_ATOMIC, RCU_SLOT_DEPTH, RCU_SLOT_GP } from '../model/layout.js';
import { fmtPtr } from '../model/arena.js';
import { actorName, note, type Kernel } from '../model/kernel.js';
import { ModelError, Violation } from '../model/violation.js';
import type { Step } from '../model/wait.js';
import { full_barrier } from './access.js';

/** callback ids stored in the queue */
export const CB_KVFREE = 1; // kvfree_rcu(ptr, rcu)
export const CB_SHRINKER_FREE = 2; // shrinker_free_rcu_cb
export const CB_NAMES = ['', 'kvfree', 'shrinker_free_rcu_cb'];

const slot = (k: Kernel, actor: number): number => actorLine(k.L, actor);

export function* rcu_read_lock(k: Kernel): Step {
  yield;
  const s = slot(k, k.actor);
  if (k.mem[s + RCU_SLOT_DEPTH]++ === 0 && k.mem[s + RCU_SLOT_ATOMIC] === 0) Atomics.store(k.mem, s + RCU_SLOT_GP, Atomics.load(k.mem, G_RCU_GP));
  k.mm.order(k.actor, 'rcu'); // the section sees what preceded the latest grace period's start (memory/views.ts)
  if (k.tr !== null) note(k, 'rcu_read_lock()');
}

/** spin_lock()'s preempt_disable(): an RCU read-side section begins (no step of its own). */
export function rcu_enter_atomic(k: Kernel): void {
  const s = slot(k, k.actor);
  if (k.mem[s + RCU_SLOT_ATOMIC]++ === 0 && k.mem[s + RCU_SLOT_DEPTH] === 0) Atomics.store(k.mem, s + RCU_SLOT_GP, Atomics.load(k.mem, G_RCU_GP));
}

/** spin_unlock()'s preempt_enable(): the section ends unless an rcu_read_lock() section is still open. */
export function rcu_exit_atomic(k: Kernel): void {
  const s = slot(k, k.actor);
  if (--k.mem[s + RCU_SLOT_ATOMIC] === 0 && k.mem[s + RCU_SLOT_DEPTH] === 0) Atomics.store(k.mem, s + RCU_SLOT_GP, 0);
}

/**
 * The reader slot is published directly: rcu_read_unlock() is no barrier (preempt_enable(), or under
 * PREEMPT_RCU a compiler barrier and a counter). The section's stores may still be buffered when it
 * ends (weak memory); a grace period that the section overlapped waits for them (grace_period_elapsed).
 */
export function* rcu_read_unlock(k: Kernel): Step {
  yield;
  const s = slot(k, k.actor);
  if (k.mem[s + RCU_SLOT_DEPTH] <= 0) {
    throw new Violation('lockdep', `lockdep: bad unlock balance: ${actorName(k, k.actor)} at step ${k.step}: rcu_read_unlock() outside any rcu_read_lock() section`, { lock: 'rcu_read_unlock()' });
  }
  if (--k.mem[s + RCU_SLOT_DEPTH] === 0 && k.mem[s + RCU_SLOT_ATOMIC] === 0) Atomics.store(k.mem, s + RCU_SLOT_GP, 0);
  if (k.tr !== null) note(k, 'rcu_read_unlock()');
}

/** Whether actor `a` is inside a read-side critical section (rcu_read_lock(), or a spinlock held). */
export function rcu_read_lock_held(k: Kernel, a: number): boolean {
  return Atomics.load(k.mem, slot(k, a) + RCU_SLOT_GP) !== 0;
}

/** Start a grace period; returns its number. */
export function start_grace_period(k: Kernel): number {
  k.mm.gracePeriodStart();
  return Atomics.add(k.mem, G_RCU_GP, 1) + 1;
}

/**
 * Whether grace period g has elapsed: no reader still in a section entered before g started, and (weak
 * memory) no store issued inside such a section still buffered. The grace-period guarantee covers every
 * access of a section that began before the grace period (tools/memory-model/Documentation/
 * explanation.txt, "RCU RELATIONS"): the kernel's quiescent states are full barriers on each CPU.
 */
export function grace_period_elapsed(k: Kernel, g: number): boolean {
  for (let a = 0; a < k.L.bounds.actors; a++) {
    const seen = Atomics.load(k.mem, slot(k, a) + RCU_SLOT_GP);
    if (seen !== 0 && seen < g) return false;
  }
  return !k.mm.sectionStoresBefore(g);
}

/** The grace-period word of the section actor `a` is in (0 outside any): what a buffered store is tagged with. */
export function rcu_section_of(k: Kernel, a: number): number {
  return Atomics.load(k.mem, slot(k, a) + RCU_SLOT_GP);
}

export function* synchronize_rcu(k: Kernel): Step {
  yield* full_barrier(k); // synchronize_rcu() implies a full barrier
  yield;
  const g = start_grace_period(k);
  if (k.tr !== null) note(k, `synchronize_rcu() waits for grace period ${g}`);
  yield { ready: () => grace_period_elapsed(k, g), what: `synchronize_rcu() (grace period ${g})` };
  if (k.tr !== null) note(k, `synchronize_rcu() returns: grace period ${g} elapsed`);
}

/** call_rcu(&obj->rcu, fn): queue `fn(ptr)` to run after a grace period that starts now. */
export function* call_rcu(k: Kernel, fn: number, ptr: number): Step {
  yield* full_barrier(k); // the updater's stores (unpublishing ptr) precede the grace period
  yield;
  const g = start_grace_period(k);
  const tail = Atomics.add(k.mem, G_CBQ_TAIL, 1);
  if (tail >= k.L.cbqCap) throw new ModelError(`RCU callback queue full (${tail})`);
  const e = k.L.cbq + tail * CB_WORDS;
  k.mem[e + CB_FN] = fn;
  k.mem[e + CB_PTR] = ptr;
  Atomics.store(k.mem, e + CB_GP, g);
  if (k.tr !== null) note(k, `${fn === CB_KVFREE ? 'kvfree_rcu' : 'call_rcu'}(${fmtPtr(ptr)}, ${CB_NAMES[fn]}) after grace period ${g}`);
}

export function* kvfree_rcu(k: Kernel, ptr: number): Step {
  yield* call_rcu(k, CB_KVFREE, ptr);
}

/** The next queued callback, or -1 when the queue is empty. */
export function next_callback(k: Kernel): number {
  const head = Atomics.load(k.mem, G_CBQ_HEAD);
  return head < Atomics.load(k.mem, G_CBQ_TAIL) ? k.L.cbq + head * CB_WORDS : -1;
}

/** The next callback can run: it is fully queued (its grace period word is written last) and its grace period has elapsed. */
export function callback_ready(k: Kernel): boolean {
  const e = next_callback(k);
  if (e < 0) return false;
  const g = Atomics.load(k.mem, e + CB_GP);
  return g !== 0 && grace_period_elapsed(k, g);
}
