/**
 * `lockless`: the reference design, mirroring src/kernel/reference/mm-shrinker.c (Linux v6.7+, the
 * "make memcg slab shrink lockless" series) and mm/list_lru.c.
 */
import type { ModelFns } from '../model-fns.js';
import type { Variant } from '../variant.js';
import { listLru } from './list-lru.js';
import { reclaim } from './reclaim.js';
import { registration } from './registration.js';
import { shrinkerInfo } from './shrinker-info.js';

export const locklessFns: ModelFns = { ...shrinkerInfo, ...registration, ...reclaim, ...listLru };

export const lockless: Variant = {
  name: 'lockless',
  summary: 'the reference mm/shrinker.c: RCU + refcount, no lock on the reclaim side',
  expect: { kind: 'passes' },
  overrides: {},
};
