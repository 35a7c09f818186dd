/**
 * The racing roles. Each actor runs its scenario operations in order; an operation's small integers
 * (a, b, c) are read as below, always modulo what exists, so any scenario is valid. Memcgs are picked
 * by position in the hierarchy (pickMemcg: small values pick child memcgs first); a reclaimer holds a
 * css reference for its whole operation, a producer only while charging a new item (item-user.ts).
 *
 *  producer      a: which live owner; b: memcg; c: node (c % nodes); bits 1-2 of c equal to 1
 *                (c = 2, 3, 10, 11 ...) evict instead of adding: the producer's most recent item of that
 *                owner charged to memcg b (kernel/item-cache.ts cache_add/cache_evict, which call
 *                list_lru_add_obj/list_lru_del_obj). A new item has page cache when bit 3 of c is set
 *                (its isolation drops the lock: LRU_RETRY), and is referenced when bit 4 is (LRU_ROTATE).
 *  reclaimer     a: memcg (root: the global walk); b: node; c: priority (c % 3). shrink_slab().
 *  expander      a: flags (bit 0 SHRINKER_NUMA_AWARE, bit 1 not SHRINKER_MEMCG_AWARE, bit 2
 *                SHRINKER_NONSLAB); b: items its owner adds before shrinker_register() (into memcg c).
 *  unregisterer  a: which live owner. Owner teardown: shrinker_free(), then list_lru_destroy().
 *  lifecycle     a % 3: 0 create a memcg below memcg b, 1 take memcg b offline, 2 free memcg b (actors/lifecycle.ts).
 */
import { G_NR_MEMCGS, G_STAT_PASSES, I_PAGES, I_REFERENCED, OWNER_LRU, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, SHRINKER_NUMA_AWARE } from '../model/layout.js';
import { css_put, css_tryget_at } from '../kernel/memcontrol.js';
import type { Kernel } from '../model/kernel.js';
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { Step } from '../model/wait.js';
import { owner_create, owner_destroy, owner_get, owner_put, ownerAddr } from './owner.js';
import { item_add, item_evict } from './item-user.js';
import { lifecycle } from './lifecycle.js';

export const isDel = (op: OpSpec): boolean => ((op.c >> 1) & 3) === 1;

/** A new item's state from an add operation's `c`: bit 3 I_PAGES, bit 4 I_REFERENCED. */
export const itemFlags = (c: number): number => (c & 8 ? I_PAGES : 0) | (c & 16 ? I_REFERENCED : 0);

/** Small values pick child memcgs first (fast-check favours small values; root never gets bits). */
export const pickMemcg = (n: number, v: number): number => ((v % n) + 1) % n;

/** Memcgs in the hierarchy now (boot and created ones; freed ones leave a hole). */
export const memcgCount = (k: Kernel): number => Atomics.load(k.mem, G_NR_MEMCGS);

/** Expander flags from an operation's `a`. */
export const expanderFlags = (a: number): number =>
  (a & 2 ? 0 : SHRINKER_MEMCG_AWARE) | (a & 1 ? SHRINKER_NUMA_AWARE : 0) | (a & 4 ? SHRINKER_NONSLAB : 0);

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
    const index = pickMemcg(memcgCount(k), op.b);
    if (isDel(op)) yield* item_evict(k, lru, index);
    else yield* item_add(k, lru, index, op.c % s.nodes, itemFlags(op.c), true);
    yield* owner_put(k, slot);
  }
}

export function* reclaimer(k: Kernel, s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    const memcg = yield* css_tryget_at(k, pickMemcg(memcgCount(k), op.a));
    if (memcg === 0) continue;
    Atomics.add(k.mem, G_STAT_PASSES, 1);
    yield* k.fn.shrink_slab(k, op.b % s.nodes, memcg, op.c % 3);
    yield* css_put(k, memcg);
  }
}

export function* expander(k: Kernel, _s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    yield* owner_create(k, expanderFlags(op.a), op.b, pickMemcg(memcgCount(k), op.c));
  }
}

export function* unregisterer(k: Kernel, _s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    yield* owner_destroy(k, op.a);
  }
}

export function* lifecycler(k: Kernel, _s: Scenario, ops: readonly OpSpec[]): Step {
  for (const op of ops) {
    yield* op_begin(k);
    yield* lifecycle(k, op);
  }
}

export const ROLE_BODIES = [producer, reclaimer, expander, unregisterer, lifecycler] as const;
