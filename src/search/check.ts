/**
 * check: search generated (scenario, schedule) pairs for a violation, then shrink it.
 *
 *  1. search: fast-check generates scenarios and strategy plans (random seed, or PCT parameters) from
 *     `seed`; each run records its explicit schedule. The first failing run ends the search.
 *  2. shrink: src/search/shrink.ts, keeping only candidates that fail with the same invariant.
 *  3. render: the shrunk run is re-run with tracing, and its token is the replay line.
 *
 * A verdict must be earned: `ok` means every one of the runs asked for ran and passed, or the time
 * budget ended the search (then `stopped` says so). A run that ends in a harness error (anything
 * thrown that is not a Violation) ends the search with `error`: never a pass. Ctrl-C (the control
 * block's interrupt flag) ends it with `stopped: 'interrupt'`, keeping what was found so far.
 * The CLI and the tests call this same function.
 */
import fc from 'fast-check';
import { runScenario } from '../engine/run.js';
import type { InvariantName } from '../model/violation.js';
import type { Scenario } from '../model/scenario.js';
import { countSwitches, trimSchedule } from '../sched/explicit.js';
import { chooserFor } from '../sched/plan.js';
import type { StrategyName } from '../sched/strategy.js';
import type { MemoryMode } from '../model/memory-model.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';
import { scenarioArb } from './scenario-arb.js';
import { DEFAULT_WORKLOADS, type Workload } from '../model/workloads.js';
import { planArb } from './schedule-arb.js';
import { beat, CTL_PHASE_RENDER, CTL_PHASE_SHRINK, interrupted, setPhase, setRuns, type Control } from './control.js';
import { harnessErrorOfRun, harnessErrorOfSearch, type HarnessError } from './harness-error.js';
import type { HarnessFault } from '../engine/harness-fault.js';
import { renderCounterexample, shrinkFailure } from './shrink.js';

export { renderCounterexample, shrinkFailure };
export type { HarnessError };

export interface CheckOptions {
  variant: Variant;
  runs: number;
  seed: number;
  strategy: StrategyName;
  /** memory model (default sc) */
  memory?: MemoryMode;
  /** model features the generated scenarios use (default DEFAULT_WORKLOADS) */
  workloads?: readonly Workload[];
  /** stop shrinking after this long (the best counterexample so far is kept) */
  shrinkTimeMs?: number;
  /** stop searching after this long, found or not (`--time`; bench: time to first failure within a budget) */
  timeLimitMs?: number;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  /** interrupt flag and progress counters shared with another thread (src/search/control.ts) */
  control?: Control;
}

export interface FoundFailure {
  invariant: InvariantName;
  message: string;
  token: string;
  /** the failure's full text: what `replay token` prints */
  text: string;
  /** explicit schedule length after shrinking (trailing zeros dropped) */
  steps: number;
  /** steps the shrunk run executed */
  runSteps: number;
  switches: number;
  runsToFirstFailure: number;
  timeToFirstFailureMs: number;
  /** explicit schedule length of the failure as found, before shrinking */
  foundSteps: number;
  shrinkMs: number;
  scenario: Scenario;
  schedule: number[];
}

export interface CheckResult {
  /** no violation, no harness error, and every run asked for ran (or the time budget ended the search) */
  ok: boolean;
  variant: string;
  memory: MemoryMode;
  workloads: readonly Workload[];
  strategy: StrategyName;
  seed: number;
  runs: number;
  runsAsked: number;
  /** why the search ended before `runsAsked` runs without a verdict: its time budget, or an interrupt */
  stopped: 'time' | 'interrupt' | null;
  steps: number;
  elapsedMs: number;
  /** over every run: do_shrink_slab calls and reclaim passes (their ratio is the reclaim cost) */
  doShrinkSlab: number;
  passes: number;
  /** set bits visited by memcg walks, over every run */
  visits: number;
  failure?: FoundFailure;
  error?: HarnessError;
}

/** Thrown inside the property to end fast-check's loop at once when the control block says so. */
const INTERRUPT = new Error('interrupted');

