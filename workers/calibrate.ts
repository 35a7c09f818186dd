/**
 * Raw Atomics throughput on this thread, for the stress summary's side-by-side ratio: Atomics.add on
 * one word every thread hits (the shape of the ticket counter) and on a word of this thread's own line.
 */
import { LINE } from '../src/model/layout.js';
import type { CalibrateResult, CalibrateTask } from '../src/threads/protocol.js';
import { spinBarrier } from './barrier.js';

const SHARED = LINE; // word 16: the shared counter; each worker's own word is on line worker + 2

function count(mem: Int32Array, addr: number, ms: number): number {
  let ops = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 1024; i++) Atomics.add(mem, addr, 1);
    ops += 1024;
  }
  return ops;
}

export function calibrate(t: CalibrateTask): CalibrateResult {
  const mem = new Int32Array(t.sab);
  spinBarrier(mem, t.workers);
  const t0 = performance.now();
  const sharedOps = count(mem, SHARED, t.ms / 2);
  const privateOps = count(mem, (t.worker + 2) * LINE, t.ms / 2);
  return { kind: 'calibrated', worker: t.worker, sharedOps, privateOps, elapsedMs: performance.now() - t0 };
}
