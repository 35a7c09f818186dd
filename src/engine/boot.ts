/**
 * The one way to boot a kernel: lay out the shared buffer for a scenario (or for explicit bounds),
 * take a buffer of that size (fresh, or the caller's: the thread engine reuses a few across runs, and
 * a worker views the main thread's), name the actors, and make the kernel view over it. Every engine
 * and harness goes through here (engine/run.ts, threads/run-threaded.ts, workers/step-actors.ts,
 * bench/fc-scheduler-run.ts, engine/litmus/explore.ts); `setup()` (actors/setup.ts) then boots the
 * scenario's state, inside the caller's error handling.
 */
import { setup } from '../actors/setup.js';
import { makeKernel, type Kernel, type ModelFns } from '../model/kernel.js';
import { computeLayout, type Bounds, type Layout } from '../model/layout.js';
import { actorsOf, itemsCreated, memcgsCreated, ROLES, shrinkersCreated, type Scenario } from '../model/scenario.js';

export { setup };

export function boundsOf(s: Scenario): Bounds {
  return { nodes: s.nodes, memcgs: memcgsCreated(s) + 1, shrinkers: Math.max(1, shrinkersCreated(s)), unitBits: s.unitBits, actors: actorsOf(s).length + 1, items: Math.max(1, itemsCreated(s)) };
}

/** producer0, producer1, reclaimer0, ... and the RCU callback runner last */
export function actorNamesOf(s: Scenario): string[] {
  const seen = new Map<string, number>();
  const names = actorsOf(s).map((a) => {
    const role = ROLES[a.role];
    const n = seen.get(role) ?? 0;
    seen.set(role, n + 1);
    return `${role}${n}`;
  });
  return [...names, 'rcu'];
}

/** where the words come from: a fresh SharedArrayBuffer by default */
export type BufferSource = Int32Array | ((words: number) => Int32Array);

const fresh = (words: number): Int32Array => new Int32Array(new SharedArrayBuffer(words * 4));

/** A kernel over a buffer laid out for `bounds`, its actors named `names` (litmus tests, probes). */
export function kernelOfBounds(fns: ModelFns, bounds: Bounds, names: readonly string[], buffer: BufferSource = fresh): Kernel {
  const L: Layout = computeLayout(bounds);
  const mem = typeof buffer === 'function' ? buffer(L.words) : buffer;
  if (mem.length < L.words) throw new Error(`internal: a buffer of ${mem.length} words for a layout of ${L.words}`);
  return makeKernel(mem, L, fns, names);
}

/** A kernel for scenario `s` (not yet set up: call setup(k, s)); `ringCap` sizes the thread engine's ticket log. */
export function kernelFor(fns: ModelFns, s: Scenario, o: { buffer?: BufferSource; ringCap?: number; caps?: Bounds['caps'] } = {}): Kernel {
  return kernelOfBounds(fns, { ...boundsOf(s), ...(o.ringCap !== undefined && { ringCap: o.ringCap }), ...(o.caps && { caps: o.caps }) }, actorNamesOf(s), o.buffer);
}
