/**
 * A harness error met by a search: the run that hit it, its replay token (the schedule up to the step
 * that threw replays it), and the text `replay` prints for it. A search that fails outside any run (a
 * generator of scenarios that throws) has no token: the error names the seed and run instead.
 */
import { describeFault, type HarnessFault } from '../engine/harness-fault.js';
import { runScenario } from '../engine/run.js';
import type { MemoryMode } from '../model/memory-model.js';
import type { Scenario } from '../model/scenario.js';
import { renderHarnessError } from '../report/harness-error.js';
import { explicitChooser, trimSchedule } from '../sched/explicit.js';
import { encodeToken } from '../sched/token.js';
import { resolveFns } from '../variants/registry.js';
import { variantSpec, type Variant } from '../variants/variant.js';

export interface HarnessError {
  /** what was thrown and where: "TypeError: ... at f (variant file:12), in producer0 at step 40" */
  message: string;
  /** the search run (1-based) that met it */
  run: number;
  /** step and actor that threw; -1 when it was not thrown inside a run */
  step: number;
  actor: string;
  /** replays the run up to the step that threw; null when no run holds the error */
  token: string | null;
  /** what `replay` prints for the token (the trace up to the error), or the message alone */
  text: string;
  scenario?: Scenario;
  schedule?: number[];
}

/** The error of search run `run`, which ended in `fault` after `schedule`: traced again for its text. */
export function harnessErrorOfRun(variant: Variant, s: Scenario, schedule: readonly number[], fault: HarnessFault, run: number, memory: MemoryMode): HarnessError {
  const sched = trimSchedule(schedule);
  const replay = { variant: variantSpec(variant), bundle: variant.bundle, memory, scenario: s, schedule: sched };
  const token = encodeToken(replay);
  const traced = runScenario(resolveFns(variant), s, explicitChooser(sched), { trace: true, memory });
  const text = traced.error !== null ? renderHarnessError(replay, token, traced)
    : `${describeFault(fault)}\n(the traced re-run did not meet it again: ${traced.violation ? `it found ${traced.violation.invariant}` : 'it passed'}; the error depends on something outside the schedule)`;
  return { message: describeFault(fault), run, step: fault.step, actor: fault.actorName, token, text, scenario: s, schedule: sched };
}

/** The search itself threw, outside any run (a bug in shrinkrace). */
export function harnessErrorOfSearch(e: unknown, run: number, seed: number): HarnessError {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = `${err.name}: ${err.message.split('\n')[0]} (the search itself failed before run ${run} of seed ${seed})`;
  return { message, run, step: -1, actor: '-', token: null, text: message };
}
