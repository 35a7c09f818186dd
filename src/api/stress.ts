/**
 * stress: run seeded scenarios on real worker threads for a while, and report the first violation
 * with its ticket-log replay. Runs go through p-limit (`parallel` at once, each on `workers` threads of
 * one pool). At the end, a calibration measures raw Atomics throughput on the same threads, so the
 * engine's steps/s can be read against it. The pool is destroyed before returning: no thread survives.
 */
import pLimit from 'p-limit';
import type { InvariantName } from '../invariants/violation.js';
import type { Scenario } from '../model/scenario.js';
import { createPool } from '../threads/pool.js';
import type { CalibrateResult } from '../threads/protocol.js';
import { runThreaded, type ThreadRun } from '../threads/run-threaded.js';
import { stressScenarios } from '../threads/stress-scenario.js';
import { replayLog, type LogReplay } from '../threads/ticket-replay.js';
import type { Variant } from '../variants/variant.js';
import type { VariantRef } from '../variants/load.js';

export interface StressOptions {
  variant: Variant;
  /** how workers find the variant (default: the built-in of that name) */
  variantRef?: VariantRef;
  workers: number;
  durationMs: number;
  seed: number;
  /** per-step probability of a random busy-wait (default 0.02) */
  jitter?: number;
  checkIntervalMs?: number;
  watchdogMs?: number;
  /** how many times each actor repeats its operations in one run (default 64) */
  repeat?: number;
  /** scenarios at once (default 1) */
  parallel?: number;
  calibrateMs?: number;
  /** shrink budget for a reproduced failure */
  shrinkMs?: number;
  onProgress?: (p: StressProgress) => void;
}

export interface StressProgress {
  elapsedMs: number;
  durationMs: number;
  runs: number;
  steps: number;
  quiescentChecks: number;
  violations: number;
}

export interface StressViolation {
  invariant: InvariantName | 'error';
  message: string;
  /** worker thread index, -1 when found by a quiescent check or the watchdog on the main thread */
  worker: number;
  actor: string;
  step: number;
  run: number;
  scenario: Scenario;
  /** the ticket log replayed in the deterministic engine (absent for errors and stuck threads) */
  replay?: LogReplay;
}

export interface StressResult {
  ok: boolean;
  variant: string;
  workers: number;
  seed: number;
  elapsedMs: number;
  runs: number;
  steps: number;
  perWorker: { worker: number; steps: number; busyMs: number }[];
  quiescentChecks: number;
  violation?: StressViolation;
  calibration?: { sharedAtomicsPerSecond: number; privateAtomicsPerSecond: number };
}

export async function stress(o: StressOptions): Promise<StressResult> {
  const parallel = o.parallel ?? 1;
  const pool = createPool(o.workers * parallel);
  const limit = pLimit(parallel);
  const scenarios = stressScenarios(o.seed, o.repeat ?? 64);
  const t0 = performance.now();
  const perWorker = Array.from({ length: o.workers }, (_, worker) => ({ worker, steps: 0, busyMs: 0 }));
  let runs = 0;
  let steps = 0;
  let checks = 0;
  let found: { run: ThreadRun; index: number; scenario: Scenario } | null = null;
  let destroyed = false;

  const one = async (index: number): Promise<void> => {
    if (found || destroyed) return;
    const scenario = scenarios.at(index);
    const run = await runThreaded({
      pool, variant: o.variant, variantRef: o.variantRef ?? { name: o.variant.name }, scenario, workers: o.workers, seed: (o.seed * 1_000_003 + index) | 0, jitter: o.jitter ?? 0.02,
      ringCap: 1 << 16, checkIntervalMs: o.checkIntervalMs ?? 50, watchdogMs: o.watchdogMs ?? 3000,
    });
    runs++;
    checks += run.quiescentChecks;
    for (const w of run.perWorker) {
      steps += w.steps;
      perWorker[w.worker].steps += w.steps;
      perWorker[w.worker].busyMs += w.elapsedMs;
    }
    destroyed ||= run.poolDestroyed;
    if (run.outcome.kind !== 'ok' && !found) found = { run, index, scenario };
    o.onProgress?.({ elapsedMs: performance.now() - t0, durationMs: o.durationMs, runs, steps, quiescentChecks: checks, violations: found ? 1 : 0 });
  };

  const inflight = new Set<Promise<void>>();
  for (let i = 0; !found && !destroyed && performance.now() - t0 < o.durationMs; i++) {
    const p = limit(() => one(i)).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= parallel) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  const elapsedMs = performance.now() - t0;
  const calibration = destroyed ? undefined : await calibrate(pool.run.bind(pool), o.workers, o.calibrateMs ?? 400);
  if (!destroyed) await pool.destroy();

  const result: StressResult = { ok: found === null, variant: o.variant.name, workers: o.workers, seed: o.seed, elapsedMs, runs, steps, perWorker, quiescentChecks: checks, calibration };
  if (found) result.violation = describe(found as { run: ThreadRun; index: number; scenario: Scenario }, o);
  return result;
}

function describe(f: { run: ThreadRun; index: number; scenario: Scenario }, o: StressOptions): StressViolation {
  const out = f.run.outcome;
  if (out.kind === 'ok') throw new Error('internal: describe() on a passing run');
  const v: StressViolation = {
    invariant: out.kind === 'error' ? 'error' : out.invariant, message: out.message, worker: out.worker,
    actor: out.actor >= 0 ? f.run.actorNames[out.actor] : '-', step: out.step, run: f.index, scenario: f.scenario,
  };
  if (out.kind === 'violation' && out.invariant !== 'liveness') {
    v.replay = replayLog(f.run.k, f.scenario, o.variant, out.invariant, o.seed, o.shrinkMs ?? 10_000);
  }
  return v;
}

async function calibrate(run: (t: import('../threads/protocol.js').Task) => Promise<unknown>, workers: number, ms: number) {
  const sab = new SharedArrayBuffer(4 * 16 * (workers + 3));
  const rs = (await Promise.all(Array.from({ length: workers }, (_, worker) => run({ kind: 'calibrate', sab, worker, workers, ms })))) as CalibrateResult[];
  const half = ms / 2 / 1000;
  return {
    sharedAtomicsPerSecond: Math.round(rs.reduce((a, r) => a + r.sharedOps, 0) / half),
    privateAtomicsPerSecond: Math.round(rs.reduce((a, r) => a + r.privateOps, 0) / half),
  };
}
