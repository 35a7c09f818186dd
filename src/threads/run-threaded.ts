/**
 * One scenario on real threads. The main thread boots the scenario on a fresh shared buffer, hands
 * each worker some of its actors, and coordinates until every worker has answered:
 *  - quiescent checks: every `checkIntervalMs` it raises G_PAUSE, waits until every actor is parked
 *    at an operation boundary (or finished) and the RCU callbacks have drained, checks the end-state
 *    invariants on the shared buffer, and lowers G_PAUSE; a last check runs when every actor is done;
 *  - watchdog: an actor that is neither finished nor parked and takes no step for `watchdogMs`
 *    becomes a liveness report naming what it waits on; a worker that does not answer G_STOP within a
 *    second is stuck inside a step, and the pool is destroyed so no thread survives.
 */
import { setup } from '../actors/setup.js';
import { boundsOf, actorNamesOf } from '../engine/run.js';
import { checkEndState } from '../invariants/end-state.js';
import { isViolation, type InvariantName } from '../invariants/violation.js';
import { makeKernel, type Kernel } from '../model/kernel.js';
import { ACTOR_STATE, ACTOR_STEPS, AS_BLOCKED, AS_DONE, AS_PARKED, computeLayout, G_CBQ_HEAD, G_CBQ_TAIL, G_PAUSE, G_STOP, LINE, type Layout } from '../model/layout.js';
import type { Scenario } from '../model/scenario.js';
import type { Variant } from '../variants/variant.js';
import type { VariantRef } from '../variants/load.js';
import { resolveFns } from '../variants/registry.js';
import type { WorkerPool } from './pool.js';
import type { Result, RunResult } from './protocol.js';

export interface ThreadRunOptions {
  pool: WorkerPool;
  variant: Variant;
  /** how workers find the variant (a built-in name, or the file it came from) */
  variantRef: VariantRef;
  scenario: Scenario;
  workers: number;
  seed: number;
  jitter: number;
  ringCap: number;
  checkIntervalMs: number;
  watchdogMs: number;
}

export type ThreadOutcome =
  | { kind: 'ok' }
  /** worker -1: found by a quiescent check on the main thread */
  | { kind: 'violation'; invariant: InvariantName; message: string; worker: number; actor: number; step: number }
  | { kind: 'error'; message: string; worker: number; actor: number; step: number };

