/**
 * One scenario on real threads. The main thread boots the scenario on a shared buffer (reused across
 * runs, zero-filled: shared-buffers.ts), hands each worker some of its actors, and coordinates until
 * every worker has answered:
 *  - quiescent checks: every `checkIntervalMs` it raises G_PAUSE, waits until every actor is parked
 *    at an operation boundary (or finished) and the RCU callbacks have drained, checks the end-state
 *    invariants on the shared buffer, and lowers G_PAUSE; a last check runs when every actor is done;
 *  - watchdog (watchdog.ts): an actor that is neither finished nor parked and takes no step for
 *    `watchdogMs` becomes a liveness report; a thread stuck inside a step gets the pool destroyed;
 *  - interrupt: when `signal` is aborted, G_STOP is raised; the workers answer 'stopped' at their next
 *    step and the run ends as 'interrupted' (not a verdict), unless a worker had already found something.
 * A failing run keeps a copy of its ticket log (ticket-replay.ts), never the buffer itself.
 */
import { kernelFor } from '../engine/boot.js';
import { setup } from '../actors/setup.js';

import { checkEndState } from '../invariants/end-state.js';
import { isViolation } from '../model/violation.js';

import { ACTOR_STATE, ACTOR_STEPS, AS_BLOCKED, AS_DONE, AS_PARKED, G_CBQ_HEAD, G_CBQ_TAIL, G_PAUSE, G_STOP, actorLine, type Layout } from '../model/layout.js';
import type { Scenario } from '../model/scenario.js';
import type { Variant } from '../variants/variant.js';
import type { VariantRef } from '../variants/load.js';
import { resolveFns } from '../variants/registry.js';
import { anyStopped, errorLine, outcomeOf, type ThreadOutcome } from './outcome.js';
import type { WorkerPool } from './pool.js';
import type { Result } from './protocol.js';
import { sharedBuffers, type SharedBuffers } from './shared-buffers.js';
import { snapshotLog, type TicketLog } from './ticket-replay.js';
import { stall } from './watchdog.js';

export type { ThreadOutcome };

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
  /** where the run's shared buffer comes from (default: a fresh one for this run) */
  buffers?: SharedBuffers;
  /** aborted: stop this run at the workers' next step */
  signal?: AbortSignal;
}

