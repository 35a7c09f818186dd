/**
 * From a thread run's ticket log to a deterministic replay. The log holds, for every ticket, the actor
 * that took it; replayed in the deterministic engine from the same boot state, with each actor's
 * operations cut to those it had begun, it is a schedule. Tickets are taken just before each step's
 * access, so two threads may perform their accesses in the other order than their tickets: then the
 * replay diverges (the logged actor is not runnable, or the outcome differs), and reproduce.ts
 * searches for the failure instead.
 *
 * A log is a list of picks (actor ids, one per step). Replayed step for step, where the picked actor
 * cannot run the current one keeps running; replayed as a projection (on a cut-down scenario,
 * cut-repeats.ts), picks of an actor that cannot run are skipped, so the others keep their order.
 */
import { runScenario, type RunResult } from '../engine/run.js';
import { ACTOR_OPS, G_RING_OVERFLOW, G_TICKET, actorLine, type Layout } from '../model/layout.js';
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { Chooser } from '../sched/strategy.js';
import type { ModelFns } from '../model/kernel.js';

/** A failing run's log, copied out of its shared buffer (which the next run reuses). */
export interface TicketLog {
  /** tickets taken (steps of every thread) */
  tickets: number;
  /** more tickets than the ring holds: the log is incomplete */
  overflow: boolean;
  ringCap: number;
  /** actor id that took each ticket (the first min(tickets, ringCap)) */
  picks: Int32Array;
  /** operations each actor (RCU runner excluded) had begun */
  opsBegun: number[];
}

export function snapshotLog(mem: Int32Array, L: Layout, actors: number): TicketLog {
  const tickets = Atomics.load(mem, G_TICKET);
  const picks = mem.slice(L.ring, L.ring + Math.min(tickets, L.ringCap)).map((x) => x - 1);
  const opsBegun = Array.from({ length: actors }, (_, a) => Atomics.load(mem, actorLine(L, a) + ACTOR_OPS));
  return { tickets, overflow: Atomics.load(mem, G_RING_OVERFLOW) !== 0 || tickets > L.ringCap, ringCap: L.ringCap, picks, opsBegun };
}

/** Follows `picks`; where the picked actor cannot run, notes the divergence and keeps going. */
export function pickChooser(picks: ArrayLike<number>, seen: { divergedAt: number | null }): Chooser {
  return {
    pick(runnable, current, step) {
      if (step < picks.length) {
        const want = picks[step];
        if (runnable.includes(want)) return want;
        seen.divergedAt ??= step;
      }
      return runnable.includes(current) ? current : runnable[0];
    },
  };
}

/**
 * Follows `picks` as a projection: a picked actor that cannot run (finished early on a cut-down
 * scenario, or blocked) is skipped, so the other actors keep the relative order they had.
 */
export function skipChooser(picks: ArrayLike<number>, seen: { divergedAt: number | null }): Chooser {
  let j = 0;
  return {
    pick(runnable, current, step) {
      while (j < picks.length && !runnable.includes(picks[j])) {
        seen.divergedAt ??= step;
        j++;
      }
      if (j < picks.length) return picks[j++];
      return runnable.includes(current) ? current : runnable[0];
    },
  };
}

/** Records the actor each pick of `inner` chose. */
export function recordPicks(inner: Chooser, picks: number[]): Chooser {
  return {
    pick(runnable, current, step) {
      const a = inner.pick(runnable, current, step);
      picks.push(a);
      return a;
    },
  };
}

/** The scenario as the threads ran it: each actor's operations cut to those it had begun. */
export function scenarioAsRun(opsBegun: readonly number[], s: Scenario): Scenario {
  let a = 0;
  const cut = (list: OpSpec[][]): OpSpec[][] => list.map((ops) => ops.slice(0, Math.max(1, opsBegun[a++] ?? ops.length)));
  return { ...s, producers: cut(s.producers), reclaimers: cut(s.reclaimers), expanders: cut(s.expanders), unregisterers: cut(s.unregisterers), lifecycles: cut(s.lifecycles) };
}

export interface PickRun {
  run: RunResult;
  /** the actor each step ran */
  picks: number[];
  /** first step whose picked actor could not run, if any */
  divergedAt: number | null;
}

/** Replays `picks` on `s` in the deterministic engine, step for step ('step') or as a projection ('skip'). */
export function replayPicks(fns: ModelFns, s: Scenario, picks: ArrayLike<number>, mode: 'step' | 'skip' = 'step'): PickRun {
  const seen = { divergedAt: null as number | null };
  const taken: number[] = [];
  const chooser = mode === 'step' ? pickChooser(picks, seen) : skipChooser(picks, seen);
  const run = runScenario(fns, s, recordPicks(chooser, taken), { maxSteps: Math.max(200_000, picks.length * 4) });
  return { run, picks: taken, divergedAt: seen.divergedAt };
}
