/**
 * stress: run seeded scenarios on real worker threads for a while, and report the first violation,
 * made a small deterministic counterexample (threads/reproduce.ts: the ticket log replayed, or the
 * failure re-found on the base scenario and its repetitions, then cut and shrunk as `check` shrinks).
 * Runs go through p-limit (`parallel` at once, each on `workers` threads of one pool), on a small set
 * of shared buffers reused across runs (threads/shared-buffers.ts), so memory stays flat however long
 * it runs; the main thread's RSS is sampled (`memory`). At the end, a calibration measures raw Atomics
 * throughput on the same threads. An aborted `signal` starts no new run, stops the runs in flight
 * (their 'stopped' answers are not violations) and returns what was found so far, `interrupted`.
 * The pool is destroyed before returning: no thread survives.
 */
import pLimit from 'p-limit';
import type { InvariantName } from '../model/violation.js';
import type { Scenario } from '../model/scenario.js';
import { memoryProbe, type MemoryReport } from './memory-probe.js';
import { createPool } from './pool.js';
import type { CalibrateResult, Task } from './protocol.js';
import { reproduce, type LogReplay } from './reproduce.js';
import { reproduceError } from './reproduce-error.js';
import { runThreaded, type ThreadRun } from './run-threaded.js';
import { sharedBuffers } from './shared-buffers.js';
import { stressScenarios } from './stress-scenario.js';
import type { Variant } from '../variants/variant.js';
import type { VariantRef } from '../variants/load.js';

export type { LogReplay };

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
  /** budget for re-finding a failure in the deterministic engine and cutting its repetitions (default: the shrink budget) */
  refindMs?: number;
  /** shrink budget for a reproduced failure (default 10 s) */
  shrinkMs?: number;
  /** how often the main thread's RSS is sampled (default: every 5 s, or 1/100 of the duration if shorter, at least 1 s) */
  memoryIntervalMs?: number;
  /** aborted: start no new run, stop the runs in flight, return what was found so far */
  signal?: AbortSignal;
  onProgress?: (p: StressProgress) => void;
}

export interface StressProgress {
  elapsedMs: number;
  durationMs: number;
  runs: number;
  steps: number;
  quiescentChecks: number;
  violations: number;
  /** the main thread's resident set size now, MB */
  rssMb: number;
}

export interface StressViolation {
  /** 'error': a worker (or the main thread) threw something that is not a model Violation */
  invariant: InvariantName | 'error';
  message: string;
  /** worker thread index, -1 when found by a quiescent check or the watchdog on the main thread */
  worker: number;
  actor: string;
  step: number;
  run: number;
  scenario: Scenario;
  /**
   * the deterministic counterexample: for a violation, shrunk; for an error thrown in a worker's
   * step, the run that meets it again (its token replays the error). Absent for liveness reports.
   */
  replay?: LogReplay;
}

export interface StressResult {
  ok: boolean;
  /** the signal ended the stress before its duration (runs, steps and any violation are what was done) */
  interrupted: boolean;
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
  /** the main thread's RSS over the stress, and the shared buffers its runs used */
  memory: MemoryReport & { sharedBuffers: number; sharedBufferMb: number };
}

/** Stress workers' young generation cap (threads/pool.ts): RSS stays flat from the first seconds. */
const YOUNG_GENERATION_MB = 8;

interface Found { outcome: Exclude<ThreadRun['outcome'], { kind: 'ok' | 'interrupted' }>; log: ThreadRun['log']; actorNames: string[]; index: number }

