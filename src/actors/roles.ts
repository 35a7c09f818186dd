/**
 * The racing roles. Each actor runs its scenario operations in order; an operation's small integers
 * (a, b, c) are read as below, always modulo what exists, so any scenario is valid.
 *
 *  producer      a: which live owner; b: memcg (b % (memcgs + 1) + 1, wrapping to 0 = root);
 *                c: node (c % nodes); bits 1-2 of c equal to 1 (c = 2, 3, 10, 11 ...) delete
 *                instead of adding. list_lru_add/list_lru_del on the owner's list_lru.
 *  reclaimer     a: memcg, as the producer's b (root: the global walk); b: node; c: priority (c % 3).
 *                shrink_slab(), as shrink_node() calls it for one memcg.
 *  expander      a: bit 0 asks for SHRINKER_NUMA_AWARE. shrinker_alloc() (which expands every
 *                memcg's shrinker_info when the new id passes shrinker_nr_max), then register.
 *  unregisterer  a: which live owner. Owner teardown: shrinker_free(), then list_lru_destroy().
 */
import { SHRINKER_MEMCG_AWARE, SHRINKER_NUMA_AWARE } from '../model/layout.js';
import { memcg_at } from '../model/memcg.js';
import type { Kernel } from '../model/kernel.js';
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { Step } from '../sync/wait.js';
import { owner_create, owner_destroy, owner_get, owner_put, ownerAddr } from './owner.js';
import { OWNER_LRU } from '../model/layout.js';

export const isDel = (op: OpSpec): boolean => ((op.c >> 1) & 3) === 1;

/** Small values pick child memcgs first (fast-check favours small values; root never gets bits). */
export const pickMemcg = (s: Scenario, v: number): number => (v % (s.memcgs + 1) + 1) % (s.memcgs + 1);

/** The safe point before each operation (see Kernel.opBegin): asked again after every wait it returns. */
function* op_begin(k: Kernel): Step {
  for (let w = k.opBegin?.(k); w !== undefined; w = k.opBegin?.(k)) yield w;
}

export function* producer(k: Kernel, s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    const slot = yield* owner_get(k, op.a);
    if (slot < 0) continue;
    const lru = Atomics.load(k.mem, ownerAddr(k, slot) + OWNER_LRU);
    const memcg = memcg_at(k, pickMemcg(s, op.b));
    const nid = op.c % s.nodes;
    if (isDel(op)) yield* k.fn.list_lru_del(k, lru, nid, memcg);
    else yield* k.fn.list_lru_add(k, lru, nid, memcg);
    yield* owner_put(k, slot);
  }
}

export function* reclaimer(k: Kernel, s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    const memcg = memcg_at(k, pickMemcg(s, op.a));
    yield* k.fn.shrink_slab(k, op.b % s.nodes, memcg, op.c % 3);
  }
}

export function* expander(k: Kernel, _s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    yield* owner_create(k, SHRINKER_MEMCG_AWARE | (op.a & 1 ? SHRINKER_NUMA_AWARE : 0));
  }
}

export function* unregisterer(k: Kernel, _s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    yield* owner_destroy(k, op.a);
  }
}

export const ROLE_BODIES = [producer, reclaimer, expander, unregisterer] as const;
