/**
 * Sleeping mutex (shrinker_mutex) and spinlock (list_lru_one's lock). The lock word holds 0 when free,
 * else the owner actor + 1. A contended lock blocks its actor until the word is 0; the scheduler then
 * resumes it and the compare-and-swap succeeds. Fairness is not modeled; of lockdep, the unlock of a
 * lock the actor does not hold ("bad unlock balance detected") is a `lockdep` violation.
 */
import { at, isLive } from '../model/arena.js';
import { ACTOR_WANTS, actorLine } from '../model/layout.js';
import { actorName, note, type Kernel } from '../model/kernel.js';
import { Violation } from '../model/violation.js';
import { normalizeLabel } from '../model/sites.js';
import type { Step } from '../model/wait.js';
import { full_barrier } from './access.js';
import { rcu_enter_atomic, rcu_exit_atomic } from './rcu.js';

function* lock_word(k: Kernel, addr: () => number, ready: () => boolean, what: string): Step {
  // acquire: older stores may still be buffered (LKMM: a store before spin_lock() may be seen after
  // the critical section's loads); the previous holder's release made its section's stores visible
  // the lock it waits for, for the list-debug race check (invariants/list-debug.ts); boot never waits
  const wants = k.actor >= 0 ? actorLine(k.L, k.actor) + ACTOR_WANTS : -1;
  if (wants >= 0) k.mem[wants] = addr();
  for (;;) {
    yield;
    const a = addr();
    if (Atomics.compareExchange(k.mem, a, 0, k.actor + 1) === 0) {
      if (wants >= 0) k.mem[wants] = 0;
      k.mm.order(k.actor, 'acquire'); // the previous holder's section is seen (memory/views.ts)
      k.mm.lock?.(k.actor, a, true);
      if (k.tr !== null) note(k, what);
      return;
    }
    yield { ready, what };
  }
}

function unlock_word(k: Kernel, addr: number, what: string): void {
  const owner = Atomics.compareExchange(k.mem, addr, k.actor + 1, 0);
  if (owner !== k.actor + 1) {
    const held = owner === 0 ? 'nobody holds it' : `it is held by ${actorName(k, owner - 1)}`;
    throw new Violation('lockdep', `lockdep: bad unlock balance: ${actorName(k, k.actor)} at step ${k.step}: ${what}, but ${held}`, { lock: normalizeLabel(what) });
  }
  k.mm.lock?.(k.actor, addr, false);
  if (k.tr !== null) note(k, what);
}

/** mutex_lock(&global): `addr` is a global slot. */
export function* mutex_lock(k: Kernel, addr: number, what: string): Step {
  yield* lock_word(k, () => addr, () => Atomics.load(k.mem, addr) === 0, what);
}

export function* mutex_unlock(k: Kernel, addr: number, what: string): Step {
  yield* full_barrier(k); // release: the critical section's stores are visible first
  yield;
  unlock_word(k, addr, what);
}

/**
 * spin_lock(&p->field): the object is checked at every attempt. A waiter whose lock is freed under it
 * wakes up, so its next attempt reports the use-after-free instead of spinning on poison forever.
 */
export function* spin_lock(k: Kernel, p: number, field: number, what: string): Step {
  const raw = at(k, p, field, what);
  rcu_enter_atomic(k); // preempt_disable() before spinning: an RCU read-side section from here (sync/rcu.ts)
  yield* lock_word(k, () => at(k, p, field, what), () => !isLive(k, p) || Atomics.load(k.mem, raw) === 0, what);
}

export function* spin_unlock(k: Kernel, p: number, field: number, what: string): Step {
  yield* full_barrier(k); // release: the critical section's stores are visible first
  yield;
  unlock_word(k, at(k, p, field, what), what);
  rcu_exit_atomic(k); // preempt_enable(): the read-side section ends with the lock
}

/** spin_trylock(&p->field): one attempt; on success the lock is held (and an RCU read-side section entered) */
export function* spin_trylock(k: Kernel, p: number, field: number, what: string): Step<boolean> {
  yield;
  if (Atomics.compareExchange(k.mem, at(k, p, field, what), 0, k.actor + 1) !== 0) {
    if (k.tr !== null) note(k, `${what} = 0 [contended]`);
    return false;
  }
  rcu_enter_atomic(k);
  k.mm.order(k.actor, 'acquire');
  if (k.tr !== null) note(k, what);
  return true;
}

/** spin_lock(&global_lock) (inode_hash_lock): `addr` is a global slot */
export function* spin_lock_global(k: Kernel, addr: number, what: string): Step {
  rcu_enter_atomic(k);
  yield* lock_word(k, () => addr, () => Atomics.load(k.mem, addr) === 0, what);
}

export function* spin_unlock_global(k: Kernel, addr: number, what: string): Step {
  yield* full_barrier(k); // release
  yield;
  unlock_word(k, addr, what);
  rcu_exit_atomic(k);
}
