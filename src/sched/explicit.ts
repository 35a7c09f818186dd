/**
 * Explicit schedules: the form every run is recorded in, replayed from, and shrunk over.
 *
 * A schedule is a list of small integers, one per step:
 *   0      keep running the current actor if it is runnable, else the lowest runnable one;
 *   c > 0  run runnable[(c - 1) % runnable.length].
 * A choice inside a step (weak memory: which visible value a load reads) is an entry of its own: the
 * index, 0 the latest value. Past the end of the list every choice is 0. So a schedule of zeros runs the actors one after the
 * other, every non-zero entry is a context switch, and shrinking values toward 0 removes switches.
 */
import type { Chooser } from './strategy.js';

export function encodeChoice(runnable: readonly number[], current: number, picked: number): number {
  return choiceCode(runnable, runnable.includes(current) ? current : runnable[0], picked);
}

/** The choice of `picked` when choice 0 would run `fallback` (the engine's loop knows it without a search). */
export function choiceCode(runnable: readonly number[], fallback: number, picked: number): number {
  return picked === fallback ? 0 : runnable.indexOf(picked) + 1;
}

export function decodeChoice(runnable: readonly number[], current: number, c: number): number {
  if (c === 0) return runnable.includes(current) ? current : runnable[0];
  return runnable[(c - 1) % runnable.length];
}

export function explicitChooser(schedule: readonly number[]): Chooser {
  return {
    pick: (runnable, current, step) => decodeChoice(runnable, current, step < schedule.length ? schedule[step] : 0),
    value: (width, step) => (step < schedule.length ? schedule[step] : 0) % width,
  };
}

/** Drop trailing zeros: they are what the schedule does past its end anyway. */
export function trimSchedule(schedule: readonly number[]): number[] {
  let n = schedule.length;
  while (n > 0 && schedule[n - 1] === 0) n--;
  return schedule.slice(0, n);
}

/** Context switches in a recorded schedule (non-zero entries). */
export function countSwitches(schedule: readonly number[]): number {
  let n = 0;
  for (const c of schedule) if (c !== 0) n++;
  return n;
}
