/**
 * no-recheck: on SHRINK_EMPTY, shrink_slab_memcg clears the shrinker bit and stops there, without the
 * second do_shrink_slab() (the 2018 series "Improve shrink_slab() scalability", patch "Clear shrinker bit if there are no objects related to memcg": the recheck is what makes clearing safe).
 * The race it reintroduces:
 *
 *   list_lru_add()                       shrink_slab_memcg()
 *                                          do_shrink_slab() = SHRINK_EMPTY
 *     nr_items++ (0 -> 1)
 *     set_bit()   (already set)
 *                                          clear_bit()
 *
 * The item stays on the list with its bit clear: memcg reclaim never visits it again (lost bit).
 */
import { SH_FLAGS, SHRINKER_NONSLAB, UNIT_MAP } from '../../model/layout.js';
import { clear_bit, READ_ONCE } from '../../sync/access.js';
import { memcg_shrinker_get } from '../../kernel/shrinker-reclaim.js';
import { memcg_kmem_online } from '../../kernel/memcontrol.js';
import { SHRINK_EMPTY, type ShrinkControl } from '../../model/kernel.js';
import type { Variant } from '../variant.js';

export const noRecheck: Variant = {
  name: 'no-recheck',
  summary: 'on SHRINK_EMPTY, clear the bit without calling do_shrink_slab() again',
  expect: { kind: 'violates', invariant: 'lost-bit' },
  overrides: {
    *shrink_slab_memcg_one(k, nid, memcg, unit, index, offset, priority) {
      const sc: ShrinkControl = { nid, memcg, nr_to_scan: 0, nr_scanned: 0 };
      const shrinker = yield* memcg_shrinker_get(k, unit, index, offset);
      if (!shrinker) return 0;
      /* Call non-slab shrinkers even though kmem is disabled */
      if (!memcg_kmem_online(k) && !((yield* READ_ONCE(k, shrinker, SH_FLAGS, '@->flags')) & SHRINKER_NONSLAB)) {
        return 0; // the reference `continue`s here without shrinker_put(), as it does
      }
      let ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);
      if (ret === SHRINK_EMPTY) {
        yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [SHRINK_EMPTY, no recheck]`);
        ret = 0;
      }
      yield* k.fn.shrinker_put(k, shrinker); // step 6
      return ret;
    },
  },
  edits: [{
    fn: { file: 'variants/bugs/no-recheck.ts', name: 'shrink_slab_memcg_one' },
    reference: { file: 'kernel/shrinker-reclaim.ts', name: 'shrink_slab_memcg_one' },
    removed: [
      'const shrinker_id = calc_shrinker_id(k, index, offset);',
      'yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [SHRINK_EMPTY]`);',
      'yield* smp_mb__after_atomic(k);',
      'ret = yield* k.fn.do_shrink_slab(k, sc, shrinker, priority);',
      'if (ret === SHRINK_EMPTY) ret = 0;',
      'else yield* k.fn.set_shrinker_bit(k, memcg, nid, shrinker_id);',
    ],
    added: [
      'yield* clear_bit(k, offset, unit, UNIT_MAP, `clear_bit(${offset}, @->map) [SHRINK_EMPTY, no recheck]`);',
      'ret = 0;',
    ],
  }],
};
