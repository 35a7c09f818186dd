/**
 * Shrinking a failing run, and re-running the result with tracing.
 *
 * shrinkFailure keeps only candidates that fail with the same invariant (and, when given, the same
 * signature): first the scenario shrinker (shrink-scenario.ts: whole actors, single operations, a
 * smaller machine), then delta debugging over the context switches of the schedule (sched/minimize.ts),
 * then fast-check's shrinker over (schedule, scenario), then the first two again (fast-check's edits can
 * leave an actor with no part). It is bounded by a time budget and by the control block's interrupt flag
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
import { interrupted, type Control } from './control.js';
import { failingRun, shrinkScenario, type FailSpec } from './shrink-scenario.js';
import { signRun } from './signature.js';

export function shrinkFailure(variant: Variant, s0: Scenario, found: number[], invariant: InvariantName, seed: number, timeMs = 20_000,
  memory: MemoryMode = 'sc', control?: Control, signature?: string): [Scenario, number[]] {
  const t0 = performance.now();
  const at = (share: number): number => t0 + timeMs * share;
  const spec: FailSpec = { fns: resolveFns(variant), memory, invariant, signature, control };
  const stop = (): boolean => interrupted(control);
  // a candidate fails as the original did: the same invariant and, when given, the same signature
  const fails = (s: Scenario, sched: readonly number[]): boolean => !stop() && failingRun(spec, s, explicitChooser(sched)) !== null;
  // actors and operations first (the rest then shrinks a smaller run), then the context switches
  let [s, sched] = shrinkScenario(spec, s0, found, at(0.3));
  sched = minimizeSwitches(sched, (c) => fails(s, c), at(0.45));
  if (stop()) return [s, sched];
  const out = fc.check(
    fc.property(explicitScheduleArb(Math.max(1, sched.length)), shrinkableScenarioArb(), (c, x) => {
      if (stop() || scenarioProblem(x) !== null) return true;
      return !fails(x, c);
    }),
    { examples: [[sched, s]], numRuns: 1, seed: seed | 0, interruptAfterTimeLimit: Math.max(1, at(0.8) - performance.now()) },
  );
  if (out.failed && out.counterexample !== null) [sched, s] = [trimSchedule(out.counterexample[0] as number[]), out.counterexample[1] as Scenario];
  // fast-check's edits may leave an actor or a switch with no part left: once more to a fixed point
  [s, sched] = shrinkScenario(spec, s, sched, at(0.95));
  return [s, minimizeSwitches(sched, (c) => fails(s, c), at(1))];
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