type Found =
  | { kind: 'violation'; s: Scenario; schedule: number[]; invariant: InvariantName; at: number }
  | { kind: 'error'; s: Scenario; schedule: number[]; fault: HarnessFault; run: number };

export function check(o: CheckOptions): CheckResult {
  const fns = resolveFns(o.variant);
  const memory = o.memory ?? 'sc';
  const t0 = performance.now();
  let runs = 0;
  let steps = 0;
  let doShrinkSlab = 0;
  let passes = 0;
  let visits = 0;
  let found: Found | null = null;
  const every = Math.max(1, Math.floor(o.runs / 100));
  const out = fc.check(
    fc.property(scenarioArb(o.workloads), planArb(o.strategy), (s, plan) => {
      if (interrupted(o.control)) throw INTERRUPT;
      beat(o.control);
      const r = runScenario(fns, s, chooserFor(plan, s), { memory });
      runs++;
      setRuns(o.control, runs);
      steps += r.steps;
      doShrinkSlab += r.stats.doShrinkSlab;
      passes += r.stats.passes;
      visits += r.stats.visits;
      if (o.onProgress && runs % every === 0) o.onProgress(runs, o.runs);
      if (r.error !== null) {
        found = { kind: 'error', s, schedule: r.schedule, fault: r.error, run: runs };
        return false;
      }
      if (r.violation === null) return true;
      found = { kind: 'violation', s, schedule: trimSchedule(r.schedule), invariant: r.violation.invariant, at: performance.now() };
      return false;
    }),
    { numRuns: o.runs, seed: o.seed | 0, endOnFailure: true, ...(o.timeLimitMs !== undefined && { interruptAfterTimeLimit: o.timeLimitMs }) },
  );
  let stopped: CheckResult['stopped'] = null;
  let error: HarnessError | undefined;
  const f = found as Found | null;
  if (f?.kind === 'error') {
    error = harnessErrorOfRun(o.variant, f.s, f.schedule, f.fault, f.run, memory);
  } else if (f === null) {
    if (out.failed && out.errorInstance === INTERRUPT) stopped = 'interrupt';
    else if (out.failed) error = harnessErrorOfSearch(out.errorInstance, runs + 1, o.seed);
    else if (out.interrupted && o.timeLimitMs !== undefined) stopped = 'time';
    else if (runs < o.runs) error = harnessErrorOfSearch(new Error(`the search ended after ${runs} of ${o.runs} runs without a verdict`), runs + 1, o.seed);
  }
  const base = { variant: o.variant.name, memory, workloads: o.workloads ?? DEFAULT_WORKLOADS, strategy: o.strategy, seed: o.seed, runs, runsAsked: o.runs, stopped, steps, doShrinkSlab, passes, visits };
  if (f?.kind !== 'violation') {
    const ok = error === undefined && stopped !== 'interrupt';
    return { ok, ...base, elapsedMs: performance.now() - t0, ...(error && { error }) };
  }

  const t1 = performance.now();
  setPhase(o.control, CTL_PHASE_SHRINK);
  const [s, schedule] = shrinkFailure(o.variant, f.s, f.schedule, f.invariant, o.seed, o.shrinkTimeMs, memory, o.control);
  const shrinkMs = performance.now() - t1;
  setPhase(o.control, CTL_PHASE_RENDER);
  const shown = renderCounterexample(o.variant, s, schedule, memory);
  const failure: FoundFailure = {
    ...shown,
    steps: schedule.length,
    switches: countSwitches(schedule),
    runsToFirstFailure: runs,
    timeToFirstFailureMs: f.at - t0,
    foundSteps: f.schedule.length,
    shrinkMs,
    scenario: s,
    schedule,
  };
  // Ctrl-C while shrinking: the best counterexample so far is kept, and the result says it was interrupted
  return { ok: false, ...base, stopped: interrupted(o.control) ? 'interrupt' : null, elapsedMs: performance.now() - t0, failure };
}
