/**
 * A traced failing run as report data (summary.json's `counterexample`): its rows, its actors, the
 * column trace, and where the violation happened. A violation thrown at an access (use after free,
 * NULL dereference, bounds) happens in the step the engine never finished: the last trace rows carry
 * step === run.steps and the actor that made the access. A violation found by the end-state checks
 * (lost bit, leak, conservation) or by the engine (deadlock, step budget) has no actor: -1.
 *
 * A report must stay small enough to share: a trace of more than REPORT_MAX_ROWS rows (a livelock
 * that ran into the step budget leaves 200,000) keeps its first and last rows around one marker row
 * (actor -1, which the timeline and the trace events skip) saying how many were left out; `replay`
 * and `--trace-out` of its token give every row.
 */
import type { RunResult } from '../engine/run.js';
import type { TraceRow } from '../model/kernel.js';
import type { Counterexample } from './summary-schema.js';
import { renderTrace } from './trace.js';

export function violationPoint(run: RunResult): { step: number; actor: number } {
  const last = run.trace?.at(-1);
  if (last !== undefined && last.step === run.steps && last.actor >= 0) return { step: run.steps, actor: last.actor };
  return { step: run.steps, actor: -1 };
}

export const REPORT_MAX_ROWS = 20_000;
const REPORT_HEAD_ROWS = 5_000;

function keptRows(trace: readonly TraceRow[]): TraceRow[] {
  const rows = trace.map((r) => ({ step: r.step, actor: r.actor, text: r.text }));
  if (rows.length <= REPORT_MAX_ROWS) return rows;
  const head = rows.slice(0, REPORT_HEAD_ROWS);
  const tail = rows.slice(rows.length - (REPORT_MAX_ROWS - REPORT_HEAD_ROWS));
  const left = rows.length - head.length - tail.length;
  const from = rows[head.length].step;
  const to = rows[rows.length - tail.length - 1].step;
  return [...head, { step: from, actor: -1, text: `[${left.toLocaleString('en-US')} rows of steps ${from}-${to} not kept in this report: replay the token for every row]` }, ...tail];
}

export function counterexampleOf(variant: string, token: string, choices: number, run: RunResult): Counterexample {
  const v = run.violation;
  if (v === null) throw new Error('counterexampleOf needs a failing run');
  const trace = run.trace ?? [];
  return {
    variant, invariant: v.invariant, message: v.message, token, choices, steps: run.steps,
    actorNames: [...run.actorNames], trace: keptRows(trace),
    violation: violationPoint(run), columns: renderTrace(trace, run.actorNames, v.message),
  };
}
