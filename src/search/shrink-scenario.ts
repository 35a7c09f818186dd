/**
 * Scenario shrinking: a greedy pass that takes away whole actors and single operations, then makes
 * the machine smaller, keeping an edit only when the run still fails the same way (the same invariant
 * and, when given, the same signature: shrink.ts). Repeated to a fixed point, within a deadline, and
 * stopped by the control block's interrupt flag.
 *
 * An explicit schedule names actors by their place among the runnable ones, so a scenario edit
 * scrambles it. Each edit is run instead by following the picks of the run it edits (actor ids,
 * renumbered: scenario-edits.ts, sched/follow.ts), so every other actor takes the same steps in the
 * same order; the run records the new explicit schedule. Which picks belong to an operation is
 * measured on the run itself (the engine reports when each actor begins an operation).
 *
 * "Takes part": an actor of a counterexample takes part when removing it (the same way) loses the
 * failure. After a pass reaches its fixed point, every actor takes part.
 */
import { runScenario } from '../engine/run.js';
import type { ModelFns } from '../model/kernel.js';
import type { MemoryMode } from '../model/memory-model.js';
import { actorsOf, scenarioProblem, type Scenario } from '../model/scenario.js';
import type { InvariantName } from '../model/violation.js';
import { explicitChooser, trimSchedule } from '../sched/explicit.js';
import { followChooser, recordingChooser, type FollowMode } from '../sched/follow.js';
import type { Chooser } from '../sched/strategy.js';
import { randomChooser } from '../sched/random.js';
import { beat, interrupted, type Control } from './control.js';
import { mergeActors, removeActor, removeOp, simplerScenarios, type Edit } from './scenario-edits.js';
import { signRun } from './signature.js';

/** What "fails the same way" means for one shrink. */
export interface FailSpec {
  fns: ModelFns;
  memory: MemoryMode;
  invariant: InvariantName;
  /** when given, a candidate must also have this signature (search/signature.ts) */
  signature?: string;
  control?: Control;
}

/** A failing run: its scenario, explicit schedule, the ids it picked, and the steps it executed. */
export interface Failing {
  s: Scenario;
  schedule: number[];
  picks: number[];
  runSteps: number;
}

/** Runs `s` under `chooser`; the run if it fails the way `spec` says, else null. */
export function failingRun(spec: FailSpec, s: Scenario, chooser: Chooser): Failing | null {
  if (scenarioProblem(s) !== null) return null;
  beat(spec.control);
  const picks: number[] = [];
  const r = runScenario(spec.fns, s, recordingChooser(chooser, picks), { memory: spec.memory });
  if (r.violation?.invariant !== spec.invariant) return null;
  const schedule = trimSchedule(r.schedule);
  if (spec.signature !== undefined && signRun(spec.fns, s, schedule, spec.memory)?.signature !== spec.signature) return null;
  return { s, schedule, picks, runSteps: r.steps };
}

/** Random schedules tried on an edit whose picks no longer fail (an actor's steps moved, say). */
const RESEARCH_RUNS = 48;

/**
 * An edit run by following its picks, deferred then skipped where they cannot be followed; failing
 * that, and when `research`, a few seeded random schedules (switching every 1 to 8 steps) on it.
 */
function tryEdit(spec: FailSpec, e: Edit, research = false): Failing | null {
  for (const mode of ['defer', 'skip'] as FollowMode[]) {
    const f = failingRun(spec, e.s, followChooser(e.picks, mode));
    if (f !== null) return f;
  }
  for (let i = 0; research && i < RESEARCH_RUNS && !interrupted(spec.control); i++) {
    const f = failingRun(spec, e.s, randomChooser(0x5eed + i, i % 4));
    if (f !== null) return f;
  }
  return null;
}

/**
 * Per actor, the picks of each of its operations: [from, to) among that actor's own picks (`spans`), and
 * the global step each operation began at (`begins`, for merging two actors in the order their
 * operations ran).
 */
function opSpans(spec: FailSpec, cur: Failing): { spans: [number, number][][]; begins: number[][] } {
  const begun: number[][] = actorsOf(cur.s).map(() => []);
  const begins: number[][] = actorsOf(cur.s).map(() => []);
  const own = new Array<number>(begun.length + 1).fill(0); // the actors' steps, and the RCU runner's
  let step = 0;
  runScenario(spec.fns, cur.s, explicitChooser(cur.schedule), {
    memory: spec.memory,
    onOpBegin: (a) => void (begun[a]?.push(own[a]), begins[a]?.push(step)),
    afterStep: (_k, a) => void (own[a]++, step++),
  });
  const spans = actorsOf(cur.s).map((actor, a) => actor.ops.map((_, j): [number, number] => {
    const total = own[a];
    // an operation that begins inside step b ends the step before; its own steps start at b + 1
    const from = j < begun[a].length ? begun[a][j] + 1 : total;
    const to = j + 1 < begun[a].length ? begun[a][j + 1] + 1 : total;
    return [Math.min(from, total), Math.min(to, total)];
  }));
  return { spans, begins };
}

