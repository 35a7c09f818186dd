/**
 * Bench 5b: time to first failure for every known-bug variant, three ways, each capped at a budget:
 *  - deterministic: api/check (generated scenarios x random-strategy schedules), search time only
 *    (the shrinking that follows is not counted);
 *  - fc.scheduler: the same model and scenario generator, interleavings from fast-check's scheduler
 *    (fc-scheduler-run.ts);
 *  - stress: api/stress, real worker threads, unguided (jitter only).
 * Ratios are slower/deterministic; when the slower side found nothing, budget/deterministic is a
 * lower bound ('lower'); when the deterministic side found nothing, there is no ratio ('none').
 */
import { check } from '../search/check.js';
import { stress } from '../threads/stress.js';
import type { Detection, DetectionRow } from '../report/bench-schema.js';
import { resolveFns, VARIANTS } from '../variants/registry.js';
import { describeExpectation, type Variant } from '../variants/variant.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';
import { searchWithFcScheduler } from './fc-scheduler-run.js';

export interface DetectionBudgets {
  deterministicMs: number;
  fcSchedulerMs: number;
  stressMs: number;
}

export const knownBugs = (): Variant[] => VARIANTS.filter((v) => v.expect.kind === 'violates');

function ratio(slow: Detection, det: Detection): DetectionRow['fcOverDeterministic'] {
  if (!det.found) return { value: null, bound: 'none' };
  const value = slow.timeMs / Math.max(det.timeMs, 0.001);
  return { value, bound: slow.found ? 'exact' : 'lower' };
}

const SC_ONLY = 'its bug shows under weak memory only; this search is sequentially consistent';

export async function detectOne(v: Variant, b: DetectionBudgets, seed: number): Promise<DetectionRow> {
  const workloads = v.workloads ?? DEFAULT_WORKLOADS;
  const memory = v.expect.kind === 'violates' ? (v.expect.memory ?? 'sc') : 'sc';
  const c = check({ variant: v, runs: 100_000_000, seed, strategy: 'random', workloads, memory, timeLimitMs: b.deterministicMs, shrinkTimeMs: 1 });
  // a measurement that met a harness error is not a measurement: the bench fails (exit 3), never a figure
  if (c.error) throw new Error(`bench: ${v.name}: harness error in run ${c.error.run}: ${c.error.message}`);
  const deterministic: Detection = c.failure
    ? { found: true, invariant: c.failure.invariant, timeMs: c.failure.timeToFirstFailureMs, runs: c.failure.runsToFirstFailure }
    : { found: false, invariant: null, timeMs: c.elapsedMs, runs: c.runs };
  if (memory !== 'sc') {
    const na: Detection = { found: false, invariant: null, timeMs: 0, runs: 0, skipped: SC_ONLY };
    return { variant: v.name, expected: describeExpectation(v.expect), deterministic, fcScheduler: na, stress: na, fcOverDeterministic: { value: null, bound: 'none' }, stressOverDeterministic: { value: null, bound: 'none' } };
  }
  const f = await searchWithFcScheduler(resolveFns(v), workloads, seed, b.fcSchedulerMs);
  const fcScheduler: Detection = { found: f.found, invariant: f.invariant, timeMs: f.timeMs, runs: f.runs };
  const st = await stress({ variant: v, workers: 2, durationMs: b.stressMs, seed, calibrateMs: 20, shrinkMs: 200 });
  if (st.violation?.invariant === 'error') throw new Error(`bench: ${v.name}: harness error in a stress run: ${st.violation.message}`);
  const stressD: Detection = st.violation
    ? { found: true, invariant: st.violation.invariant, timeMs: st.elapsedMs, runs: st.runs }
    : { found: false, invariant: null, timeMs: st.elapsedMs, runs: st.runs };
  return {
    variant: v.name, expected: describeExpectation(v.expect), deterministic, fcScheduler, stress: stressD,
    fcOverDeterministic: ratio(fcScheduler, deterministic), stressOverDeterministic: ratio(stressD, deterministic),
  };
}
