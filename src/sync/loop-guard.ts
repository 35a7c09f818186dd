/**
 * The per-step loop budget: a step of an actor is one resumption of its generator, up to its next
 * yield. Code that loops without yielding (a variant's `while (!cond) {}` spinning on memory it reads
 * directly, a retry loop that forgot its `yield`) never gives the scheduler a turn, so no other actor
 * can ever change what it waits for: in one thread the whole search would hang without a word.
 *
 * Variant files are loaded with a guard in every loop (src/variants/loop-guard-transform.ts inserts
 * `if (++g.n > g.limit) g.trip(site)`); the engines reset the count before every step. Past the
 * budget the step ends in a liveness violation that names the loop's file and line, at the step it
 * happened: a trace and a replay token like any other violation (the count is deterministic, so the
 * replay trips at the same step).
 *
 * The state lives on globalThis under a registered symbol, so the engine (run from dist/ or, under
 * the tests, from the TypeScript sources) and variant files (which import dist/) share one counter.
 */
import { Violation } from '../model/violation.js';

export interface LoopGuard {
  /** loop iterations in the current step */
  n: number;
  /** iterations one step may make without yielding */
  limit: number;
  /** throw the liveness violation for the loop at `site` (file:line) */
  trip(site: string): never;
}

/** 10^7 iterations: a few tens of milliseconds of a tight loop, far above any loop the model makes. */
export const LOOP_LIMIT = 10_000_000;

const KEY = Symbol.for('shrinkrace.loopGuard');

function install(): LoopGuard {
  const g = globalThis as unknown as Record<symbol, LoopGuard | undefined>;
  const existing = g[KEY];
  if (existing !== undefined) return existing;
  const guard: LoopGuard = {
    n: 0,
    limit: LOOP_LIMIT,
    trip(site: string): never {
      guard.n = 0;
      throw new Violation('liveness', `livelock: the loop at ${site} ran more than ${guard.limit.toLocaleString('en-US')} times within one step without yielding ` +
        '(no other actor can run while it spins: a loop that waits on shared memory must yield, e.g. through READ_ONCE)', { kind: 'loop without yield', loop: site });
    },
  };
  g[KEY] = guard;
  return guard;
}

export const loopGuard: LoopGuard = install();

/** The name variant code reaches the guard by (see src/variants/load.ts). */
export const LOOP_GUARD_SYMBOL = 'shrinkrace.loopGuard';
