/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010).
 * Actors get distinct random priorities d .. d+n-1; d-1 change points are drawn among the first
 * `horizon` steps; each step runs the highest-priority runnable actor, and at the j-th change point
 * the actor that is running drops to priority j (below every initial one). A bug of depth d is found
 * with probability at least 1/(n * horizon^(d-1)) per run.
 */
import { mulberry32 } from './prng.js';
import type { Chooser } from './strategy.js';

export interface PctParams {
  seed: number;
  /** bug depth d >= 1 */
  depth: number;
  /** steps among which change points are drawn (an estimate of the run length) */
  horizon: number;
}

export function pctChooser(actors: number, p: PctParams): Chooser {
  const rnd = mulberry32(p.seed);
  const prio = new Int32Array(actors);
  const order = Array.from({ length: actors }, (_, i) => i);
  for (let i = actors - 1; i > 0; i--) {
    const j = rnd() % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.forEach((a, i) => (prio[a] = p.depth + i));
  const changeAt = new Map<number, number>();
  for (let j = 1; j < p.depth; j++) changeAt.set(rnd() % Math.max(1, p.horizon), j);
  return {
    pick(runnable, current, step) {
      const j = changeAt.get(step);
      if (j !== undefined && current >= 0 && current < actors) prio[current] = j;
      // ids past the actors are store-buffer flushes (weak memory): lowest priority, so stores stay
      // buffered as long as some actor can run
      const p = (a: number): number => (a < actors ? prio[a] : 0);
      let best = runnable[0];
      for (const a of runnable) if (p(a) > p(best)) best = a;
      return best;
    },
  };
}
