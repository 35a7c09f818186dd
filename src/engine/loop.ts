/**
 * The deterministic engine's scheduling loop, shared by scenario runs (run.ts) and litmus tests
 * (src/engine/litmus): at each step, the runnable actors (not finished, not blocked) and, under weak
 * memory, the buffered stores that may become visible, are offered to the chooser; its pick runs one
 * step (or makes one store visible) and is recorded as an explicit schedule entry; a choice inside a
 * step (which visible value a load reads, weak memory) is asked of the chooser's `value` and recorded
 * as an entry of its own, the index itself. Ends when every
 * actor has finished and every store is visible; throws a liveness Violation when every live actor is
 * blocked (deadlock) or the step budget runs out. Model violations (and harness errors) propagate to
 * the caller, with `k.step` and `k.actor` still naming the step that threw.
 */
import { Violation } from '../model/violation.js';
import type { Kernel } from '../model/kernel.js';
import { choiceCode } from '../sched/explicit.js';
import type { Chooser } from '../sched/strategy.js';
import type { Step, Wait } from '../model/wait.js';
import { loopGuard } from '../sync/loop-guard.js';
import { normalizeLabel } from '../model/sites.js';

export interface LoopOptions {
  maxSteps: number;
  /** called when actor `a` finishes */
  onDone?: (a: number) => void;
  /** called after every actor step (site tracking watches a bit with it); absent on the fast path */
  afterStep?: (a: number) => void;
}

/** Runs `gens` (actor ids are their indices) to the end; appends every pick to `schedule`. */
export function runActors(k: Kernel, gens: Step[], chooser: Chooser, schedule: number[], o: LoopOptions): void {
  const n = gens.length;
  const mm = k.mm;
  const waits: (Wait | undefined)[] = new Array(n).fill(undefined);
  const done: boolean[] = new Array(n).fill(false);
  const runnable: number[] = [];
  let live = n;
  let current = -1;
  // a choice inside a step (weak memory's stale reads): an entry of its own, counted as a step
  // (its index is the schedule's length: the step that asks was recorded already, k.step counts it after)
  k.choose = (width) => {
    const i = chooser.value === undefined ? 0 : chooser.value(width, schedule.length) % width;
    schedule.push(i);
    k.step++;
    return i;
  };
  while (live > 0 || mm.pending() > 0) {
    let m = 0;
    let currentRuns = false;
    for (let a = 0; a < n; a++) {
      if (done[a]) continue;
      const w = waits[a];
      if (w === undefined || w.ready()) {
        runnable[m++] = a;
        if (a === current) currentRuns = true;
      }
    }
    if (runnable.length !== m) runnable.length = m; // (rarely changes from one step to the next)
    mm.flushable(runnable); // weak memory: making a buffered store visible is a choice too (ids >= n)
    if (runnable.length === 0) {
      k.actor = -1; // not any actor's step: the signature names what they wait on
      throw deadlock(k, waits, done);
    }
    if (k.step >= o.maxSteps) {
      const live = [...new Set(gens.flatMap((_, b) => (done[b] ? [] : [k.sites ? k.sites.fn(b) : k.actorNames[b].replace(/\d+$/, '')])))].sort();
      k.actor = -1;
      throw new Violation('liveness', `no quiescence after ${o.maxSteps} steps (livelock or a step budget too small)`, { kind: 'step budget', live: live.join(', ') });
    }
    const a = chooser.pick(runnable, current, k.step);
    // encodeChoice(), with current's runnability known from the loop above (a store flush, id >= n, looked up)
    schedule.push(choiceCode(runnable, currentRuns || (current >= n && runnable.includes(current)) ? current : runnable[0], a));
    current = a;
    if (a >= n) {
      mm.flush(a);
      k.step++;
      continue;
    }
    k.actor = a;
    loopGuard.n = 0; // a fresh loop budget for this step (src/sync/loop-guard.ts)
    // waking from a wait is an acquire: what the waker did before it is seen (memory-barriers.txt,
    // "SLEEP AND WAKE-UP FUNCTIONS"; lock waits, synchronize_rcu(), wait_for_completion())
    if (waits[a] !== undefined) mm.order(a, 'acquire');
    const r = gens[a].next();
    k.step++;
    if (o.afterStep !== undefined) o.afterStep(a);
    if (r.done) {
      done[a] = true;
      waits[a] = undefined;
      live--;
      o.onDone?.(a);
    } else {
      waits[a] = r.value;
    }
  }
  k.actor = -1;
  k.choose = null;
}

function deadlock(k: Kernel, waits: readonly (Wait | undefined)[], done: readonly boolean[]): Violation {
  const names = k.actorNames;
  // with site tracking: a wait on an object whose references some call left unbalanced (a leaked
  // reference keeps shrinker_free() waiting) names that call, so the hang is signed by its cause
  const left = names.flatMap((_, a) => {
    const obj = done[a] ? undefined : waits[a]?.obj;
    const u = obj === undefined ? undefined : k.sites?.unbalancedOn(obj);
    return u === undefined ? [] : [u];
  });
  const who = names.map((name, a) => (done[a] ? '' : `${name} waits on ${waits[a]?.what ?? '?'}`)).filter(Boolean);
  const on = [...new Set(names.flatMap((_, a) => (done[a] ? [] : [normalizeLabel(waits[a]?.what ?? '?')])))].sort();
  return new Violation('liveness', `deadlock: every live actor is blocked: ${who.join('; ')}`, { kind: 'deadlock', waits: on.join('; '), ...(left.length > 0 && { unbalancedIn: [...new Set(left)].sort().join('; ') }) });
}
