/**
 * Reader-writer semaphore (include/linux/rwsem.h, kernel/locking/rwsem.c), as the rwsem-era
 * shrinker uses it: DECLARE_RWSEM(shrinker_rwsem) lives in two global slots (layout.ts):
 *   count    0 free, n > 0 held by n readers, -1 held by a writer;
 *   waiters  writers blocked in down_write().
 *
 * What the shrinker relies on, and what is modeled:
 *  - down_read_trylock() never blocks; it fails while a writer holds the lock or waits for it
 *    (RWSEM_READ_FAILED_MASK includes RWSEM_FLAG_WAITERS), so reclaim backs off from registration;
 *  - down_read() blocks in the same cases (it queues behind waiting writers);
 *  - down_write() blocks while readers or a writer hold it;
 *  - rwsem_is_contended() is true while someone is on the wait list. Only writers are counted here:
 *    a caller holds the lock for reading, and then a reader can only be waiting behind a waiting
 *    writer, so for every caller the answer is the kernel's.
 * Each operation is one step (the count update is a compare-and-swap loop inside the step, as
 * refcount_inc_not_zero is). Not modeled: the FIFO wait queue and lock handoff (when the lock is
 * released, the scheduler picks among the waiters), optimistic spinning, owner tracking, lockdep.
 */
import { G_SHRINKER_RWSEM, G_SHRINKER_RWSEM_WAITERS } from '../model/layout.js';
import { actorName, note, type Kernel } from '../model/kernel.js';
import { Violation } from '../model/violation.js';
import type { Step } from '../model/wait.js';
import { full_barrier } from './access.js';

export interface RwSem {
  /** global slot of the count word */
  readonly count: number;
  /** global slot of the number of writers waiting */
  readonly waiters: number;
  readonly name: string;
}

/** DECLARE_RWSEM(shrinker_rwsem) (mm/vmscan.c before v6.7) */
export const shrinker_rwsem: RwSem = { count: G_SHRINKER_RWSEM, waiters: G_SHRINKER_RWSEM_WAITERS, name: 'shrinker_rwsem' };

/** One attempt at the read side: no writer holds it and none waits. */
function try_read(k: Kernel, sem: RwSem): boolean {
  // why first: a waiting writer must not be starved by a stream of readers (RWSEM_FLAG_WAITERS)
  if (Atomics.load(k.mem, sem.waiters) !== 0) return false;
  let c = Atomics.load(k.mem, sem.count);
  while (c >= 0) {
    const seen = Atomics.compareExchange(k.mem, sem.count, c, c + 1);
    if (seen === c) return true;
    c = seen;
  }
  return false;
}

export function* down_read_trylock(k: Kernel, sem: RwSem): Step<boolean> {
  // down_read_trylock: acquire on success, no wait for older stores (as lock acquire, sync/mutex.ts)
  yield;
  const ok = try_read(k, sem);
  if (ok) k.mm.order(k.actor, 'acquire');
  if (k.tr !== null) note(k, `down_read_trylock(&${sem.name}) = ${ok ? 1 : 0}`);
  return ok;
}

export function* down_read(k: Kernel, sem: RwSem): Step {
  // down_read: acquire, no wait for older stores
  const what = `down_read(&${sem.name})`;
  for (;;) {
    yield;
    if (try_read(k, sem)) {
      k.mm.order(k.actor, 'acquire');
      if (k.tr !== null) note(k, what);
      return;
    }
    yield { ready: () => Atomics.load(k.mem, sem.count) >= 0 && Atomics.load(k.mem, sem.waiters) === 0, what };
  }
}

export function* up_read(k: Kernel, sem: RwSem): Step {
  yield* full_barrier(k); // up_read (weak memory: a full barrier, stronger than the LKMM's release)
  yield;
  const old = Atomics.sub(k.mem, sem.count, 1);
  if (old <= 0) {
    Atomics.add(k.mem, sem.count, 1);
    throw new Violation('lockdep', `lockdep: bad unlock balance: ${actorName(k, k.actor)} at step ${k.step}: up_read(&${sem.name}) while it is not held for reading (count ${old})`, { lock: `up_read(&${sem.name})` });
  }
  if (k.tr !== null) note(k, `up_read(&${sem.name})`);
}

export function* down_write(k: Kernel, sem: RwSem): Step {
  // down_write: acquire, no wait for older stores
  const what = `down_write(&${sem.name})`;
  let queued = false;
  for (;;) {
    yield;
    if (Atomics.compareExchange(k.mem, sem.count, 0, -1) === 0) {
      if (queued) Atomics.sub(k.mem, sem.waiters, 1);
      k.mm.order(k.actor, 'acquire');
      if (k.tr !== null) note(k, what);
      return;
    }
    if (!queued) {
      // from here on rwsem_is_contended() is true and new readers fail their trylock
      queued = true;
      Atomics.add(k.mem, sem.waiters, 1);
      if (k.tr !== null) note(k, `${what} waits (count ${Atomics.load(k.mem, sem.count)})`);
    }
    yield { ready: () => Atomics.load(k.mem, sem.count) === 0, what };
  }
}

export function* up_write(k: Kernel, sem: RwSem): Step {
  yield* full_barrier(k); // up_write (weak memory: a full barrier, stronger than the LKMM's release)
  yield;
  if (Atomics.compareExchange(k.mem, sem.count, -1, 0) !== -1) {
    throw new Violation('lockdep', `lockdep: bad unlock balance: ${actorName(k, k.actor)} at step ${k.step}: up_write(&${sem.name}) while it is not held for writing`, { lock: `up_write(&${sem.name})` });
  }
  if (k.tr !== null) note(k, `up_write(&${sem.name})`);
}

/** rwsem_is_contended(): !list_empty(&sem->wait_list), a plain read */
export function* rwsem_is_contended(k: Kernel, sem: RwSem): Step<boolean> {
  yield;
  const contended = Atomics.load(k.mem, sem.waiters) !== 0;
  if (k.tr !== null && contended) note(k, `rwsem_is_contended(&${sem.name}) = 1`);
  return contended;
}
