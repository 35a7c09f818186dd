/**
 * no-mb-before-atomic: set_shrinker_bit() drops its smp_mb__before_atomic() (reference line 207), so
 * list_lru_add()'s nr_items++ may become visible after its set_bit (store-store reordering): the
 * reclaimer's clear_bit <MB> recheck can run between them and see an empty list, after the set_bit:
 *
 *   list_lru_add()                         shrink_slab_memcg()
 *     nr_items++          (buffered)
 *     set_bit()           (visible first)
 *                                            clear_bit(); smp_mb__after_atomic()
 *                                            do_shrink_slab(): nr_items == 0
 *     nr_items++ becomes visible: an item, and no bit
 */
import { INFO_MAP_NR_MAX, INFO_UNIT, UNIT_MAP } from '../../model/layout.js';
import { mem_cgroup_is_root, nodeinfo_shrinker_info } from '../../kernel/memcontrol.js';
import { READ_ONCE, rcu_dereference, set_bit } from '../../sync/access.js';
import { rcu_read_lock, rcu_read_unlock } from '../../sync/rcu.js';
import { warnBounds } from '../../invariants/bounds.js';
import { shrinker_id_to_index, shrinker_id_to_offset } from '../../kernel/shrinker-info.js';
import type { Variant } from '../variant.js';

export const noMbBeforeAtomic: Variant = {
  name: 'no-mb-before-atomic',
  summary: 'set_shrinker_bit without smp_mb__before_atomic() before set_bit',
  expect: { kind: 'violates', invariant: 'lost-bit', memory: 'weak' },
  overrides: {
    *set_shrinker_bit(k, memcg, nid, shrinker_id) {
      if (shrinker_id >= 0 && memcg && !mem_cgroup_is_root(k, memcg)) {
        yield* rcu_read_lock(k);
        const info = yield* rcu_dereference(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference(@->nodeinfo[${nid}]->shrinker_info)`);
        const index = shrinker_id_to_index(k, shrinker_id);
        const unit = yield* READ_ONCE(k, info, INFO_UNIT + index, `@->unit[${index}]`);
        const map_nr_max = yield* READ_ONCE(k, info, INFO_MAP_NR_MAX, '@->map_nr_max');
        if (shrinker_id >= map_nr_max) {
          throw warnBounds(k, shrinker_id, map_nr_max, info); // WARN_ON_ONCE(shrinker_id >= info->map_nr_max)
        } else {
          // missing: smp_mb__before_atomic()
          const offset = shrinker_id_to_offset(k, shrinker_id);
          yield* set_bit(k, offset, unit, UNIT_MAP, `set_bit(${offset}, @->map) [shrinker ${shrinker_id}]`);
        }
        yield* rcu_read_unlock(k);
      }
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/no-mb-before-atomic.ts', name: 'set_shrinker_bit' },
    reference: { file: 'kernel/shrinker-info.ts', name: 'set_shrinker_bit' },
    removed: ['yield* smp_mb__before_atomic(k);'],
    added: [],
  }],
};
