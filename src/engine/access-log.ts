/**
 * A log of every shared access of one run, in each actor's program order (issue order: under
 * `--memory weak` a store is logged when the actor issues it, not when it becomes visible), with the
 * values loads returned, the barriers between them and the locks taken: what a litmus test of the run
 * is made from (report/litmus-select.ts). Replay only: it wraps the run's memory model (`k.mm`) and
 * listens as an AccessSink (`k.cov`), so the model code is unchanged; barriers are read off the trace
 * rows they print (a traced run is required).
 *
 * Loads come from the memory model (address, value) and get their label from the sink call that
 * follows them; value-returning atomics (atomic_xchg, atomic_add_return) bypass the memory model, so
 * the sink alone sees them, and the value they returned is read off the trace row they print.
 */
import type { AccessSink, Kernel } from '../model/kernel.js';
import type { MemoryModel } from '../model/memory-model.js';

export type AccessKind = 'load' | 'store' | 'release' | 'or' | 'and' | 'atomic-return' | 'lock' | 'unlock' | 'fence';

export interface AccessEvent {
  actor: number;
  step: number;
  kind: AccessKind;
  /** the word's address (a lock's word for lock/unlock; -1 for a fence) */
  addr: number;
  /** the object the word is in (0: a global slot, or unknown) */
  ptr: number;
  /** the model's label of the access ('@' stands for the object), the fence's name, the lock call's trace text */
  label: string;
  /** load: the value returned; store/release: the value stored; or/and: the operand; atomic-return: what it returned */
  value: number;
}

/** Trace rows that are barriers (sync/access.ts prints them exactly so). */
const FENCES = new Set(['smp_mb()', 'smp_mb__before_atomic()', 'smp_mb__after_atomic()', 'smp_wmb()', 'smp_rmb()']);

export class AccessLog {
  readonly events: AccessEvent[] = [];
  /** each logged word's value when the run first touched it (before any logged write to it) */
  readonly initial = new Map<number, number>();
  /** each logged word's value at the end of the run, and whether stores were still buffered then */
  readonly final = new Map<number, number>();
  pendingAtEnd = 0;
  private k: Kernel | null = null;
  private rows = 0;
  /** the last load, waiting for its label from the sink */
  private load: AccessEvent | null = null;
  /** events whose value (atomics) or label (locks) is on a trace row not yet printed: [event, row index, first access to its word] */
  private fromRows: [AccessEvent, number, boolean][] = [];

  /** Wraps `k.mm` (call after the memory model is chosen) and returns the sink to install in `k.cov`. */
  attach(k: Kernel): AccessSink {
    if (k.tr === null) throw new Error('AccessLog needs a traced run (barriers are read off the trace)');
    this.k = k;
    this.rows = k.tr.length;
    const mm = k.mm;
    /** `init`: memory at addr still holds the value before this access (not so for locks and atomics) */
    const rec = (actor: number, kind: AccessKind, addr: number, ptr: number, label: string, value: number, init = true): AccessEvent => {
      this.sync();
      if (init && !this.initial.has(addr)) this.initial.set(addr, Atomics.load(k.mem, addr));
      const e: AccessEvent = { actor, step: k.step, kind, addr, ptr, label, value };
      this.events.push(e);
      return e;
    };
    const wrapped: MemoryModel = {
      ...mm,
      mode: mm.mode,
      load: (a, addr, ptr) => {
        let v: number;
        try {
          v = mm.load(a, addr, ptr);
        } catch (e) {
          // an uninitialised read: the load that saw what memory held before the initialising store, logged as such
          rec(a, 'load', addr, ptr ?? 0, '', Atomics.load(k.mem, addr));
          throw e;
        }
        this.load = rec(a, 'load', addr, ptr ?? 0, '', v);
        return v;
      },
      store: (a, t, v) => (rec(a, 'store', t.addr, t.ptr, t.what, v), mm.store(a, t, v)),
      storeRelease: (a, t, v) => (rec(a, 'release', t.addr, t.ptr, t.what, v), mm.storeRelease(a, t, v)),
      rmw: (a, t, op, x) => (rec(a, op, t.addr, t.ptr, t.what, x), mm.rmw(a, t, op, x)),
      lock: (a, addr, acquire) => {
        mm.lock?.(a, addr, acquire);
        const e = rec(a, acquire ? 'lock' : 'unlock', addr, 0, '', 0, false);
        this.fromRows.push([e, k.tr!.length, false]); // its label: the row it prints next
      },
    };
    k.mm = wrapped;
    return {
      read: (actor, addr, what) => {
        const l = this.load;
        this.load = null;
        if (l !== null && l.actor === actor && l.addr === addr && l.label === '') l.label = what;
        else {
          // a value-returning atomic: memory already holds its result; its trace row (next) says what it returned
          const e = rec(actor, 'atomic-return', addr, 0, what, 0, false);
          this.fromRows.push([e, k.tr!.length, !this.initial.has(addr)]);
        }
      },
      write: () => {}, // stores were logged by the memory model, atomics by `read`
      mark: () => {},
    };
  }

  /** Picks up the barriers printed since the last call, the values atomics returned and the locks' labels. */
  private sync(): void {
    const tr = this.k!.tr!;
    for (; this.rows < tr.length; this.rows++) {
      const r = tr[this.rows];
      if (r.actor >= 0 && FENCES.has(r.text)) this.events.push({ actor: r.actor, step: r.step, kind: 'fence', addr: -1, ptr: 0, label: r.text.slice(0, -2), value: 0 });
    }
    this.fromRows = this.fromRows.filter(([e, row, first]) => {
      if (row >= tr.length) return true;
      if (e.kind === 'lock' || e.kind === 'unlock') {
        e.label = tr[row].text;
        return false;
      }
      const m = / = (-?\d+)$/.exec(tr[row].text);
      e.value = m ? Number(m[1]) : NaN;
      // xchg prints the old value; add_return the new one, after adding the label's first argument
      const add = /add(?:_return)?\((-?\d+),/.exec(e.label);
      if (first) this.initial.set(e.addr, add ? e.value - Number(add[1]) : e.value);
      return false;
    });
  }

  /** Call once the run has ended (passed or not): the last barriers, the final values. */
  finish(): void {
    const k = this.k;
    if (k === null) return;
    this.sync();
    this.pendingAtEnd = k.mm.pending();
    for (const addr of this.initial.keys()) this.final.set(addr, Atomics.load(k.mem, addr));
  }
}
