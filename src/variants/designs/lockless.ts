/**
 * `lockless`: the reference design (src/kernel/, mirroring src/kernel/reference/mm-shrinker.c and
 * v6.13's mm/list_lru.c), with no override: what the kernel ships, against which every other design
 * and every known bug is an edit.
 */
import type { Variant } from '../variant.js';

export const lockless: Variant = {
  name: 'lockless',
  summary: 'the reference mm/shrinker.c: RCU + refcount, no lock on the reclaim side',
  expect: { kind: 'passes' },
  overrides: {},
};
