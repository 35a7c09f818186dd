/**
 * A traced run as Chrome trace-event JSON (the `traceEvents` array format), for Perfetto and
 * chrome://tracing: one thread per actor (named by "M" thread_name metadata), one complete ("X")
 * event per step of an actor (1 us per engine step; its accesses in args), and the violation as a
 * global instant ("i") event on the actor that hit it, or on an "end-state check" thread.
 */
import type { Counterexample } from './summary-schema.js';

export interface TraceEvent {
  name: string;
  ph: 'X' | 'i' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  s?: 'g' | 'p' | 't';
  cat?: string;
  args?: Record<string, unknown>;
}

export interface TraceEventFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms' | 'ns';
  otherData: Record<string, string>;
}

const PID = 1;
/** tid 0 is kept for the end-state checker; actor a is tid a + 1 */
const tidOf = (actor: number): number => (actor < 0 ? 0 : actor + 1);

export function toTraceEvents(cx: Counterexample | null, meta: Record<string, string>): TraceEventFile {
  const ev: TraceEvent[] = [{ name: 'process_name', ph: 'M', pid: PID, tid: 0, args: { name: `shrinkrace ${meta.variant ?? ''}`.trim() } }];
  if (cx === null) return { traceEvents: ev, displayTimeUnit: 'ms', otherData: { ...meta, note: 'no violation: nothing to trace' } };
  const actors = [...new Set(cx.trace.map((r) => r.actor).filter((a) => a >= 0))].sort((a, b) => a - b);
  if (cx.violation.actor < 0 || !actors.includes(cx.violation.actor)) actors.push(cx.violation.actor);
  for (const a of actors) {
    ev.push({ name: 'thread_name', ph: 'M', pid: PID, tid: tidOf(a), args: { name: a < 0 ? 'end-state check' : cx.actorNames[a] } });
    ev.push({ name: 'thread_sort_index', ph: 'M', pid: PID, tid: tidOf(a), args: { sort_index: tidOf(a) } });
  }
  const steps = new Map<string, { step: number; actor: number; texts: string[] }>();
  for (const r of cx.trace) {
    if (r.actor < 0) continue;
    const key = `${r.step}:${r.actor}`;
    const s = steps.get(key) ?? { step: r.step, actor: r.actor, texts: [] };
    s.texts.push(r.text);
    steps.set(key, s);
  }
  for (const s of steps.values()) {
    const name = s.texts[0].split(/[:(]/)[0].trim() || 'step';
    ev.push({ name, cat: 'step', ph: 'X', pid: PID, tid: tidOf(s.actor), ts: s.step, dur: 1, args: { step: s.step, accesses: s.texts } });
  }
  ev.push({ name: `VIOLATION ${cx.invariant}`, cat: 'violation', ph: 'i', s: 'g', pid: PID, tid: tidOf(cx.violation.actor), ts: cx.violation.step, args: { message: cx.message, replay: `npx shrinkrace replay ${cx.token}` } });
  return { traceEvents: ev, displayTimeUnit: 'ms', otherData: { ...meta, invariant: cx.invariant } };
}
