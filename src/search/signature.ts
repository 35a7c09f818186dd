/**
 * Bug signatures: what names one bug, not just the invariant it breaks. A run that found something is
 * re-run with site tracking (engine/sites.ts), which fills the violation's facts: the model function
 * and access where it happened (with the kernel lines it mirrors, kernel/sources.ts), and per
 * invariant the site that freed the object (use-after-free), allocated it (leak), cleared the bit or,
 * when it was never set, added the items (lost bit), or what stuck actors wait on (liveness). For a
 * lost bit, a second re-run watches that bit after every step to find the step that cleared it.
 *
 * Facts whose key starts with '_' (which bit to watch) are not part of the signature: numbers that
 * vary between runs never are (labels are normalized, object indices dropped).
 */
import { runScenario } from '../engine/run.js';
import { KERNEL_SOURCE } from '../kernel/sources.js';
import { memcg_at } from '../kernel/memcontrol.js';
import { isLive } from '../model/arena.js';
import type { Kernel, ModelFns } from '../model/kernel.js';
import type { MemoryMode } from '../model/memory-model.js';
import type { Scenario } from '../model/scenario.js';
import type { Violation } from '../model/violation.js';
import { explicitChooser } from '../sched/explicit.js';
import type { Chooser } from '../sched/strategy.js';
import { BUFFER_CAP } from '../memory/weak.js';

const PHRASES: readonly (readonly [string, (v: string) => string])[] = [
  ['in', (v) => `in ${v}${KERNEL_SOURCE[v as keyof ModelFns] ? ` (${KERNEL_SOURCE[v as keyof ModelFns]})` : ''}`],
  ['kind', (v) => v],
  ['access', (v) => `at ${v}`],
  ['object', (v) => `on ${v}`],
  ['freedIn', (v) => `freed in ${v}`],
  ['allocIn', (v) => `allocated in ${v}`],
  ['unbalancedIn', (v) => `references unbalanced in ${v}`],
  ['clearedIn', (v) => `bit cleared in ${v}`],
  ['bit', (v) => `bit ${v}`],
  ['itemsIn', (v) => `items added in ${v}`],
  ['setIn', (v) => `the adder's bit set ${v}`],
  ['waits', (v) => `waiting on ${v}`],
  ['live', (v) => `still running in ${v}`],
  ['lock', (v) => `releasing ${v}`],
  ['loop', (v) => `loop at ${v}`],
];

/** "use-after-free in shrink_slab_memcg_one (mm/shrinker.c:528-576), at READ_ONCE(@->flags), on shrinker, freed in ..." */
export function signatureOf(invariant: string, facts: Readonly<Record<string, string>>): string {
  const known = new Set(PHRASES.map(([k]) => k));
  const parts = PHRASES.flatMap(([k, say]) => (facts[k] !== undefined ? [say(facts[k])] : []));
  for (const [k, v] of Object.entries(facts)) if (!known.has(k) && !k.startsWith('_')) parts.push(`${k} ${v}`);
  return parts.length ? `${invariant} ${parts.join(', ')}` : invariant;
}

export interface Signed {
  violation: Violation;
  signature: string;
}

/** The bit a lost-bit violation is about: memcg index, node, shrinker id. */
function bitOf(v: Violation): [number, number, number] | null {
  const m = /^(\d+):(\d+):(\d+)$/.exec(v.facts._bit ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * Re-run the schedule watching one bit; the site of the last step that took it from set to clear.
 * Under weak memory a buffered clear_bit becomes visible in a flush step: it is the buffering actor's
 * (its latest store or bit operation), not that of whichever actor steps next.
 */
function lastClear(fns: ModelFns, s: Scenario, schedule: readonly number[], memory: MemoryMode, [i, nid, id]: [number, number, number]): string | null {
  let was = 0;
  let cleared: string | null = null;
  let kernel: Kernel | null = null;
  let prev = -1;
  const afterFlush = (): void => {
    const n = kernel === null ? 0 : kernel.actorNames.length;
    if (kernel !== null && prev >= n) watch(kernel, Math.floor((prev - n) / BUFFER_CAP));
  };
  const replay = explicitChooser(schedule);
  const chooser: Chooser = {
    pick(runnable, current, step) {
      afterFlush();
      prev = replay.pick(runnable, current, step);
      return prev;
    },
    value: replay.value,
  };
  const watch = (k: Kernel, a: number): void => {
    kernel = k;
    let now = 0;
    try {
      const memcg = memcg_at(k, i);
      now = memcg && isLive(k, memcg) ? k.fn.shrinker_bit_raw(k, memcg, nid, id) : 0;
    } catch {
      now = 0; // the map is being replaced or freed: no bit to read
    }
    if (was === 1 && now === 0 && k.sites) cleared = k.sites.lastOp[a + 1] || k.sites.fn(a);
    was = now === 1 ? 1 : 0;
  };
  runScenario(fns, s, chooser, { memory, sites: true, afterStep: watch });
  afterFlush(); // the run's last step made a store visible
  return cleared;
}

/** The run's violation with its facts, and its signature; null when the re-run does not fail. */
export function signRun(fns: ModelFns, s: Scenario, schedule: readonly number[], memory: MemoryMode): Signed | null {
  const r = runScenario(fns, s, explicitChooser(schedule), { memory, sites: true });
  const v = r.violation;
  if (v === null) return null;
  if (v.invariant === 'lost-bit') {
    const bit = bitOf(v);
    const cleared = bit && lastClear(fns, s, schedule, memory, bit);
    if (cleared) {
      v.facts.clearedIn = cleared;
      delete v.facts.itemsIn;
      delete v.facts.setIn;
    } else v.facts.bit = 'never set';
  }
  return { violation: v, signature: signatureOf(v.invariant, v.facts) };
}
