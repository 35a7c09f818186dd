/**
 * check: search generated (scenario, schedule) pairs for a violation, then shrink it.
 *
 *  1. search: fast-check generates scenarios and strategy plans (random seed, or PCT parameters) from
 *     `seed`; each run records its explicit schedule. The first failing run ends the search.
 *  2. shrink: fast-check shrinks (scenario, explicit schedule) from that run, keeping only candidates
 *     that fail with the same invariant. The result is the minimal counterexample.
 *  3. render: the shrunk run is re-run with tracing, and its token is the replay line.
 * The CLI and the tests call this same function.
 */
import fc from 'fast-check';
import { runScenario } from '../engine/run.js';
import type { InvariantName } from '../invariants/violation.js';
import { scenarioProblem, type Scenario } from '../model/scenario.js';
import { explicitChooser, trimSchedule } from '../sched/explicit.js';
import { chooserFor } from '../sched/plan.js';
import type { StrategyName } from '../sched/strategy.js';
import { encodeToken } from '../sched/token.js';
import type { MemoryMode } from '../memory/model.js';
import { resolveFns } from '../variants/registry.js';
import { variantSpec, type Variant } from '../variants/variant.js';
import { DEFAULT_WORKLOADS, scenarioArb, shrinkableScenarioArb, type Workload } from '../../properties/scenario.js';
import { explicitScheduleArb, planArb } from '../../properties/schedule.js';
import { renderFailure } from '../report/failure.js';
import { countSwitches } from '../sched/explicit.js';
import { minimizeSwitches } from '../sched/minimize.js';

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
  /** stop searching after this long, found or not (bench: time to first failure within a budget) */
  timeLimitMs?: number;
  onProgress?: (runsDone: number, runsTotal: number) => void;
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
  ok: boolean;
  variant: string;
  memory: MemoryMode;
  workloads: readonly Workload[];
  strategy: StrategyName;
  seed: number;
  runs: number;
  steps: number;
  elapsedMs: number;
  /** over every run: do_shrink_slab calls and reclaim passes (their ratio is the reclaim cost) */
  doShrinkSlab: number;
  passes: number;
  /** set bits visited by memcg walks, over every run */
  visits: number;
  failure?: FoundFailure;
}

export function check(o: CheckOptions): CheckResult {
  const fns = resolveFns(o.variant);
  const memory = o.memory ?? 'sc';
  const t0 = performance.now();
  let runs = 0;
  let steps = 0;
  let doShrinkSlab = 0;
  let passes = 0;
  let visits = 0;
  let found: { s: Scenario; schedule: number[]; invariant: InvariantName; at: number } | null = null;
  const every = Math.max(1, Math.floor(o.runs / 100));
  fc.check(
    fc.property(scenarioArb(o.workloads), planArb(o.strategy), (s, plan) => {
      const r = runScenario(fns, s, chooserFor(plan, s), { memory });
      runs++;
      steps += r.steps;
      doShrinkSlab += r.stats.doShrinkSlab;
      passes += r.stats.passes;
      visits += r.stats.visits;
      if (o.onProgress && runs % every === 0) o.onProgress(runs, o.runs);
      if (r.violation === null) return true;
      found = { s, schedule: trimSchedule(r.schedule), invariant: r.violation.invariant, at: performance.now() };
      return false;
    }),
    { numRuns: o.runs, seed: o.seed, endOnFailure: true, ...(o.timeLimitMs !== undefined && { interruptAfterTimeLimit: o.timeLimitMs }) },
  );
  const base = { variant: o.variant.name, memory, workloads: o.workloads ?? DEFAULT_WORKLOADS, strategy: o.strategy, seed: o.seed, runs, steps, doShrinkSlab, passes, visits };
  if (found === null) return { ok: true, ...base, elapsedMs: performance.now() - t0 };
  const f = found as { s: Scenario; schedule: number[]; invariant: InvariantName; at: number };

  const t1 = performance.now();
  const [s, schedule] = shrinkFailure(o.variant, f.s, f.schedule, f.invariant, o.seed, o.shrinkTimeMs, memory);
  const shrinkMs = performance.now() - t1;
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
  return { ok: false, ...base, elapsedMs: performance.now() - t0, failure };
}

/**
 * Shrink a failing (scenario, explicit schedule), keeping only candidates that fail with the same
 * invariant: first delta debugging over its context switches (sched/minimize.ts), then fast-check's
 * shrinker over (schedule, scenario). Bounded by `timeMs`; the best counterexample so far is kept.
 */
export function shrinkFailure(variant: Variant, s0: Scenario, found: number[], invariant: InvariantName, seed: number, timeMs = 20_000, memory: MemoryMode = 'sc'): [Scenario, number[]] {
  const fns = resolveFns(variant);
  const t0 = performance.now();
  const sched0 = minimizeSwitches(found, (c) => runScenario(fns, s0, explicitChooser(c), { memory }).violation?.invariant === invariant, t0 + timeMs / 2);
  const out = fc.check(
    fc.property(explicitScheduleArb(Math.max(1, sched0.length)), shrinkableScenarioArb(), (sched, s) => {
      if (scenarioProblem(s) !== null) return true;
      return runScenario(fns, s, explicitChooser(sched), { memory }).violation?.invariant !== invariant;
    }),
    { examples: [[sched0, s0]], numRuns: 1, seed, interruptAfterTimeLimit: Math.max(1, timeMs - (performance.now() - t0)) },
  );
  if (!out.failed || out.counterexample === null) return [s0, sched0];
  const [sched, s] = out.counterexample as [number[], Scenario];
  return [s, trimSchedule(sched)];
}

/** Re-run a counterexample with tracing: its token, its failure text, its invariant and message. */
export function renderCounterexample(variant: Variant, s: Scenario, schedule: number[], memory: MemoryMode = 'sc') {
  const final = runScenario(resolveFns(variant), s, explicitChooser(schedule), { trace: true, memory });
  if (final.violation === null) throw new Error('internal: the counterexample no longer fails');
  const replay = { variant: variantSpec(variant), memory, scenario: s, schedule };
  const token = encodeToken(replay);
  return { invariant: final.violation.invariant, message: final.violation.message, token, text: renderFailure(replay, token, final), runSteps: final.steps };
}
