/**
 * Following a list of picks (scheduler ids, one per step: actors, the RCU runner, and under weak
 * memory store-buffer flushes and, VALUE_PICK + index, which visible value a load read), for re-running a run on an edited scenario: the scenario shrinker
 * (search/shrink-scenario.ts) removes an actor or an operation, renumbers the picks, and follows them,
 * so every surviving actor takes its steps in the order it took them before. The engine records the
 * re-run as an explicit schedule (explicit.ts), which then replays it exactly.
 *
 * Where a pick cannot be followed (its actor is blocked, or finished early because it lost an
 * operation), there are two ways on:
 *  - 'skip': drop the pick, so the others keep the relative order they had (a projection);
 *  - 'defer': keep it pending and run the first later pick whose actor can run; the deferred actor
 *    runs as soon as it can again, so it loses no steps.
 * Past the end of the list, a choice is 0: the current actor if it can run, else the lowest.
 */
import type { Chooser } from './strategy.js';

export type FollowMode = 'skip' | 'defer';

/** A recorded choice inside a step (which visible value a load read, weak memory): VALUE_PICK + index. */
export const VALUE_PICK = 1 << 28;
export const isValuePick = (p: number): boolean => p >= VALUE_PICK;

export function followChooser(picks: readonly number[], mode: FollowMode): Chooser {
  let head = 0; // every pick before it is taken, skipped or deferred
  // 'defer': per scheduler id, the positions of its deferred picks (ascending) and how many are taken;
  // a pick is the earliest deferred one whose actor can run, else the next in order (O(ids) per pick,
  // not O(picks): a livelock's 200,000-step run is followed in linear time)
  const deferred = new Map<number, { at: number[]; taken: number }>();
  const fallback = (runnable: readonly number[], current: number): number => (runnable.includes(current) ? current : runnable[0]);
  return {
    pick(runnable, current) {
      if (mode === 'skip') {
        while (head < picks.length && !runnable.includes(picks[head])) head++;
        return head < picks.length ? picks[head++] : fallback(runnable, current);
      }
      let best = -1;
      let bestAt = Infinity;
      for (const [a, d] of deferred) {
        if (d.taken < d.at.length && d.at[d.taken] < bestAt && runnable.includes(a)) [best, bestAt] = [a, d.at[d.taken]];
      }
      if (best >= 0) {
        deferred.get(best)!.taken++;
        return best;
      }
      while (head < picks.length) {
        const a = picks[head];
        if (runnable.includes(a)) {
          head++;
          return a;
        }
        const d = deferred.get(a) ?? { at: [], taken: 0 };
        d.at.push(head++);
        deferred.set(a, d);
      }
      return fallback(runnable, current);
    },
    // the value choice at the head of the picks, consumed; else 0 (the latest), consuming nothing
    value: (width) => (head < picks.length && isValuePick(picks[head]) ? (picks[head++] - VALUE_PICK) % width : 0),
  };
}

/** Records the id each pick of `inner` chose into `out` (a value choice as VALUE_PICK + its index). */
export function recordingChooser(inner: Chooser, out: number[]): Chooser {
  return {
    pick(runnable, current, step) {
      const a = inner.pick(runnable, current, step);
      out.push(a);
      return a;
    },
    value(width, step) {
      const i = inner.value === undefined ? 0 : inner.value(width, step) % width;
      out.push(VALUE_PICK + i);
      return i;
    },
  };
}
