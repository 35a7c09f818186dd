/**
 * Random strategy (seeded, so a seed is a run). Each step, with probability 2^-switchLog2, a uniformly
 * chosen runnable actor runs; otherwise the current actor keeps running (when it can). switchLog2 = 0
 * is uniform random scheduling; larger values keep an actor running for long stretches, which is what
 * opens the narrow windows real races need (another actor makes many steps while one is preempted).
 */
import { mulberry32 } from './prng.js';
import type { Chooser } from './strategy.js';

export function randomChooser(seed: number, switchLog2 = 0): Chooser {
  const next = mulberry32(seed);
  const mask = (1 << switchLog2) - 1;
  return {
    pick(runnable, current) {
      if ((next() & mask) !== 0 && runnable.includes(current)) return current;
      return runnable[next() % runnable.length];
    },
    // a stale read as often as a switch: the latest value otherwise
    value: (width) => ((next() & mask) !== 0 ? 0 : next() % width),
  };
}
