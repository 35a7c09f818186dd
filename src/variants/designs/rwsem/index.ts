/**
 * `rwsem`: the v5.13-v6.6 design (mm/vmscan.c, followed here as of v6.6): one flat shrinker_info per
 * memcg and node (map + nr_deferred), shrinker_rwsem instead of shrinker_mutex and RCU on the reclaim
 * side (both walks take it with down_read_trylock()), and expand_one_shrinker_info() setting every old
 * bit of the new map (memset 0xff) because set_shrinker_bit() holds only rcu_read_lock().
 * do_shrink_slab(), the list_lru side and the callbacks are the reference's.
 */
import type { ModelFns } from '../../../model/kernel.js';
import type { Variant } from '../../variant.js';
import { rwsemReclaim } from './reclaim.js';
import { rwsemRegistration } from './registration.js';
import { flatShrinkerInfo } from './shrinker-info.js';

/** Everything the rwsem era replaces; designs derived from it (expand-memcpy) spread these. */
export const rwsemOverrides: Partial<ModelFns> = { ...flatShrinkerInfo, ...rwsemRegistration, ...rwsemReclaim };

export const rwsem: Variant = {
  name: 'rwsem',
  summary: 'v5.13-v6.6: flat shrinker_info, shrinker_rwsem (trylock on reclaim), expand sets every old bit (0xff)',
  expect: { kind: 'passes' },
  overrides: rwsemOverrides,
};
