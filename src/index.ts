/**
 * shrinkrace's public API, for variant files (`--variant ./my-design.ts`): everything a design needs
 * to override model functions the way the built-in variants do. A variant file imports from
 * 'shrinkrace' and default-exports `defineVariant({...})`.
 */
import type { Variant } from './variants/variant.js';

export type { Variant, Expectation } from './variants/variant.js';
export type { ModelFns, ShrinkControl } from './variants/model-fns.js';
export { SHRINK_EMPTY, SHRINK_STOP, ENOMEM, DEFAULT_SEEKS, SHRINK_BATCH } from './variants/model-fns.js';
export type { Kernel } from './model/kernel.js';
export type { Step, Wait } from './sync/wait.js';
export type { Workload } from '../properties/scenario.js';
export * from './model/layout.js';
export * from './sync/access.js';
export * from './sync/rcu.js';
export * from './sync/refcount.js';
export * from './sync/mutex.js';
export { kzalloc, kvzalloc, kfree, kvfree } from './model/slab.js';
export { idr_alloc, idr_find, idr_remove } from './model/idr.js';
export { list_add_tail_rcu, list_del_rcu, list_first_rcu, list_next_rcu } from './model/rculist.js';
export { mem_cgroup_is_root, mem_cgroup_online, mem_cgroup_iter, nodeinfo_shrinker_info, root_mem_cgroup } from './model/memcg.js';
export { locklessFns } from './variants/lockless/index.js';
export { memcg_shrinker_get } from './variants/lockless/reclaim.js';
export { shrinker_free_unlink } from './variants/lockless/registration.js';
export { calc_shrinker_id, shrinker_id_to_index, shrinker_id_to_offset } from './variants/lockless/shrinker-info.js';
export { VARIANTS, findVariant } from './variants/registry.js';
/** the per-step loop budget; loaded variant files bind it in every loop (src/variants/loop-guard-transform.ts) */
export { loopGuard } from './sync/loop-guard.js';
export type { LoopGuard } from './sync/loop-guard.js';

/** Type-checks a variant object; returns it unchanged. */
export function defineVariant(v: Variant): Variant {
  return v;
}