/** Which actor's operation comes next when `a`'s and `b`'s run as one actor, in the order they began (ops never begun go last). */
function interleaving(begins: number[][], s: Scenario, a: number, b: number): boolean[] {
  const actors = actorsOf(s);
  const at = (x: number, j: number): number => begins[x][j] ?? Number.MAX_SAFE_INTEGER;
  const order: boolean[] = []; // true: a's next operation
  for (let i = 0, j = 0; i < actors[a].ops.length || j < actors[b].ops.length;) {
    const takeA = j >= actors[b].ops.length || (i < actors[a].ops.length && at(a, i) <= at(b, j));
    order.push(takeA);
    if (takeA) i++;
    else j++;
  }
  return order;
}

/** Every edit of `cur`, biggest first: whole actors, merged actors, single operations, then a simpler machine. */
function* editsOf(spec: FailSpec, cur: Failing): Generator<Edit> {
  const actors = actorsOf(cur.s);
  for (let a = actors.length - 1; a >= 0; a--) if (actors.length > 1) yield removeActor(cur.s, cur.picks, a);
  const { spans, begins } = opSpans(spec, cur);
  for (let a = 0; a < actors.length; a++) {
    for (let b = 0; b < actors.length; b++) {
      // the actor that runs first keeps its place; the other's operations follow its own, or take
      // their places among them in the order they ran (one actor that adds, another that deletes)
      if (a !== b && actors[a].role === actors[b].role && cur.picks.indexOf(a) <= cur.picks.indexOf(b)) {
        yield mergeActors(cur.s, cur.picks, a, b);
        const order = interleaving(begins, cur.s, a, b);
        if (order.some((takeA, i) => takeA !== i < actors[a].ops.length)) yield mergeActors(cur.s, cur.picks, a, b, order);
      }
    }
  }
  for (let a = actors.length - 1; a >= 0; a--) {
    for (let j = actors[a].ops.length - 1; j >= 0; j--) yield removeOp(cur.s, cur.picks, a, j, spans[a][j]);
  }
  // two operations of two actors at once: a race in a later operation may need both earlier ones gone
  for (let a = actors.length - 1; a >= 0; a--) {
    for (let b = a - 1; b >= 0; b--) {
      for (let j = actors[a].ops.length - 1; j >= 0; j--) {
        const one = removeOp(cur.s, cur.picks, a, j, spans[a][j]);
        for (let i = actors[b].ops.length - 1; i >= 0; i--) yield { ...removeOp(one.s, one.picks, b, i, spans[b][i]), what: `${one.what} and op ${i} of actor ${b}`, pair: true };
      }
    }
  }
  for (const [what, s] of simplerScenarios(cur.s)) yield { what, s, picks: cur.picks, structural: false };
}

/** The greedy pass to a fixed point (or the deadline, or an interrupt). */
export function shrinkScenario(spec: FailSpec, s: Scenario, schedule: readonly number[], deadline: number): [Scenario, number[]] {
  let cur = failingRun(spec, s, explicitChooser(schedule));
  if (cur === null) return [s, trimSchedule(schedule)];
  const over = (): boolean => performance.now() >= deadline || interrupted(spec.control);
  for (let changed = true; changed && !over();) {
    changed = false;
    for (const e of editsOf(spec, cur)) {
      if (over()) break;
      const next = tryEdit(spec, e, true);
      if (next === null || (!e.structural && next.runSteps > cur.runSteps)) continue;
      cur = next;
      changed = true;
      break;
    }
  }
  return [cur.s, cur.schedule];
}

/** Per actor of a counterexample: does removing it (its picks dropped, the others followed) lose the failure? */
export function takesPart(spec: FailSpec, s: Scenario, schedule: readonly number[]): boolean[] {
  const cur = failingRun(spec, s, explicitChooser(schedule));
  if (cur === null) throw new Error('internal: takesPart of a run that does not fail');
  const actors = actorsOf(s);
  return actors.map((_, a) => actors.length === 1 || tryEdit(spec, removeActor(s, cur.picks, a)) === null);
}
