/**
 * `--memory weak`: per-actor store buffers, for the deterministic engine.
 *
 * Modeled (after the Linux kernel memory model, tools/memory-model):
 *  - plain stores (WRITE_ONCE) and non-value-returning atomics (set_bit, clear_bit) enter the actor's
 *    buffer and become visible later, when the scheduler chooses (a flush is a scheduling choice, so
 *    fast-check explores and shrinks it). A buffered set_bit/clear_bit is applied atomically to memory
 *    when it becomes visible: no update is lost, only its timing moves;
 *  - stores to different words may become visible in any order (store-store reordering), stores to one
 *    word in program order (coherence); a store may become visible after the actor's later loads
 *    (store-load reordering: SB);
 *  - an actor's loads see its own buffered stores (forwarding);
 *  - smp_wmb orders older stores before younger ones; a release store (rcu_assign_pointer, unlock)
 *    becomes visible only after every older store; full barriers (smp_mb, smp_mb__before/after_atomic,
 *    value-returning atomics, call_rcu, synchronize_rcu, lock release) wait until every older store is
 *    visible (the scheduler still picks the order they become visible in); lock acquire, rcu_read_lock/
 *    unlock and refcount_inc_not_zero (relaxed) do not wait; kfree waits only for the actor's own stores
 *    into the object it frees;
 *  - RCU: a store carries the grace-period word of the read-side section it was issued in; a grace
 *    period does not elapse while a store of a section that began before it is still buffered;
 *  - a store that becomes visible in an object freed meanwhile is a use-after-free, reported then;
 *  - uninitialised read: a load from an object whose allocator already made a pointer to it visible
 *    while a store it issued before that publication is still buffered (the object was published
 *    before its initialisation: what rcu_assign_pointer's release ordering prevents);
 *  - load-load reordering (views.ts): a load may read a visible value older than the latest, down to
 *    what its barriers (full, acquire, smp_rmb, waking from a wait), its address dependency, RCU and
 *    coherence allow; which one is a choice of the schedule. So MP without a read barrier, and the
 *    load side of WRC and IRIW, are allowed; lock acquire and smp_load_acquire order later loads only.
 * Not modeled (the mode is stronger than the LKMM there: it forbids outcomes the LKMM allows):
 *  - load-store reordering: a store is issued after the actor's older loads have read (LB forbidden);
 *  - non-multicopy atomicity: a visible store is visible to every other actor at once, and a full
 *    barrier or an acquire lets the actor's later loads see every visible store (so
 *    Z6.0+pooncerelease+poacquirerelease+fencembonceonce is forbidden: a release-acquire chain is not
 *    cumulative in the LKMM, it is here);
 *  - lock release and value-returning atomics other than refcount_inc_not_zero are full barriers here
 *    (LKMM: release, or release + acquire on success for refcount_dec_and_test).
 * rcu_read_lock() publishes its reader slot directly (no barrier, as preempt_disable()), so the RCU
 * emulation keeps the grace-period guarantee without ordering the reader's other accesses.
 */
import { at, fmtPtr, isLive } from '../model/arena.js';
import { actorName } from '../model/kernel.js';
import { rcu_section_of } from '../sync/rcu.js';
import { Violation } from '../model/violation.js';
import { normalizeLabel } from '../model/sites.js';
import type { Kernel } from '../model/kernel.js';
import type { Wait } from '../model/wait.js';
import type { MemoryModel, RmwOp, StoreTarget } from '../model/memory-model.js';
import { loadViews } from './views.js';

/** Entries an actor may buffer before its next store waits for one to become visible. */
export const BUFFER_CAP = 4;

interface Entry {
  /** issue order within the actor */
  seq: number;
  t: StoreTarget;
  kind: 'store' | 'or' | 'and';
  v: number;
  /** smp_wmb()s issued before it: it may not pass an entry of a lower epoch */
  epoch: number;
  release: boolean;
  /** the grace-period word of the RCU read-side section it was issued in (0: none) */
  gp: number;
}

