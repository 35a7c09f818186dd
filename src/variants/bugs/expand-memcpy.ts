/**
 * expand-memcpy: the rwsem design, but expand_one_shrinker_info() copies the old map words into the
 * new map (memcpy) instead of setting every old bit (memset 0xff). The copy runs under shrinker_rwsem
 * held for writing, but set_shrinker_bit() does not take shrinker_rwsem: it finds the info under
 * rcu_read_lock() only. A set_bit() that lands on the old map after its word was copied is lost,
 * whether it lands before or after rcu_assign_pointer() (the old info stays reachable by readers
 * until the grace period ends). The 2018 series sets every old bit instead ("Assign memcg-aware
 * shrinkers bitmap to memcg", memcg_expand_one_shrinker_map(): "memset(new->map, (int)0xff, old_size)";
 * https://lore.kernel.org/all/153112549031.4097.3576147070498769979.stgit@localhost.localdomain/),
 * and walk-throughs of the series ask exactly why not memcpy(new, old, old_size).
 *
 *   list_lru_add(memcg, shrinker 0)        prealloc_memcg_shrinker() (shrinker 1)
 *                                            down_write(&shrinker_rwsem)
 *                                            expand_one_shrinker_info(memcg)
 *     nr_items++ (0 -> 1)
 *     set_shrinker_bit()
 *       rcu_read_lock()
 *       info = rcu_dereference()  (old)
 *                                              new = kvzalloc()
 *                                              memcpy(new->map, old->map)   (bit 0 clear)
 *       set_bit(0, old->map)
 *                                              rcu_assign_pointer(shrinker_info, new)
 *       rcu_read_unlock()                      kvfree_rcu(old)
 *
 * The item stays on the list with bit 0 clear in the live map: shrink_slab_memcg() never calls
 * shrinker 0 for this memcg again (lost bit). Later adds do not set it either (nr_items was not 0).
 */
import { FLAT_MAP } from '../../model/layout.js';
import type { Kernel } from '../../model/kernel.js';
import { READ_ONCE, WRITE_ONCE } from '../../sync/access.js';
import type { Step } from '../../model/wait.js';
import { rwsemOverrides } from '../designs/rwsem/index.js';
import { expandOneShrinkerInfo } from '../designs/rwsem/shrinker-info.js';
import type { Variant } from '../variant.js';

/** memcpy(new->map, old->map, old_map_size): the bug. Each word is read once, then written. */
function* map_copy_old_words(k: Kernel, old: number, nu: number, old_bits: number): Step {
  for (let w = 0; w * 32 < old_bits; w++) {
    // a set_bit() on old->map[w] after this read never reaches the new map
    const v = yield* READ_ONCE(k, old, FLAT_MAP + w, `memcpy: @->map[${w}]`);
    yield* WRITE_ONCE(k, nu, FLAT_MAP + w, v, `memcpy: @->map[${w}]`);
  }
}

export const expandMemcpy: Variant = {
  name: 'expand-memcpy',
  summary: 'rwsem design whose expand copies the old map (memcpy) instead of setting every old bit',
  expect: { kind: 'violates', invariant: 'lost-bit' },
  overrides: { ...rwsemOverrides, expand_one_shrinker_info: expandOneShrinkerInfo(map_copy_old_words) },
  edits: [{
    fn: { file: 'variants/bugs/expand-memcpy.ts', name: 'map_copy_old_words' },
    reference: { file: 'variants/designs/rwsem/shrinker-info.ts', name: 'map_set_old_bits' },
    override: 'expand_one_shrinker_info',
    removed: [
      'const n = Math.min(32, old_bits - w * 32);',
      'yield* WRITE_ONCE(k, nu, FLAT_MAP + w, n === 32 ? -1 : (1 << n) - 1, `memset(@->map, 0xff): word ${w}`);',
    ],
    added: [
      'const v = yield* READ_ONCE(k, old, FLAT_MAP + w, `memcpy: @->map[${w}]`);',
      'yield* WRITE_ONCE(k, nu, FLAT_MAP + w, v, `memcpy: @->map[${w}]`);',
    ],
  }],
};
