/** A bare kernel over a fresh buffer, for unit tests of the model's pieces (no scenario, no setup). */
import { computeLayout, G_RCU_GP, LRU_NODE, LRU_SHRINKER_ID, T_LRU, T_LRU_ONE, type Bounds } from '../../src/model/layout.js';
import { at, kalloc } from '../../src/model/arena.js';
import { INIT_LIST_HEAD, list_next_entry } from '../../src/kernel/list.js';
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

/** A memcg-unaware list_lru (no shrinker id) with node 0's list, for list_lru and item-cache tests. */
export function testLru(k: Kernel): { lru: number; l: number } {
  const lru = kalloc(k, T_LRU);
  k.mem[at(k, lru, LRU_SHRINKER_ID, 'test')] = -1;
  const l = kalloc(k, T_LRU_ONE);
  INIT_LIST_HEAD(k, l, 'test');
  k.mem[at(k, lru, LRU_NODE, 'test')] = l;
  return { lru, l };
}

/** The entries on list `l`, in next order. */
export function listed(k: Kernel, l: number): number[] {
  const out: number[] = [];
  for (let p = list_next_entry(k, l, 'test'); p !== l; p = list_next_entry(k, p, 'test')) out.push(p);
  return out;
}
