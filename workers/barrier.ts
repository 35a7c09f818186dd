/**
 * A spin start-barrier on the shared buffer, so the threads of a run really overlap (an
 * Atomics.wait/notify hand-off costs ~17 us; spinning ~0.5 us). Gives up spinning after a second,
 * in case a thread never comes.
 */
import { G_BARRIER } from '../src/model/layout.js';

export function spinBarrier(mem: Int32Array, parties: number): void {
  Atomics.add(mem, G_BARRIER, 1);
  const deadline = performance.now() + 1000;
  while (Atomics.load(mem, G_BARRIER) < parties) {
    if (performance.now() > deadline) return;
  }
}
