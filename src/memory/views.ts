/**
 * Load reordering for `--memory weak`: which visible value a load may read (weak.ts keeps the stores
 * an actor has not yet made visible; this keeps the values that already are).
 *
 * After the view-based models of Arm and the LKMM's own "propagation" reading (tools/memory-model/
 * Documentation/explanation.txt, "THE READS-FROM RELATION" and "PROPAGATION ORDER"): every store that
 * becomes visible gets a timestamp (the count of stores made visible so far, one global order, as stores
 * stay multicopy atomic here); each word keeps its last HISTORY visible values. A load may read any of
 * them that is not older than its lower bound, the latest value of the word as of
 *  - the actor's floor: raised to "everything visible now" by a full barrier (smp_mb, the
 *    smp_mb__{before,after}_atomic pair, value-returning atomics, synchronize_rcu) and by an acquire
 *    (smp_load_acquire, every lock acquire: stronger than the LKMM, where an acquire orders only what
 *    the releaser had seen); to the latest value any earlier load of the actor read, by smp_rmb; to the
 *    moment the latest grace period started, by rcu_read_lock() (a section that did not begin before the
 *    grace period must see every store that preceded it: "RCU's fundamental law");
 *  - the address dependency: a load through a pointer another load returned is ordered after that load
 *    (READ_ONCE and rcu_dereference carry dependencies in the LKMM). Dependencies are tracked by value:
 *    a pointer's view is that of the latest of the actor's loads that returned it (a pointer reached
 *    some other way, an argument or a direct read, gets the view "everything visible now": stronger,
 *    never weaker). Only pointers are tracked: an index loaded from memory (a bit of the shrinker map)
 *    carries no dependency here, which is why the loads that use one as an index (idr_find(), the
 *    nr_deferred slots) read the buffer directly and always see the latest value;
 *  - coherence: never older than the value the actor last read from, or wrote to, the word.
 * Which value a load reads is a choice of the schedule (Kernel.choose, engine/loop.ts): 0, the latest,
 * is the default, so a schedule that makes no such choice reads as before this existed.
 *
 * Direct writes (Atomics on the buffer: locks, refcounts, value-returning atomics) leave no history:
 * a word whose value is no longer its latest visible store's forgets its history (only the latest
 * value is readable then); an allocation forgets its object's history (kalloc zeroes it directly).
 */
import { isLive, ptrType } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import type { OrderKind } from '../model/memory-model.js';

/** Visible values each word keeps for stale reads. */
export const HISTORY = 4;

interface Msg {
  ts: number;
  v: number;
}

export interface LoadViews {
  /** a store of `writer` became visible: `addr` went from `old` to `v` */
  visible(writer: number, addr: number, old: number, v: number): void;
  /** the value actor `a` reads at `addr` (through object `ptr`, 0 for a global slot); memory holds `latest` */
  load(a: number, addr: number, ptr: number, latest: number): number;
  order(a: number, kind: OrderKind): void;
  /** actor `a` read the latest value of `addr` another way (a direct atomic) */
  observe(a: number, addr: number): void;
  gracePeriodStart(): void;
  /** words [from, to) were reinitialised directly */
  forget(from: number, to: number): void;
  /** `ptr`'s words are global variables (a litmus test's x, y): no dependency on how it was reached */
  global(ptr: number): void;
  /** the timestamp of the latest store made visible */
  now(): number;
  /** the timestamp of the value the latest load read (Infinity: the latest value, its store not tracked) */
  readTs(): number;
}

export function loadViews(k: Kernel, actors: number): LoadViews {
  let now = 0;
  let gpView = 0;
  const hist = new Map<number, Msg[]>();
  const floor = new Int32Array(actors);
  const readMax = new Int32Array(actors);
  /** addr -> timestamp of the value the actor last read or wrote there */
  const coh = Array.from({ length: actors }, () => new Map<number, number>());
  /** pointer value -> view of the latest load of the actor that returned it */
  const dep = Array.from({ length: actors }, () => new Map<number, number>());
  const globals = new Set<number>();
  let lastTs = Infinity;
  return {
    visible(writer, addr, old, v) {
      now++;
      let h = hist.get(addr);
      if (h === undefined || h[h.length - 1].v !== old) {
        // first visible store to the word, or a direct write since the last: only `old` is older
        h = [{ ts: h === undefined ? 0 : now - 1, v: old }];
        hist.set(addr, h);
      }
      h.push({ ts: now, v });
      if (h.length > HISTORY) h.shift();
      if (writer >= 0 && writer < actors) coh[writer].set(addr, now);
    },
    load(a, addr, ptr, latest) {
      lastTs = Infinity;
      if (a < 0 || a >= actors) return latest; // setup
      const h = hist.get(addr);
      let lower = floor[a];
      if (ptr !== 0 && !globals.has(ptr)) {
        const d = dep[a].get(ptr);
        lower = d === undefined ? now : Math.max(lower, d);
      }
      let v = latest;
      let view = lower;
      if (h !== undefined) {
        const last = h.length - 1;
        if (h[last].v !== latest) {
          hist.delete(addr); // a direct write since: only the latest value is known
        } else {
          let lo = 0;
          for (let i = last; i > 0; i--) {
            if (h[i].ts <= lower) {
              lo = i;
              break;
            }
          }
          const c = coh[a].get(addr);
          if (c !== undefined) while (lo < last && h[lo].ts < c) lo++;
          const i = lo < last && k.choose !== null ? k.choose(last - lo + 1) : 0;
          const m = h[last - i];
          if (i !== 0 && k.tr !== null) note(k, `[reads an older value: ${m.v}; the latest visible is ${h[last].v}]`);
          coh[a].set(addr, m.ts);
          if (i !== 0) lastTs = m.ts;
          v = m.v;
          if (m.ts > view) view = m.ts;
        }
      }
      if (view > readMax[a]) readMax[a] = view;
      if (v > 0 && ptrType(v) !== 0 && isLive(k, v)) {
        const d = dep[a].get(v);
        if (d === undefined || d < view) dep[a].set(v, view);
      }
      return v;
    },
    order(a, kind) {
      if (a < 0 || a >= actors) return;
      if (kind === 'full' || kind === 'acquire') floor[a] = now;
      else if (kind === 'rmb') floor[a] = Math.max(floor[a], readMax[a]);
      else floor[a] = Math.max(floor[a], gpView);
    },
    observe(a, addr) {
      if (a < 0 || a >= actors) return;
      const h = hist.get(addr);
      if (h !== undefined) coh[a].set(addr, h[h.length - 1].ts);
    },
    gracePeriodStart() {
      gpView = now;
    },
    forget(from, to) {
      if (hist.size === 0) return;
      for (let addr = from; addr < to; addr++) hist.delete(addr);
    },
    global: (ptr) => void globals.add(ptr),
    now: () => now,
    readTs: () => lastTs,
  };
}
