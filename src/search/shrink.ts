/**
 * Shrinking a failing run, and re-running the result with tracing.
 *
 * shrinkFailure keeps only candidates that fail with the same invariant: first delta debugging over
 * the context switches of the schedule (sched/minimize.ts), then fast-check's shrinker over
 * (schedule, scenario). It is bounded by a time budget and by the control block's interrupt flag
 * (Ctrl-C): either way the best counterexample so far is kept. A candidate that ends in a harness
 * error does not count as failing (it is not the same bug), so a shrink never slides onto one.
 */
import fc from 'fast-check';
import { runScenario } from '../engine/run.js';
import type { InvariantName } from '../model/violation.js';
import type { MemoryMode } from '../model/memory-model.js';
import { scenarioProblem, type Scenario } from '../model/scenario.js';
import { renderFailure } from '../report/failure.js';
import { explicitChooser, trimSchedule } from '../sched/explicit.js';
import { minimizeSwitches } from '../sched/minimize.js';
import { encodeToken } from '../sched/token.js';
import { resolveFns } from '../variants/registry.js';
import { variantSpec, type Variant } from '../variants/variant.js';
import { explicitScheduleArb } from './schedule-arb.js';
import { shrinkableScenarioArb } from './scenario-arb.js';
import { beat, interrupted, type Control } from './control.js';
import { signRun } from './signature.js';

export function shrinkFailure(variant: Variant, s0: Scenario, found: number[], invariant: InvariantName, seed: number, timeMs = 20_000,
  memory: MemoryMode = 'sc', control?: Control, signature?: string): [Scenario, number[]] {
  const fns = resolveFns(variant);
  const t0 = performance.now();
  // a candidate fails as the original did: the same invariant and, when given, the same signature (the
  // fast run first; the site-tracking re-run only for candidates that break the invariant)
  const fails = (s: Scenario, sched: readonly number[]): boolean => {
    beat(control);
    if (runScenario(fns, s, explicitChooser(sched), { memory }).violation?.invariant !== invariant) return false;
    return signature === undefined || signRun(fns, s, sched, memory)?.signature === signature;
  };
  const stop = (): boolean => interrupted(control);
  const sched0 = minimizeSwitches(found, (c) => !stop() && fails(s0, c), t0 + timeMs / 2);
  if (stop()) return [s0, sched0];
  const out = fc.check(
    fc.property(explicitScheduleArb(Math.max(1, sched0.length)), shrinkableScenarioArb(), (sched, s) => {
      if (stop() || scenarioProblem(s) !== null) return true;
      return !fails(s, sched);
    }),
    { examples: [[sched0, s0]], numRuns: 1, seed: seed | 0, interruptAfterTimeLimit: Math.max(1, timeMs - (performance.now() - t0)) },
  );
  if (!out.failed || out.counterexample === null) return [s0, sched0];
  const [sched, s] = out.counterexample as [number[], Scenario];
  return [s, trimSchedule(sched)];
}

/** Re-run a counterexample with tracing: its token, its failure text, its invariant and message. */
export function renderCounterexample(variant: Variant, s: Scenario, schedule: number[], memory: MemoryMode = 'sc') {
  const fns = resolveFns(variant);
  const final = runScenario(fns, s, explicitChooser(schedule), { trace: true, memory });
  if (final.violation === null) throw new Error(`internal: the counterexample no longer fails${final.error ? ` (${final.error.message})` : ''}`);
  const signature = signRun(fns, s, schedule, memory)?.signature ?? final.violation.invariant;
  const replay = { variant: variantSpec(variant), bundle: variant.bundle, memory, scenario: s, schedule };
  const token = encodeToken(replay);
  return { invariant: final.violation.invariant, signature, message: final.violation.message, token, text: renderFailure(replay, token, final, signature), runSteps: final.steps };
}
