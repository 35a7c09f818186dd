/**
 * The thread engine's watchdog verdict: actor `a` took no step for `watchdogMs` while neither finished
 * nor parked. Every worker is stopped (G_STOP); if one answers with a finding of its own, that wins.
 * Otherwise the report names what the actor waits on (and what the others wait on), or, when its
 * worker does not answer the stop request within a second, says it is stuck inside a step (an endless
 * loop in the design's code) and destroys the pool: terminating the thread is the only way to stop it.
 */
import { AS_BLOCKED, G_STOP } from '../model/layout.js';
import { outcomeOf, type ThreadOutcome } from './outcome.js';
import type { WorkerPool } from './pool.js';
import type { Result } from './protocol.js';

export interface Stall {
  pool: WorkerPool;
  watchdogMs: number;
  mem: Int32Array;
  names: readonly string[];
  /** the actor that made no progress, and its ACTOR_STATE */
  a: number;
  st: number;
  results: (Result | Error | undefined)[];
  all: Promise<unknown>;
  settled: () => boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function stall(s: Stall): Promise<{ outcome: ThreadOutcome; destroyed: boolean }> {
  Atomics.store(s.mem, G_STOP, 1);
  await Promise.race([s.all, sleep(1000)]);
  const prior = outcomeOf(s.results);
  if (prior) return { outcome: prior, destroyed: false };
  const stuck = !s.settled();
  const waits = s.results.flatMap((r) => (r && !(r instanceof Error) && r.kind === 'stopped' ? r.waits : []));
  const what = waits.find((w) => w.actor === s.a)?.what;
  let message = `liveness: ${s.names[s.a]} made no progress for ${s.watchdogMs} ms`;
  if (stuck) {
    await s.pool.destroy();
    message += ` and its worker thread did not answer the stop request: it is stuck inside a step (an endless loop in the design's code); the worker pool was terminated`;
  } else {
    message += s.st === AS_BLOCKED && what ? `: it waits on ${what}` : what ? `: ${what}` : '';
    const others = waits.filter((w) => w.actor !== s.a && w.what !== 'running').map((w) => `${s.names[w.actor]} waits on ${w.what}`);
    if (others.length) message += `; ${others.join('; ')}`;
  }
  return { outcome: { kind: 'violation', invariant: 'liveness', message, worker: -1, actor: s.a, step: -1 }, destroyed: stuck };
}