export interface ThreadRun {
  outcome: ThreadOutcome;
  perWorker: { worker: number; steps: number; elapsedMs: number }[];
  quiescentChecks: number;
  /** the pool had to be destroyed (a worker stuck inside a step): it cannot run anything more */
  poolDestroyed: boolean;
  k: Kernel;
  actorNames: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const nap = new Int32Array(new SharedArrayBuffer(4));

function line(L: Layout, a: number): number {
  return L.rcuSlots + a * LINE;
}

export async function runThreaded(o: ThreadRunOptions): Promise<ThreadRun> {
  const names = actorNamesOf(o.scenario);
  const L = computeLayout({ ...boundsOf(o.scenario), ringCap: o.ringCap });
  const mem = new Int32Array(new SharedArrayBuffer(L.words * 4));
  const k = makeKernel(mem, L, resolveFns(o.variant), names);
  setup(k, o.scenario);
  const n = names.length;
  const workers = Math.min(o.workers, n);
  const results: (Result | Error | undefined)[] = new Array(workers).fill(undefined);
  const tasks = Array.from({ length: workers }, (_, w) =>
    o.pool.run({
      kind: 'run', sab: mem.buffer as SharedArrayBuffer, ringCap: o.ringCap, variant: o.variantRef, scenario: o.scenario,
      worker: w, workers, actors: names.map((_, a) => a).filter((a) => a % workers === w), seed: (o.seed * 31 + w) | 0, jitter: o.jitter,
    }).then((r) => (results[w] = r), (e: Error) => (results[w] = e)));
  let settled = false;
  const all = Promise.all(tasks).then(() => (settled = true));

  let checks = 0;
  let lastCheck = performance.now();
  const lastSteps = new Int32Array(n).fill(-1);
  const lastMove = new Float64Array(n).fill(performance.now());
  const run = (outcome: ThreadOutcome, poolDestroyed = false): ThreadRun => ({
    outcome, quiescentChecks: checks, poolDestroyed, k, actorNames: names,
    perWorker: results.flatMap((r) => (r && !(r instanceof Error) && r.kind !== 'calibrated' && r.kind !== 'checked' ? [{ worker: r.worker, steps: r.steps, elapsedMs: r.elapsedMs }] : [])),
  });
  const endState = (): ThreadOutcome | null => {
    try {
      checkEndState(k);
      checks++;
      return null;
    } catch (e) {
      if (!isViolation(e)) throw e;
      Atomics.store(mem, G_STOP, 1);
      return { kind: 'violation', invariant: e.invariant, message: e.message, worker: -1, actor: -1, step: -1 };
    }
  };

  while (!settled) {
    await Promise.race([all, sleep(5)]);
    if (settled) break;
    const now = performance.now();
    // watchdog
    for (let a = 0; a < n; a++) {
      const st = Atomics.load(mem, line(L, a) + ACTOR_STATE);
      const steps = Atomics.load(mem, line(L, a) + ACTOR_STEPS);
      if (st === AS_DONE || st === AS_PARKED || steps !== lastSteps[a]) {
        lastSteps[a] = steps;
        lastMove[a] = now;
      } else if (now - lastMove[a] > o.watchdogMs) {
        const stalled = await stall(o, mem, names, a, st, results, all, () => settled);
        return run(stalled.outcome, stalled.destroyed);
      }
    }
    // quiescent check
    if (now - lastCheck >= o.checkIntervalMs) {
      Atomics.store(mem, G_PAUSE, 1);
      const deadline = performance.now() + o.watchdogMs;
      while (!quiescent(L, mem, n) && !settled && Atomics.load(mem, G_STOP) === 0 && performance.now() < deadline) Atomics.wait(nap, 0, 0, 0.05);
      if (quiescent(L, mem, n)) {
        const v = endState();
        if (v) {
          Atomics.store(mem, G_PAUSE, 0);
          await all;
          return run(v);
        }
      }
      Atomics.store(mem, G_PAUSE, 0);
      lastCheck = performance.now();
    }
  }
  return run(outcomeOf(results) ?? endState() ?? { kind: 'ok' });
}

/** Every actor parked or finished, the RCU runner idle and its queue empty. */
function quiescent(L: Layout, mem: Int32Array, n: number): boolean {
  for (let a = 0; a < n - 1; a++) {
    const st = Atomics.load(mem, line(L, a) + ACTOR_STATE);
    if (st !== AS_PARKED && st !== AS_DONE) return false;
  }
  const runner = Atomics.load(mem, line(L, n - 1) + ACTOR_STATE);
  return (runner === AS_BLOCKED || runner === AS_DONE) && Atomics.load(mem, G_CBQ_HEAD) === Atomics.load(mem, G_CBQ_TAIL);
}

/** The first violation or error a worker reported, by step. */
function outcomeOf(results: readonly (Result | Error | undefined)[]): ThreadOutcome | null {
  const bad = results.filter((r): r is RunResult => r !== undefined && !(r instanceof Error) && (r.kind === 'violation' || r.kind === 'error'));
  bad.sort((x, y) => ('step' in x ? x.step : 0) - ('step' in y ? y.step : 0));
  const first = bad[0];
  if (first?.kind === 'violation') return { kind: 'violation', invariant: first.invariant, message: first.message, worker: first.worker, actor: first.actor, step: first.step };
  if (first?.kind === 'error') return { kind: 'error', message: first.message, worker: first.worker, actor: first.actor, step: first.step };
  const crashed = results.find((r) => r instanceof Error) as Error | undefined;
  if (crashed) return { kind: 'error', message: `worker thread failed: ${crashed.message}`, worker: -1, actor: -1, step: -1 };
  return null;
}

/** The watchdog fired on actor `a`: stop everyone, name what it waits on, destroy the pool if a thread is stuck. */
async function stall(o: ThreadRunOptions, mem: Int32Array, names: readonly string[], a: number, st: number,
  results: (Result | Error | undefined)[], all: Promise<unknown>, settled: () => boolean): Promise<{ outcome: ThreadOutcome; destroyed: boolean }> {
  Atomics.store(mem, G_STOP, 1);
  await Promise.race([all, sleep(1000)]);
  const prior = outcomeOf(results);
  if (prior) return { outcome: prior, destroyed: false };
  const stuck = !settled();
  const waits = results.flatMap((r) => (r && !(r instanceof Error) && r.kind === 'stopped' ? r.waits : []));
  const what = waits.find((w) => w.actor === a)?.what;
  let message = `liveness: ${names[a]} made no progress for ${o.watchdogMs} ms`;
  if (stuck) {
    await o.pool.destroy();
    message += ` and its worker thread did not answer the stop request: it is stuck inside a step (an endless loop in the design's code); the worker pool was terminated`;
  } else {
    message += st === AS_BLOCKED && what ? `: it waits on ${what}` : what ? `: ${what}` : '';
    const others = waits.filter((w) => w.actor !== a && w.what !== 'running').map((w) => `${names[w.actor]} waits on ${w.what}`);
    if (others.length) message += `; ${others.join('; ')}`;
  }
  return { outcome: { kind: 'violation', invariant: 'liveness', message, worker: -1, actor: a, step: -1 }, destroyed: stuck };
}
