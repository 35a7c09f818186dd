/**
 * A traced failing run as report data (summary.json's `counterexample`): its rows, its actors, the
 * column trace, and where the violation happened. A violation thrown at an access (use after free,
 * NULL dereference, bounds) happens in the step the engine never finished: the last trace rows carry
 * step === run.steps and the actor that made the access. A violation found by the end-state checks
 * (lost bit, leak, conservation) or by the engine (deadlock, step budget) has no actor: -1.
 */
import type { RunResult } from '../engine/run.js';
import type { Counterexample } from './summary-schema.js';
import { renderTrace } from './trace.js';

export function violationPoint(run: RunResult): { step: number; actor: number } {
  const last = run.trace?.at(-1);
  if (last !== undefined && last.step === run.steps && last.actor >= 0) return { step: run.steps, actor: last.actor };
  return { step: run.steps, actor: -1 };
}

export function counterexampleOf(variant: string, token: string, choices: number, run: RunResult): Counterexample {
  const v = run.violation;
  if (v === null) throw new Error('counterexampleOf needs a failing run');
  const trace = run.trace ?? [];
  return {
    variant, invariant: v.invariant, message: v.message, token, choices, steps: run.steps,
    actorNames: [...run.actorNames], trace: trace.map((r) => ({ step: r.step, actor: r.actor, text: r.text })),
    violation: violationPoint(run), columns: renderTrace(trace, run.actorNames, v.message),
  };
}
