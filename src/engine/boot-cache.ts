/**
 * Booted kernels, remembered. A run's boot (setup(): the scenario's memcgs, then its shrinkers with
 * their owners, through the design's own functions, one actor alone) depends only on the design's
 * functions, the layout and the scenario's boot fields, and leaves all of its state in the shared
 * buffer (the arena cursors, the RCU counter, the statistics: setup() changes no other field of the
 * kernel). So a search that runs one scenario many times (shrinking a schedule, replays, the
 * exhaustive strategy, a finding's fixed scenario, the engine-speed bench) boots it once and each run
 * starts from a copy of the booted words in a fresh buffer: the same words setup() would have written.
 *
 * Keyed by the functions object (a site-tracking or coverage run wraps them per run: never cached)
 * and the scenario's boot key; a scenario object is looked up from its second run on (bootKeyFor), a
 * few boots per design are kept (the oldest goes first), none above 4 MB.
 */
import type { ModelFns } from '../model/kernel.js';
import type { Bounds, Layout } from '../model/layout.js';
import { itemsCreated, memcgsCreated, shrinkersCreated, type Scenario } from '../model/scenario.js';

/** the run's boot options (RunOptions.boot) */
export interface BootOptions {
  caps?: Bounds['caps'];
  shrinkersFirst?: boolean;
}

interface Booted {
  L: Layout;
  words: Int32Array;
}

const KEEP = 4;
/** a boot larger than this (the bench's 2000 x 2000 passes, hundreds of MB) is run once and not kept */
const MAX_WORDS = 1 << 20;
const cache = new WeakMap<ModelFns, Map<string, Booted>>();

/** What the booted state depends on besides the functions: the layout's bounds and every field setup() reads. */
export function bootKey(s: Scenario, o: BootOptions = {}): string {
  const actors = s.producers.length + s.reclaimers.length + s.expanders.length + s.unregisterers.length + s.lifecycles.length;
  // boundsOf(s) is (nodes, these three, unitBits, actors + 1)
  const key = `${s.nodes} ${s.memcgs} ${s.unitBits} ${s.shrinkers} ${s.numaMask} ${s.globalMask} ${s.nonslabMask} ${s.nokmem} ${s.failMask} ${actors} ` +
    `${memcgsCreated(s)} ${shrinkersCreated(s)} ${itemsCreated(s)}`;
  return o.caps === undefined && !o.shrinkersFirst ? key : `${key} ${JSON.stringify(o.caps ?? null)} ${o.shrinkersFirst ?? false}`;
}

/** A fresh buffer holding the booted words of (fns, key), and its layout; null when not booted yet. */
export function bootedCopy(fns: ModelFns, key: string): { L: Layout; mem: Int32Array } | null {
  const b = cache.get(fns)?.get(key);
  if (b === undefined) return null;
  const mem = new Int32Array(new SharedArrayBuffer(b.words.length * 4));
  mem.set(b.words);
  return { L: b.L, mem };
}

/** scenario objects run once: a caller that runs the same scenario object again is one worth remembering for */
const runOnce = new WeakSet<Scenario>();

/**
 * The boot key to look up and remember for this run, or null: a scenario object never run before is
 * not looked up (a search's generated scenarios are new objects that rarely repeat; their runs pay one
 * WeakSet check), the second run of the same object computes its key (its content, so a caller that
 * changed the object in between gets its own boot).
 */
export function bootKeyFor(s: Scenario, o: BootOptions = {}): string | null {
  if (runOnce.has(s)) return bootKey(s, o);
  runOnce.add(s);
  return null;
}

/** Remember a kernel just booted (before any actor ran). */
export function rememberBoot(fns: ModelFns, key: string, L: Layout, mem: Int32Array): void {
  if (L.words > MAX_WORDS) return;
  let m = cache.get(fns);
  if (m === undefined) cache.set(fns, (m = new Map()));
  m.delete(key);
  m.set(key, { L, words: mem.slice(0, L.words) });
  if (m.size > KEEP) m.delete(m.keys().next().value!);
}
