/**
 * info-after-unlock: shrink_slab_memcg() looks the shrinker_info up once and keeps using it after
 * rcu_read_unlock() (reading info->map_nr_max and info->unit[] for every index), instead of holding
 * only the unit (which lives as long as the memcg) and re-reading the info under RCU for each index
 * (the reference's steps 1, 2 and 7). Expansion replaces the info and frees the old one after a grace
 * period, which does not wait for a reclaimer outside its read-side section:
 *
 *   shrink_slab_memcg()                     expand_one_shrinker_info()      RCU callbacks
 *     rcu_read_lock()
 *     info = rcu_dereference(...)
 *     rcu_read_unlock()
 *     do_shrink_slab() ...
 *                                             rcu_assign_pointer(new)
 *                                             kvfree_rcu(old)
 *                                                                             kvfree(old)
 *     info->unit[index + 1]                   use-after-free
 */
import { INFO_MAP_NR_MAX, INFO_UNIT, UNIT_MAP } from '../../model/layout.js';
import { mem_cgroup_online, nodeinfo_shrinker_info } from '../../kernel/memcontrol.js';
import { READ_ONCE, find_next_bit, rcu_dereference } from '../../sync/access.js';
import { rcu_read_lock, rcu_read_unlock } from '../../sync/rcu.js';
import { shrinker_id_to_index } from '../../kernel/shrinker-info.js';
import type { Variant } from '../variant.js';

export const infoAfterUnlock: Variant = {
  name: 'info-after-unlock',
  summary: 'shrink_slab_memcg keeps using the shrinker_info after rcu_read_unlock, not just its unit',
  expect: { kind: 'violates', invariant: 'use-after-free' },
  overrides: {
    *shrink_slab_memcg(k, nid, memcg, priority) {
      let freed = 0;
      let index = 0;
      if (!(yield* mem_cgroup_online(k, memcg))) return 0;
      yield* rcu_read_lock(k);
      const info = yield* rcu_dereference(k, memcg, nodeinfo_shrinker_info(nid), `rcu_dereference(@->nodeinfo[${nid}]->shrinker_info)`);
      yield* rcu_read_unlock(k); // too early: `info` is used below, and never looked up again
      for (;;) {
        if (!info) break;
        if (!(index < shrinker_id_to_index(k, yield* READ_ONCE(k, info, INFO_MAP_NR_MAX, '@->map_nr_max')))) break;
        const unit = yield* READ_ONCE(k, info, INFO_UNIT + index, `@->unit[${index}]`);
        const bits = k.unitBits;
        for (let offset = yield* find_next_bit(k, unit, UNIT_MAP, bits, 0, 'for_each_set_bit(@->map)'); offset < bits;
          offset = yield* find_next_bit(k, unit, UNIT_MAP, bits, offset + 1, 'for_each_set_bit(@->map)')) {
          freed += yield* k.fn.shrink_slab_memcg_one(k, nid, memcg, unit, index, offset, priority);
        }
        index++;
      }
      return freed;
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/info-after-unlock.ts', name: 'shrink_slab_memcg' },
    reference: { file: 'kernel/shrinker-reclaim.ts', name: 'shrink_slab_memcg' },
    // the loop header moves below the one lookup, the in-loop rcu_read_unlock() above the loop, and the
    // unlock after the loop goes (the line diff shows a moved line as removed and added)
    removed: ['for (;;) {', 'yield* rcu_read_unlock(k);', 'yield* rcu_read_unlock(k);'],
    added: ['for (;;) {', 'yield* rcu_read_unlock(k);'],
  }],
};
