/**
 * The reference model: the kernel functions of src/kernel/reference/mm-shrinker.c (Linux v6.7+, the
 * "make memcg slab shrink lockless" series) and v6.13's mm/list_lru.c, as one ModelFns table. Every
 * variant starts from it (src/variants/registry.ts resolveFns); the `lockless` design is it unchanged.
 */
import type { ModelFns } from '../model/kernel.js';
import { listLru } from './list-lru.js';
import { listLruMemcg } from './list-lru-memcg.js';
import { itemCache } from './item-cache.js';
import { deferredSplit } from './deferred-split.js';
import { reclaim } from './shrinker-reclaim.js';
import { registration } from './shrinker-register.js';
import { shrinkerInfo } from './shrinker-info.js';

export const locklessFns: ModelFns = { ...shrinkerInfo, ...registration, ...reclaim, ...listLru, ...listLruMemcg, ...itemCache, ...deferredSplit };

