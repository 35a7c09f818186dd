/**
 * plain-publish: expand_one_shrinker_info() publishes the new shrinker_info with a plain store instead
 * of rcu_assign_pointer() (reference line 143). The stores that initialise it (map_nr_max, unit[]) may
 * then become visible after the pointer: a reader that finds the new info under rcu_read_lock() reads
 * the zeroes kvzalloc left, an uninitialised object:
 *
 *   expand_one_shrinker_info()              set_shrinker_bit()
 *     new->map_nr_max = N; new->unit[i] = u   (buffered)
 *     pn->shrinker_info = new                 (visible first)
 *                                               info = rcu_dereference(pn->shrinker_info)
 *                                               info->unit[i], info->map_nr_max: 0  uninitialised read
 */
import { INFO_MAP_NR_MAX, INFO_UNIT, T_INFO } from '../../model/layout.js';
import { nodeinfo_shrinker_info } from '../../kernel/memcontrol.js';
import { kvfree, kvzalloc } from '../../kernel/slab.js';
import { READ_ONCE, WRITE_ONCE } from '../../sync/access.js';
import { kvfree_rcu } from '../../sync/rcu.js';
import { ENOMEM } from '../../model/kernel.js';
import type { Variant } from '../variant.js';

export const plainPublish: Variant = {
  name: 'plain-publish',
  summary: 'expand publishes the new shrinker_info with a plain store, not rcu_assign_pointer()',
  expect: { kind: 'violates', invariant: 'uninitialised-read', memory: 'weak' },
  overrides: {
    *expand_one_shrinker_info(k, memcg, newUnits, oldUnits, new_nr_max) {
      for (let nid = 0; nid < k.nodes; nid++) {
        // shrinker_info_protected(): shrinker_mutex is held
        const old = yield* READ_ONCE(k, memcg, nodeinfo_shrinker_info(nid), `shrinker_info_protected(@, ${nid})`);
        /* Not yet online memcg */
        if (!old) return 0;
        /* Already expanded this shrinker_info */
        if (new_nr_max <= (yield* READ_ONCE(k, old, INFO_MAP_NR_MAX, '@->map_nr_max'))) continue;
        const nu = yield* kvzalloc(k, T_INFO);
        if (!nu) return ENOMEM;
        void newUnits; // the arena object always has Layout.maxUnits slots (every unit the run can need)
        yield* WRITE_ONCE(k, nu, INFO_MAP_NR_MAX, new_nr_max, '@->map_nr_max');
        // memcpy(new->unit, old->unit, old_size): the units are shared, not copied
        for (let i = 0; i < oldUnits; i++) {
          const unit = yield* READ_ONCE(k, old, INFO_UNIT + i, `memcpy: @->unit[${i}]`);
          yield* WRITE_ONCE(k, nu, INFO_UNIT + i, unit, `memcpy: @->unit[${i}]`);
        }
        if (yield* k.fn.shrinker_unit_alloc(k, nu, old, nid)) {
          yield* kvfree(k, nu);
          return ENOMEM;
        }
        // a plain store where rcu_assign_pointer() orders the initialisation before publication
        yield* WRITE_ONCE(k, memcg, nodeinfo_shrinker_info(nid), nu, `WRITE_ONCE(@->nodeinfo[${nid}]->shrinker_info) [plain publish]`);
        // Readers that found `old` may still use it until they leave their RCU section.
        yield* kvfree_rcu(k, old);
      }
      return 0;
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/plain-publish.ts', name: 'expand_one_shrinker_info' },
    reference: { file: 'kernel/shrinker-info.ts', name: 'expand_one_shrinker_info' },
    removed: ['yield* rcu_assign_pointer(k, memcg, nodeinfo_shrinker_info(nid), nu, `rcu_assign_pointer(@->nodeinfo[${nid}]->shrinker_info)`);'],
    added: ['yield* WRITE_ONCE(k, memcg, nodeinfo_shrinker_info(nid), nu, `WRITE_ONCE(@->nodeinfo[${nid}]->shrinker_info) [plain publish]`);'],
  }],
};