export async function stress(o: StressOptions): Promise<StressResult> {
  const parallel = o.parallel ?? 1;
  const repeat = o.repeat ?? 64;
  const probe = memoryProbe(o.memoryIntervalMs ?? Math.max(1000, Math.min(5000, o.durationMs / 100)));
  const pool = createPool(o.workers * parallel, { youngGenerationMb: YOUNG_GENERATION_MB });
  const buffers = sharedBuffers();
  const limit = pLimit(parallel);
  const scenarios = stressScenarios(o.seed, repeat);
  // one internal signal stops the runs in flight: on the caller's abort, or once a failure is found
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) stop.abort();
  const t0 = performance.now();
  const perWorker = Array.from({ length: o.workers }, (_, worker) => ({ worker, steps: 0, busyMs: 0 }));
  let runs = 0;
  let steps = 0;
  let checks = 0;
  let found: Found | null = null;
  let destroyed = false;

  const one = async (index: number): Promise<void> => {
    if (found || destroyed || stop.signal.aborted) return;
    const run = await runThreaded({
      pool, variant: o.variant, variantRef: o.variantRef ?? { name: o.variant.name }, scenario: scenarios.at(index), workers: o.workers, seed: (o.seed * 1_000_003 + index) | 0,
      jitter: o.jitter ?? 0.02, ringCap: 1 << 16, checkIntervalMs: o.checkIntervalMs ?? 50, watchdogMs: o.watchdogMs ?? 3000, buffers, signal: stop.signal,
    });
    if (run.outcome.kind !== 'interrupted') runs++;
    checks += run.quiescentChecks;
    for (const w of run.perWorker) {
      steps += w.steps;
      perWorker[w.worker].steps += w.steps;
      perWorker[w.worker].busyMs += w.elapsedMs;
    }
    destroyed ||= run.poolDestroyed;
    const out = run.outcome;
    if (out.kind !== 'ok' && out.kind !== 'interrupted' && !found) {
      found = { outcome: out, log: run.log, actorNames: run.actorNames, index };
      stop.abort(); // the other runs in flight end as 'interrupted'
    }
    o.onProgress?.({ elapsedMs: performance.now() - t0, durationMs: o.durationMs, runs, steps, quiescentChecks: checks, violations: found ? 1 : 0, rssMb: probe.rss() });
  };

  const inflight = new Set<Promise<void>>();
  for (let i = 0; !found && !destroyed && !stop.signal.aborted && performance.now() - t0 < o.durationMs; i++) {
    const p = limit(() => one(i)).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= parallel) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  o.signal?.removeEventListener('abort', onAbort);
  const interrupted = o.signal?.aborted ?? false;
  const elapsedMs = performance.now() - t0;
  const calibration = destroyed || interrupted ? undefined : await calibrate(pool.run.bind(pool), o.workers, o.calibrateMs ?? 400);
  if (!destroyed) await pool.destroy();

  const result: StressResult = {
    ok: found === null && !interrupted, interrupted, variant: o.variant.name, workers: o.workers, seed: o.seed, elapsedMs, runs, steps, perWorker, quiescentChecks: checks, calibration,
    memory: { ...probe.stop(), sharedBuffers: buffers.allocated, sharedBufferMb: Math.round(buffers.bytes / 1048576) },
  };
  if (found) result.violation = await describe(found, o, scenarios, repeat);
  result.interrupted ||= o.signal?.aborted ?? false; // also while the counterexample was being made (it is then cut short)
  return result;
}

async function describe(f: Found, o: StressOptions, scenarios: ReturnType<typeof stressScenarios>, repeat: number): Promise<StressViolation> {
  const out = f.outcome;
  const scenario = scenarios.at(f.index);
  const v: StressViolation = {
    invariant: out.kind === 'error' ? 'error' : out.invariant, message: out.message, worker: out.worker,
    actor: out.actor >= 0 ? f.actorNames[out.actor] : '-', step: out.step, run: f.index, scenario,
  };
  const opts = { variant: o.variant, scenario, base: scenarios.base(f.index), repeat, log: f.log, seed: o.seed };
  try {
    if (out.kind === 'violation' && out.invariant !== 'liveness') {
      v.replay = await reproduce({
        ...opts, invariant: out.invariant, message: out.message,
        refindMs: o.refindMs ?? o.shrinkMs ?? 10_000, shrinkMs: o.shrinkMs ?? 10_000, aborted: () => o.signal?.aborted ?? false,
      });
    } else if (out.kind === 'error' && out.worker >= 0) { // thrown by the design's code in a step: a token to replay it
      v.replay = reproduceError({ ...opts, run: f.index, ms: o.signal?.aborted ? 0 : 1000 });
    }
  } catch (e) { // a bug in shrinkrace while reproducing: the finding itself stands
    const err = e instanceof Error ? e : new Error(String(e));
    v.replay = {
      reproduced: false, logReproduced: false, logSteps: f.log?.tickets ?? 0, divergedAt: null, repeat: { threads: repeat, counterexample: null }, search: { runs: 0, ms: 0 },
      observed: `internal error while reproducing it in the deterministic engine: ${err.name}: ${err.message.split('\n')[0]}`,
    };
  }
  return v;
}

async function calibrate(run: (t: Task) => Promise<unknown>, workers: number, ms: number) {
  const sab = new SharedArrayBuffer(4 * 16 * (workers + 3));
  const rs = (await Promise.all(Array.from({ length: workers }, (_, worker) => run({ kind: 'calibrate', sab, worker, workers, ms })))) as CalibrateResult[];
  const half = ms / 2 / 1000;
  return {
    sharedAtomicsPerSecond: Math.round(rs.reduce((a, r) => a + r.sharedOps, 0) / half),
    privateAtomicsPerSecond: Math.round(rs.reduce((a, r) => a + r.privateOps, 0) / half),
  };
}
