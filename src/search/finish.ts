/**
 * After a search: each signature it keeps is shrunk (keeping its signature) and rendered, or, when
 * it is only listed (a known finding met by a plain check), given the token of the run as found.
 */
import type { MemoryMode } from '../model/memory-model.js';
import type { Scenario } from '../model/scenario.js';
import { countSwitches } from '../sched/explicit.js';
import { encodeToken } from '../sched/token.js';
import { variantSpec, type Variant } from '../variants/variant.js';
import type { FoundFailure, SignatureReport } from './check-types.js';
import type { Control } from './control.js';
import type { FoundSignature } from './found-log.js';
import { renderCounterexample, shrinkFailure } from './shrink.js';

export interface Shrunk {
  failure: FoundFailure;
  report: SignatureReport;
}

/** Shrink `e` keeping its signature, re-run it traced, and report it. */
export function shrinkFound(variant: Variant, e: FoundSignature, seed: number, timeMs: number | undefined, memory: MemoryMode, control?: Control): Shrunk {
  const t0 = performance.now();
  const [s, schedule] = shrinkFailure(variant, e.scenario, e.schedule, e.invariant, seed, timeMs, memory, control, e.signature);
  const shrinkMs = performance.now() - t0;
  const shown = renderCounterexample(variant, s, schedule, memory);
  const failure: FoundFailure = {
    ...shown, steps: schedule.length, switches: countSwitches(schedule), runsToFirstFailure: e.firstRun, timeToFirstFailureMs: e.atMs,
    foundSteps: e.schedule.length, shrinkMs, scenario: s, schedule,
  };
  return { failure, report: reportOf(e, shown.token, schedule.length, true) };
}

/** A signature listed without shrinking: the token of the run that first hit it. */
export function listFound(variant: Variant, e: FoundSignature, memory: MemoryMode): SignatureReport {
  const token = encodeToken({ variant: variantSpec(variant), bundle: variant.bundle, memory, scenario: e.scenario as Scenario, schedule: e.schedule });
  return reportOf(e, token, e.schedule.length, false);
}

function reportOf(e: FoundSignature, replay: string, steps: number, shrunk: boolean): SignatureReport {
  return { signature: e.signature, invariant: e.invariant, known: e.known, expected: e.expected, firstRun: e.firstRun, hits: e.hits, replay, steps, shrunk };
}
