/**
 * refcount_t and struct completion, each operation one atomic step.
 *  - refcount_inc_not_zero(): refcount_t's compare-and-swap loop, inside one step (in the thread engine
 *    the loop really retries against concurrent puts).
 *  - refcount_dec_and_test(): fully ordered, as in the kernel (release + acquire on reaching zero).
 *  - wait_for_completion() blocks the actor until done > 0, then consumes one count.
 * Under weak memory (include/linux/refcount.h's ordering notes): refcount_set() and init_completion()
 * are plain stores (atomic_set; done = 0) that may become visible late; refcount_inc_not_zero() is
 * relaxed (a control dependency orders the caller's later stores, which are issued after it anyway);
 * refcount_dec_and_test() is a full barrier here (the kernel's is release, + acquire when it hits 0);
 * complete() and wait_for_completion() are fully ordered (their internal lock). An underflow is the kernel's refcount_t WARN ("refcount_t: underflow; use-after-free.",
 * lib/refcount.c refcount_warn_saturate): a `warn` violation at that step.
 */
import { at, fmtPtr, ptrType } from '../model/arena.js';
import { ARENA_NAMES } from '../model/layout.js';
import { note, type Kernel } from '../model/kernel.js';
import { Violation } from '../model/violation.js';
import { actorName } from '../model/kernel.js';
import type { Step } from '../model/wait.js';
import { full_barrier, WRITE_ONCE } from './access.js';

export function* refcount_set(k: Kernel, p: number, field: number, v: number): Step {
  yield* WRITE_ONCE(k, p, field, v, 'refcount_set(&@->refcount)');
}

export function* refcount_inc_not_zero(k: Kernel, p: number, field: number): Step<boolean> {
  yield;
  const a = at(k, p, field, 'refcount_inc_not_zero');
  let old = Atomics.load(k.mem, a);
  while (old !== 0) {
    const seen = Atomics.compareExchange(k.mem, a, old, old + 1);
    if (seen === old) break;
    old = seen;
  }
  const ok = old !== 0;
  k.mm.observe(k.actor, a); // coherence: the actor's later loads of the count are no older
  if (ok) k.sites?.ref(k.actor, a, 1, p);
  if (k.tr !== null) note(k, `refcount_inc_not_zero(&${fmtPtr(p)}->refcount) = ${ok} (${old} -> ${ok ? old + 1 : old})`);
  return ok;
}

export function* refcount_dec_and_test(k: Kernel, p: number, field: number): Step<boolean> {
  yield* full_barrier(k);
  yield;
  const a = at(k, p, field, 'refcount_dec_and_test');
  const v = Atomics.sub(k.mem, a, 1) - 1;
  k.sites?.ref(k.actor, a, -1, p);
  if (v < 0) {
    throw new Violation('warn', `WARN: refcount_t: underflow; use-after-free: ${actorName(k, k.actor)} at step ${k.step}: refcount_dec_and_test(&${fmtPtr(p)}->refcount) took it from ${v + 1} to ${v}`, { kind: 'refcount_t underflow', object: ARENA_NAMES[ptrType(p)] ?? '?' });
  }
  if (k.tr !== null) note(k, `refcount_dec_and_test(&${fmtPtr(p)}->refcount) = ${v === 0} (-> ${v})`);
  return v === 0;
}

export function* init_completion(k: Kernel, p: number, field: number): Step {
  yield* WRITE_ONCE(k, p, field, 0, 'init_completion(&@->done)');
}

export function* complete(k: Kernel, p: number, field: number): Step {
  yield* full_barrier(k);
  yield;
  Atomics.add(k.mem, at(k, p, field, 'complete'), 1);
  if (k.tr !== null) note(k, `complete(&${fmtPtr(p)}->done)`);
}

export function* wait_for_completion(k: Kernel, p: number, field: number): Step {
  const what = `wait_for_completion(&${fmtPtr(p)}->done)`;
  const raw = at(k, p, field, 'wait_for_completion');
  yield* full_barrier(k);
  for (;;) {
    yield;
    const a = at(k, p, field, 'wait_for_completion');
    const done = Atomics.load(k.mem, a);
    if (done > 0 && Atomics.compareExchange(k.mem, a, done, done - 1) === done) {
      k.mm.order(k.actor, 'acquire'); // the completion's lock: what complete()'s caller did before is seen
      if (k.tr !== null) note(k, `${what} returns`);
      return;
    }
    yield { ready: () => Atomics.load(k.mem, raw) > 0, what, obj: p };
  }
}
