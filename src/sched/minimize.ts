/**
 * Delta debugging over context switches (Zeller's ddmin, on the non-zero entries of an explicit
 * schedule). Zeroing an entry removes a context switch, so the search looks for a small set of
 * switches that still fails: it tries to zero ever smaller blocks of the remaining switches and keeps
 * each attempt that still fails. Runs before fast-check's shrinker, which then works on a schedule
 * whose length is mostly irrelevant (trailing zeros are dropped).
 */
import { trimSchedule } from './explicit.js';

export function minimizeSwitches(schedule: readonly number[], fails: (s: number[]) => boolean, deadline: number): number[] {
  let best = trimSchedule(schedule);
  let n = 2;
  while (performance.now() < deadline) {
    const switches = best.flatMap((c, i) => (c !== 0 ? [i] : []));
    if (switches.length < 2 || n > switches.length) break;
    const size = Math.ceil(switches.length / n);
    let reduced = false;
    for (let start = 0; start < switches.length && performance.now() < deadline; start += size) {
      const candidate = best.slice();
      for (const i of switches.slice(start, start + size)) candidate[i] = 0;
      if (fails(candidate)) {
        best = trimSchedule(candidate);
        n = Math.max(2, n - 1);
        reduced = true;
        break;
      }
    }
    if (!reduced) n = Math.min(switches.length + 1, n * 2);
  }
  return best;
}
