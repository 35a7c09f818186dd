/**
 * nokmem-skip: the kernel of the production analysis (shrink_slab() cost under cgroup.memory=nokmem: a v5.x kernel of the rwsem era) under
 * cgroup.memory=nokmem. shrink_slab_memcg() skips every shrinker that is not SHRINKER_NONSLAB without
 * clearing its bit, and expansion sets every old bit of the new map (memset 0xff), so memcg reclaim
 * keeps visiting bits it will never act on: for_each_set_bit + idr_find for nothing, on every pass.
 * A cost pathology, not a correctness bug (the analysis measured 10x and more): it passes every
 * invariant, and validate shows its set bits visited per reclaim pass against the reference's
 * (lockless@nokmem) under the same workload. The analysis' fix clears the bit when skipping.
 */
import { rwsemOverrides } from './rwsem/index.js';
import type { Variant } from '../variant.js';

export const nokmemSkip: Variant = {
  name: 'nokmem-skip',
  summary: 'rwsem-era kernel under nokmem: non-NONSLAB shrinkers skipped without clearing their bit (cost, after a production analysis)',
  expect: { kind: 'passes' },
  overrides: rwsemOverrides,
  workloads: ['nokmem', 'nonslab', 'global'],
};
