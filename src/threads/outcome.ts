/**
 * How a thread run ended, from what its workers answered: the first violation or harness error by
 * ticket, a worker thread that crashed, or nothing (every worker done or stopped). A harness error
 * keeps the class and first line of what was thrown and names where: the worker, the actor and the
 * ticket (a worker's own report already does, see workers/step-actors.ts), or the main thread.
 */
import type { InvariantName } from '../model/violation.js';
import type { Result, RunResult } from './protocol.js';

export type ThreadOutcome =
  | { kind: 'ok' }
  /** worker -1: found by a quiescent check on the main thread (or the watchdog) */
  | { kind: 'violation'; invariant: InvariantName; message: string; worker: number; actor: number; step: number }
  /** something that is not a Violation was thrown: in a worker, by a worker thread itself, or on the main thread */
  | { kind: 'error'; message: string; worker: number; actor: number; step: number }
  /** the caller's signal stopped the run before it ended: not a verdict */
  | { kind: 'interrupted' };

/** "TypeError: first line of the message" */
export function errorLine(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  return `${err.name}: ${err.message.split('\n')[0]}`;
}

/** The first violation or error a worker reported, by ticket; else a crashed worker thread; else null. */
export function outcomeOf(results: readonly (Result | Error | undefined)[]): ThreadOutcome | null {
  const bad = results.filter((r): r is RunResult => r !== undefined && !(r instanceof Error) && (r.kind === 'violation' || r.kind === 'error'));
  bad.sort((x, y) => ('step' in x ? x.step : 0) - ('step' in y ? y.step : 0));
  const first = bad[0];
  if (first?.kind === 'violation') return { kind: 'violation', invariant: first.invariant, message: first.message, worker: first.worker, actor: first.actor, step: first.step };
  if (first?.kind === 'error') return { kind: 'error', message: first.message, worker: first.worker, actor: first.actor, step: first.step };
  const w = results.findIndex((r) => r instanceof Error);
  if (w >= 0) {
    return { kind: 'error', message: `${errorLine(results[w])} (worker thread ${w} failed outside any step: it could not load the variant or start the run)`, worker: w, actor: -1, step: -1 };
  }
  return null;
}

/** Some worker answered 'stopped': G_STOP was raised by the coordinator, not by a finding of a worker. */
export function anyStopped(results: readonly (Result | Error | undefined)[]): boolean {
  return results.some((r) => r !== undefined && !(r instanceof Error) && r.kind === 'stopped');
}