export interface ThreadRun {
  outcome: ThreadOutcome;
  perWorker: { worker: number; steps: number; elapsedMs: number }[];
  quiescentChecks: number;
  /** the pool had to be destroyed (a worker stuck inside a step): it cannot run anything more */
  poolDestroyed: boolean;
  /** the ticket log and operations begun, copied out of the buffer when the run failed */
  log: TicketLog | null;
  actorNames: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const nap = new Int32Array(new SharedArrayBuffer(4));

export async function runThreaded(o: ThreadRunOptions): Promise<ThreadRun> {
  const buffers = o.buffers ?? sharedBuffers();
  const k = kernelFor(resolveFns(o.variant), o.scenario, { ringCap: o.ringCap, buffer: (words) => buffers.acquire(words) });
  const { mem, L } = k;
  const names = [...k.actorNames];
  const n = names.length;
  const workers = Math.min(o.workers, n);
  const results: (Result | Error | undefined)[] = new Array(workers).fill(undefined);
  let checks = 0;
  const finish = (outcome: ThreadOutcome, poolDestroyed = false): ThreadRun => {
    const log = outcome.kind === 'violation' || outcome.kind === 'error' ? snapshotLog(mem, L, n - 1) : null;
    if (!poolDestroyed) buffers.release(mem); // every worker of this run has answered
    return {
      outcome, quiescentChecks: checks, poolDestroyed, log, actorNames: names,
      perWorker: results.flatMap((r) => (r && !(r instanceof Error) && (r.kind === 'done' || r.kind === 'stopped' || r.kind === 'violation' || r.kind === 'error') ? [{ worker: r.worker, steps: r.steps, elapsedMs: r.elapsedMs }] : [])),
    };
  };
  try {
    setup(k, o.scenario);
  } catch (e) {
    if (isViolation(e)) return finish({ kind: 'violation', invariant: e.invariant, message: e.message, worker: -1, actor: -1, step: -1 });
    return finish({ kind: 'error', message: `${errorLine(e)} (in setup on the main thread, before any worker started)`, worker: -1, actor: -1, step: -1 });
  }
  const tasks = Array.from({ length: workers }, (_, w) =>
    o.pool.run({
      kind: 'run', sab: mem.buffer as SharedArrayBuffer, ringCap: o.ringCap, variant: o.variantRef, scenario: o.scenario,
      worker: w, workers, actors: names.map((_, a) => a).filter((a) => a % workers === w), seed: (o.seed * 31 + w) | 0, jitter: o.jitter,
    }).then((r) => (results[w] = r), (e: Error) => (results[w] = e)));
  let settled = false;
  const all = Promise.all(tasks).then(() => (settled = true));

  let lastCheck = performance.now();
  const lastSteps = new Int32Array(n).fill(-1);
  const lastMove = new Float64Array(n).fill(performance.now());
  const endState = (): ThreadOutcome | null => {
    try {
      checkEndState(k);
      checks++;
      return null;
    } catch (e) {
      Atomics.store(mem, G_STOP, 1);
      if (!isViolation(e)) return { kind: 'error', message: `${errorLine(e)} (in a quiescent check on the main thread)`, worker: -1, actor: -1, step: -1 };
      return { kind: 'violation', invariant: e.invariant, message: e.message, worker: -1, actor: -1, step: -1 };
    }
  };

  while (!settled) {
    await Promise.race([all, sleep(5)]);
    if (settled) break;
    if (o.signal?.aborted) {
      Atomics.store(mem, G_STOP, 1); // the workers answer 'stopped' at their next step
      await Promise.race([all, sleep(1000)]);
      if (!settled) await o.pool.destroy(); // a thread stuck inside a step: nothing else can stop it
      return finish(outcomeOf(results) ?? { kind: 'interrupted' }, !settled);
    }
    const now = performance.now();
    // watchdog
    for (let a = 0; a < n; a++) {
      const st = Atomics.load(mem, actorLine(L, a) + ACTOR_STATE);
      const steps = Atomics.load(mem, actorLine(L, a) + ACTOR_STEPS);
      if (st === AS_DONE || st === AS_PARKED || steps !== lastSteps[a]) {
        lastSteps[a] = steps;
        lastMove[a] = now;
      } else if (now - lastMove[a] > o.watchdogMs) {
        const stalled = await stall({ pool: o.pool, watchdogMs: o.watchdogMs, mem, names, a, st, results, all, settled: () => settled });
        return finish(stalled.outcome, stalled.destroyed);
      }
    }
    // quiescent check
    if (now - lastCheck >= o.checkIntervalMs) {
      Atomics.store(mem, G_PAUSE, 1);
      const deadline = performance.now() + o.watchdogMs;
      while (!quiescent(L, mem, n) && !settled && Atomics.load(mem, G_STOP) === 0 && !o.signal?.aborted && performance.now() < deadline) Atomics.wait(nap, 0, 0, 0.05);
      if (quiescent(L, mem, n)) {
        const v = endState();
        if (v) {
          Atomics.store(mem, G_PAUSE, 0);
          await Promise.race([all, sleep(1000)]);
          if (!settled) await o.pool.destroy(); // a thread stuck inside a step did not answer G_STOP
          return finish(v, !settled);
        }
      }
      Atomics.store(mem, G_PAUSE, 0);
      lastCheck = performance.now();
    }
  }
  // 'stopped' without a finding: G_STOP came from the signal, between two polls of it
  return finish(outcomeOf(results) ?? (anyStopped(results) ? { kind: 'interrupted' } : (endState() ?? { kind: 'ok' })));
}

/** Every actor parked or finished, the RCU runner idle and its queue empty. */
function quiescent(L: Layout, mem: Int32Array, n: number): boolean {
  for (let a = 0; a < n - 1; a++) {
    const st = Atomics.load(mem, actorLine(L, a) + ACTOR_STATE);
    if (st !== AS_PARKED && st !== AS_DONE) return false;
  }
  const runner = Atomics.load(mem, actorLine(L, n - 1) + ACTOR_STATE);
  return (runner === AS_BLOCKED || runner === AS_DONE) && Atomics.load(mem, G_CBQ_HEAD) === Atomics.load(mem, G_CBQ_TAIL);
}
