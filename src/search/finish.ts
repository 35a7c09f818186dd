/**
 * After a search: each signature it keeps is shrunk (keeping its signature) and rendered, or, when
 * it is only listed (a known finding met by a plain check), given the token of the run as found.
 */
import type { MemoryMode } from '../model/memory-model.js';
import type { Scenario } from '../model/scenario.js';
import { countSwitches } from '../sched/explicit.js';
import { encodeToken } from '../sched/token.js';
import { variantSpec, type Variant } from '../variants/variant.js';
import type { CheckOptions, CheckResult, FoundFailure, SignatureReport } from './check-types.js';
import { CTL_PHASE_RENDER, CTL_PHASE_SHRINK, interrupted, setPhase, type Control } from './control.js';
import type { FoundLog, FoundSignature } from './found-log.js';
import type { HarnessError } from './harness-error.js';
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

/** `o.until` names this signature's known finding, or the signature itself: the search stops on it. */
export const untilMet = (o: CheckOptions, e: FoundSignature): boolean => o.until !== undefined && (e.known === o.until || e.signature === o.until || e.invariant === o.until);

/** What every search strategy reports besides its verdict and violations. */
export type SearchBase = Omit<CheckResult, 'ok' | 'elapsedMs' | 'violations' | 'failure' | 'error'>;

/**
 * The end of every search (check, exhaustive, coverage-guided): the violation that stopped it is
 * shrunk (with `all`, every signature; `until` met: only that one), the rest listed; `ok` unless a
 * violation that is not a known finding (with `all`, an unexpected one) was found, or Ctrl-C came.
 */
export function finishSearch(o: CheckOptions, log: FoundLog, stopAt: FoundSignature | null, base: SearchBase): Omit<CheckResult, 'elapsedMs'> {
  const entries = log.entries;
  const memory = base.memory;
  // `until` met: that one only is shrunk (with `all`, the search went on past the others to reach it)
  const hit = o.until !== undefined ? stopAt : null;
  const primary = hit ?? (o.all ? entries.find((e) => e.known === null && !e.expected) : stopAt ?? undefined);
  const violations: SignatureReport[] = [];
  let failure: FoundFailure | undefined;
  if (entries.length > 0) setPhase(o.control, CTL_PHASE_SHRINK);
  for (const e of entries) {
    if ((!o.all || hit !== null) && e !== primary) {
      violations.push(listFound(o.variant, e, memory));
      continue;
    }
    const shrunk = shrinkFound(o.variant, e, o.seed, o.shrinkTimeMs ?? (o.all ? 5000 : undefined), memory, o.control);
    violations.push(shrunk.report);
    if (e === primary) failure = shrunk.failure;
  }
  setPhase(o.control, CTL_PHASE_RENDER);
  // plain: any violation that is not a known finding fails the check; with `all`, only an unexpected one
  const unexpected = entries.some((e) => e.known === null && (!o.all || !e.expected));
  // Ctrl-C while shrinking: the best counterexamples so far are kept, and the result says it was interrupted
  if (interrupted(o.control)) base.stopped = 'interrupt';
  return { ok: !unexpected && base.stopped !== 'interrupt', ...base, violations, ...(failure && { failure }) };
}

/**
 * How every strategy's search returns (check, exhaustive, coverage-guided, portfolio): a harness error
 * as an error, never a pass; a portfolio slice (`into`) with nothing shrunk or listed, the portfolio
 * finishes it; else finished by finishSearch. `t0` is when the search started.
 */
export function endSearch(o: CheckOptions, log: FoundLog, stopAt: FoundSignature | null, base: SearchBase, error: HarnessError | undefined, t0: number): CheckResult {
  if (error !== undefined) return { ...base, ok: false, elapsedMs: performance.now() - t0, violations: [], error };
  if (o.into) return { ...base, ok: true, elapsedMs: performance.now() - t0, violations: [] };
  return { ...finishSearch(o, log, stopAt, base), elapsedMs: performance.now() - t0 };
}
