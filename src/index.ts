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
export { kzalloc, kvzalloc, kfree, kvfree } from './kernel/slab.js';
export { idr_alloc, idr_find, idr_remove } from './kernel/idr.js';
export { list_add_tail_rcu, list_del_rcu, list_first_rcu, list_next_rcu } from './kernel/rculist.js';
export { mem_cgroup_is_root, mem_cgroup_online, mem_cgroup_iter, nodeinfo_shrinker_info, root_mem_cgroup } from './kernel/memcontrol.js';
export { locklessFns } from './kernel/index.js';
export { memcg_shrinker_get } from './kernel/shrinker-reclaim.js';
export { shrinker_free_unlink } from './kernel/shrinker-register.js';
export { calc_shrinker_id, shrinker_id_to_index, shrinker_id_to_offset } from './kernel/shrinker-info.js';
export { VARIANTS, findVariant } from './variants/registry.js';
/** the per-step loop budget; loaded variant files bind it in every loop (src/variants/loop-guard-transform.ts) */
export { loopGuard } from './sync/loop-guard.js';
export type { LoopGuard } from './sync/loop-guard.js';

/** Type-checks a variant object; returns it unchanged. */
export function defineVariant(v: Variant): Variant {
  return v;
}
