/**
 * shrinkrace's public API, for variant files (`--variant ./my-design.ts`): everything a design needs
 * to override model functions the way the built-in variants do. A variant file imports from
 * 'shrinkrace' and default-exports `defineVariant({...})`.
 */
import type { Variant } from './variants/variant.js';

export type { Variant, Expectation } from './variants/variant.js';
export type { ModelFns, ShrinkControl } from './model/kernel.js';
export { SHRINK_EMPTY, SHRINK_STOP, ENOMEM, DEFAULT_SEEKS, SHRINK_BATCH } from './model/kernel.js';
export type { Kernel } from './model/kernel.js';
export type { Step, Wait } from './model/wait.js';
export type { Workload } from './model/workloads.js';
export * from './model/layout.js';
export * from './sync/access.js';
export * from './sync/rcu.js';
export * from './sync/refcount.js';
export * from './sync/mutex.js';
// every function of the modeled kernel code, so a variant file can re-type any of them and call the rest
export * from './kernel/slab.js';
export * from './kernel/idr.js';
export * from './kernel/rculist.js';
export * from './kernel/memcontrol.js';
export * from './kernel/list-lru.js';
export * from './kernel/list-lru-memcg.js';
export * from './kernel/list-lru-alloc.js';
export * from './kernel/list.js';
export * from './kernel/lru-status.js';
export * from './kernel/item-cache.js';
export * from './kernel/item-lifetime.js';
export * from './kernel/deferred-split.js';
export * from './kernel/objcg.js';
export * from './kernel/shrinker-info.js';
export * from './kernel/shrinker-reclaim.js';
export * from './kernel/shrinker-register.js';
export * from './kernel/ctypes.js';
export * from './kernel/index.js';
export { warnBounds } from './invariants/bounds.js';
/** the list_lrus memcg reparenting walks (memcg_list_lrus: the owners' registered list_lrus) */
export { registered_lrus } from './actors/owner.js';
export { VARIANTS, findVariant } from './variants/registry.js';
/** the per-step loop budget; loaded variant files bind it in every loop (src/variants/loop-guard-transform.ts) */
export { loopGuard } from './sync/loop-guard.js';
export type { LoopGuard } from './sync/loop-guard.js';

/** Type-checks a variant object; returns it unchanged. */
export function defineVariant(v: Variant): Variant {
  return v;
}