/** `checkInit` false: an uninitialised read is not reported, the load reads what memory held (litmus tests). */
export function weak(k: Kernel, actors: number, checkInit = true): MemoryModel {
  const mem = k.mem;
  const buf: Entry[][] = Array.from({ length: actors }, () => []);
  const epoch = new Int32Array(actors);
  const apply = (v: number, e: Entry): number => (e.kind === 'store' ? e.v : e.kind === 'or' ? v | e.v : v & e.v);
  const canFlush = (b: Entry[], j: number): boolean => {
    const e = b[j];
    if (e.release && j !== 0) return false;
    for (let i = 0; i < j; i++) if (b[i].t.addr === e.t.addr || b[i].epoch < e.epoch) return false;
    return true;
  };
  const seq = new Int32Array(actors);
  const views = loadViews(k, actors);
  /** object -> [actor, issue order] of the latest store of a pointer to it that became visible */
  const published = new Map<number, [number, number]>();
  const push = (a: number, t: StoreTarget, kind: Entry['kind'], v: number, release: boolean): void => {
    buf[a].push({ seq: seq[a]++, t, kind, v, epoch: epoch[a], release, gp: rcu_section_of(k, a) });
  };
  /**
   * Initialising stores that became visible after a pointer to their object did (issued before that
   * pointer's store, by the same actor): addr -> the store's timestamp and what it was. A load through
   * the pointer that reads a value older than it (a stale read, views.ts) reads the object as it was
   * before its initialisation: kvzalloc's zeroes, as surely as a load made while the store is buffered.
   */
  const lateInit = new Map<number, { ts: number; what: string; writer: number }>();
  const staleUninitialised = (a: number, addr: number, ptr: number): void => {
    const late = lateInit.get(addr);
    if (late === undefined || late.writer === a || views.readTs() >= late.ts) return;
    throw new Violation('uninitialised-read', `uninitialised read: ${actorName(k, a)} at step ${k.step} reads ${fmtPtr(ptr)} ` +
      `(${late.what}) as it was before ${actorName(k, late.writer)}'s initialising store, which became visible after its pointer to ${fmtPtr(ptr)}`, { access: normalizeLabel(late.what) });
  };
  const uninitialised = (a: number, addr: number, ptr: number): void => {
    const pub = published.get(ptr);
    if (pub === undefined || pub[0] === a) return;
    const early = buf[pub[0]].find((e) => e.t.addr === addr && e.seq < pub[1]);
    if (early !== undefined) {
      throw new Violation('uninitialised-read', `uninitialised read: ${actorName(k, a)} at step ${k.step} reads ${fmtPtr(ptr)} ` +
        `(${early.t.what}) before ${actorName(k, pub[0])}'s initialising store is visible, though its pointer to ${fmtPtr(ptr)} already is`, { access: normalizeLabel(early.t.what) });
    }
  };
  return {
    mode: 'weak',
    load(a, addr, ptr = 0) {
      if (ptr !== 0 && checkInit && published.size !== 0) uninitialised(a, addr, ptr);
      const b = buf[a];
      let own = false;
      for (let i = 0; i < b.length && !own; i++) own = b[i].t.addr === addr;
      if (!own) {
        const v = views.load(a, addr, ptr, Atomics.load(mem, addr));
        if (ptr !== 0 && checkInit && lateInit.size !== 0) staleUninitialised(a, addr, ptr);
        return v;
      }
      // forwarding: the actor's own buffered stores to the word are the newest it can see
      let v = Atomics.load(mem, addr);
      for (const e of b) if (e.t.addr === addr) v = apply(v, e);
      return v;
    },
    store: (a, t, v) => push(a, t, 'store', v, false),
    rmw: (a, t, op: RmwOp, x) => push(a, t, op, x, false),
    storeRelease: (a, t, v) => push(a, t, 'store', v, true),
    wmb: (a) => void epoch[a]++,
    drained: (a) => (buf[a].length === 0 ? null : { ready: () => buf[a].length === 0, what: `its ${buf[a].length} buffered store(s) becoming visible` }),
    drainedTo(a, ptr) {
      const into = (): boolean => buf[a].some((e) => e.t.ptr === ptr);
      return into() ? { ready: () => !into(), what: `its buffered store(s) into ${fmtPtr(ptr)} becoming visible` } : null;
    },
    room: (a) => (buf[a].length < BUFFER_CAP ? null : { ready: () => buf[a].length < BUFFER_CAP, what: 'room in its store buffer' }),
    flushable(out) {
      for (let a = 0; a < actors; a++) {
        const b = buf[a];
        for (let j = 0, n = 0; j < b.length && n < BUFFER_CAP; j++) if (canFlush(b, j)) out.push(actors + a * BUFFER_CAP + n++);
      }
    },
    flush(id) {
      const a = Math.floor((id - actors) / BUFFER_CAP);
      let n = (id - actors) % BUFFER_CAP;
      const b = buf[a];
      let j = 0;
      for (; j < b.length; j++) if (canFlush(b, j) && n-- === 0) break;
      const [e] = b.splice(j, 1);
      const who = k.actor;
      k.actor = a; // the store is the buffering actor's, for reports
      try {
        const addr = e.t.ptr ? at(k, e.t.ptr, e.t.field, `${e.t.what} (store becoming visible)`) : e.t.addr;
        const old = Atomics.load(mem, addr);
        const v = apply(old, e);
        Atomics.store(mem, addr, v);
        views.visible(a, addr, old, v);
        const pub = e.t.ptr ? published.get(e.t.ptr) : undefined;
        if (pub !== undefined && pub[0] === a && e.seq < pub[1]) lateInit.set(addr, { ts: views.now(), what: e.t.what, writer: a });
        if (e.kind === 'store' && isLive(k, v)) published.set(v, [a, e.seq]);
        if (k.tr !== null) k.tr.push({ step: k.step, actor: a, text: `[visible] ${e.t.what}${e.kind === 'store' ? ` = ${e.v}` : ''}` });
      } finally {
        k.actor = who;
      }
    },
    pending: () => buf.reduce((n, b) => n + b.length, 0),
    sectionStoresBefore: (g) => buf.some((b) => b.some((e) => e.gp !== 0 && e.gp < g)),
    order: (a, kind) => views.order(a, kind),
    observe: (a, addr) => views.observe(a, addr),
    gracePeriodStart: () => views.gracePeriodStart(),
    forget(from, to) {
      views.forget(from, to);
      if (lateInit.size !== 0) for (let addr = from; addr < to; addr++) lateInit.delete(addr);
    },
    global: (ptr) => views.global(ptr),
  };
}

/** Scheduler ids at or past `actors` are flushes. */
export const isFlush = (id: number, actors: number): boolean => id >= actors;
export type { Wait };
