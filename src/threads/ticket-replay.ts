/**
 * From a thread run's ticket log to a deterministic replay. The log holds, for every ticket, the actor
 * that took it; replayed in the deterministic engine from the same boot state, with each actor's
 * operations cut to those it had begun, it is a schedule. Tickets are taken just before each step's
 * access, so two threads may perform their accesses in the other order than their tickets: then the
 * replay diverges (the logged actor is not runnable, or the outcome differs) and the report says so.
 * A reproduced failure is shrunk like any other and gets a replay token.
 */
import { renderCounterexample, shrinkFailure } from '../api/check.js';
import { runScenario } from '../engine/run.js';
import type { InvariantName } from '../invariants/violation.js';
import type { Kernel } from '../model/kernel.js';
import { ACTOR_OPS, G_RING_OVERFLOW, G_TICKET, LINE } from '../model/layout.js';
import { actorsOf, type OpSpec, type Scenario } from '../model/scenario.js';
import { trimSchedule } from '../sched/explicit.js';
import type { Chooser } from '../sched/strategy.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';

export interface LogReplay {
  /** the deterministic engine hit the same invariant */
  reproduced: boolean;
  /** tickets in the log */
  logSteps: number;
  /** first step where the logged actor could not run in the deterministic engine, if any */
  divergedAt: number | null;
  /** what the deterministic replay saw instead, when it did not reproduce */
  observed: string;
  /** the shrunk counterexample, when reproduced */
  token?: string;
  text?: string;
  steps?: number;
}

/** Follows the log; where the logged actor cannot run, notes the divergence and keeps going. */
export function logChooser(log: Int32Array, seen: { divergedAt: number | null }): Chooser {
  return {
    pick(runnable, current, step) {
      if (step < log.length) {
        const want = log[step] - 1;
        if (runnable.includes(want)) return want;
        seen.divergedAt ??= step;
      }
      return runnable.includes(current) ? current : runnable[0];
    },
  };
}

/** The scenario as the threads ran it: each actor's operations cut to those it had begun. */
export function scenarioAsRun(k: Kernel, s: Scenario): Scenario {
  const begun = actorsOf(s).map((_, a) => Atomics.load(k.mem, k.L.rcuSlots + a * LINE + ACTOR_OPS));
  let a = 0;
  const cut = (list: OpSpec[][]): OpSpec[][] => list.map((ops) => ops.slice(0, Math.max(1, begun[a++])));
  return { ...s, producers: cut(s.producers), reclaimers: cut(s.reclaimers), expanders: cut(s.expanders), unregisterers: cut(s.unregisterers) };
}

export function replayLog(k: Kernel, s: Scenario, variant: Variant, invariant: InvariantName, seed: number, shrinkMs = 10_000): LogReplay {
  const tickets = Atomics.load(k.mem, G_TICKET);
  if (Atomics.load(k.mem, G_RING_OVERFLOW) !== 0 || tickets > k.L.ringCap) {
    return { reproduced: false, logSteps: tickets, divergedAt: null, observed: `the ticket log overflowed (${tickets} steps, ring of ${k.L.ringCap})` };
  }
  const log = k.mem.slice(k.L.ring, k.L.ring + tickets);
  const asRun = scenarioAsRun(k, s);
  const seen = { divergedAt: null as number | null };
  const r = runScenario(resolveFns(variant), asRun, logChooser(log, seen), { maxSteps: Math.max(200_000, tickets * 4) });
  const base = { logSteps: tickets, divergedAt: seen.divergedAt };
  if (r.violation?.invariant !== invariant) {
    return { reproduced: false, ...base, observed: r.violation ? `${r.violation.invariant}: ${r.violation.message}` : 'no violation' };
  }
  const [small, schedule] = shrinkFailure(variant, asRun, trimSchedule(r.schedule), invariant, seed, shrinkMs);
  const shown = renderCounterexample(variant, small, schedule);
  return { reproduced: true, ...base, observed: r.violation.message, token: shown.token, text: shown.text, steps: schedule.length };
}
