/** A bare kernel over a fresh buffer, for unit tests of the model's pieces (no scenario, no setup). */
import { computeLayout, G_RCU_GP, type Bounds } from '../../src/model/layout.js';
import { makeKernel, type Kernel } from '../../src/model/kernel.js';
import { locklessFns } from '../../src/kernel/index.js';

export function testKernel(b: Partial<Bounds> = {}, actorNames: string[] = ['a', 'b']): Kernel {
  const bounds: Bounds = { nodes: 1, memcgs: 2, shrinkers: 8, unitBits: 8, actors: Math.max(2, actorNames.length), ...b };
  const L = computeLayout(bounds);
  const k = makeKernel(new Int32Array(new SharedArrayBuffer(L.words * 4)), L, locklessFns, actorNames);
  k.actor = 0;
  k.mem[G_RCU_GP] = 1;
  return k;
}
