/**
 * Site tracking for a run (RunOptions.sites): every model function called through `k.fn` pushes its
 * name on the calling actor's stack while it runs, and every store and atomic bit operation that goes
 * through the memory model is recorded with its site (model/sites.ts). Used only to re-run a run that
 * found something, to name the bug (search/signature.ts): it costs a wrapper generator per call.
 */
import type { ModelFns } from '../model/kernel.js';
import type { MemoryModel } from '../model/memory-model.js';
import type { SiteLog } from '../model/sites.js';
import { isViolation } from '../model/violation.js';
import { wrapFns } from './wrap-fns.js';

/** `fns` with every generator function wrapped to keep `sites`' per-actor stacks. */
export function trackFns(fns: ModelFns, sites: SiteLog): ModelFns {
  return wrapFns(fns, {
    enter: (actor, name) => sites.push(actor, name),
    leave: (actor) => sites.pop(actor),
    // the innermost model function names where a violation happened (leave then unwinds the stack)
    caught(e, actor, name) {
      if (isViolation(e) && e.facts.in === undefined && actor >= 0) e.facts.in = name;
    },
  });
}

/** `mm` recording the site of every store and bit operation (the order of effects is unchanged). */
export function trackMemory(mm: MemoryModel, sites: SiteLog): MemoryModel {
  return {
    ...mm,
    mode: mm.mode,
    load: (a, addr, ptr) => mm.load(a, addr, ptr),
    store(a, t, v) {
      sites.store(a, t.addr, t.what, v);
      mm.store(a, t, v);
    },
    storeRelease(a, t, v) {
      sites.store(a, t.addr, t.what, v);
      mm.storeRelease(a, t, v);
    },
    rmw(a, t, op, x) {
      sites.bits(a, t.addr, op, x, t.what);
      mm.rmw(a, t, op, x);
    },
    wmb: (a) => mm.wmb(a),
    drained: (a) => mm.drained(a),
    drainedTo: (a, ptr) => mm.drainedTo(a, ptr),
    room: (a) => mm.room(a),
    flushable: (out) => mm.flushable(out),
    flush: (id) => mm.flush(id),
    pending: () => mm.pending(),
    sectionStoresBefore: (g) => mm.sectionStoresBefore(g),
  };
}
