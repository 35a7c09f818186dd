/**
 * Findings: races shrinkrace found in the reference (`lockless`, mirroring mm/shrinker.c and v6.13's
 * mm/list_lru.c) under workloads the default search leaves out. Each is kept as an expectation, so
 * `validate` shows it still reproduces (and would notice a model change that hides it).
 */
import type { Workload } from '../model/workloads.js';
import type { InvariantName } from '../model/violation.js';

export interface Finding {
  name: string;
  workloads: readonly Workload[];
  invariant: InvariantName;
  summary: string;
}

export const FINDINGS: readonly Finding[] = [
  {
    name: 'lockless@lifecycle',
    workloads: ['lifecycle'],
    invariant: 'lost-bit',
    summary: 'list_lru_add() racing memcg offline: the item lands in the parent\'s list (lock_list_lru_of_memcg retries with the parent) but set_shrinker_bit() is called for the dying child (memcg passed by value)',
  },
  {
    name: 'lockless@populate',
    workloads: ['populate'],
    invariant: 'lost-bit',
    summary: 'items added between shrinker_alloc() and shrinker_register(): reclaim finds the id in shrinker_idr, shrinker_try_get() fails (refcount 0) and the bit is cleared; after registration the items have no bit',
  },
  {
    name: 'lockless@nokmem',
    workloads: ['nokmem', 'nonslab', 'global'],
    invariant: 'leak',
    summary: 'under nokmem, shrink_slab_memcg() skips a non-NONSLAB shrinker with `continue` after shrinker_try_get() succeeded, never putting the reference (reachable through a bit left by a freed NONSLAB shrinker whose id was reused)',
  },
];
