/**
 * shrinker_list as a plain list (include/linux/list.h), the way every design before v6.7 used it:
 * writers (register, unregister) hold shrinker_rwsem for writing, the walk holds it for reading, so
 * no RCU is involved. Singly linked through shrinker->next with the head in a global slot, as
 * kernel/rculist.ts; the differences are the labels and list_del(), which poisons the entry's next
 * pointer (LIST_POISON1) instead of leaving it for readers: nobody may stand on an unlinked entry.
 * Used by the rwsem and legacy variants.
 */
import { G_SHRINKER_LIST, POISON, SH_NEXT } from '../../../model/layout.js';
import type { Kernel } from '../../../model/kernel.js';
import { READ_ONCE, WRITE_ONCE, read_global, write_global } from '../../../sync/access.js';
import type { Step } from '../../../model/wait.js';
import { list_find_prev } from '../../../kernel/rculist.js';

/** list_add_tail(&shrinker->list, &shrinker_list) (shrinker_rwsem held for writing) */
export function* list_add_tail(k: Kernel, entry: number): Step {
  yield* WRITE_ONCE(k, entry, SH_NEXT, 0, '@->list.next = &shrinker_list');
  const [prev] = yield* list_find_prev(k, 0);
  if (prev === 0) yield* write_global(k, G_SHRINKER_LIST, entry, 'shrinker_list.next = &@->list');
  else yield* WRITE_ONCE(k, prev, SH_NEXT, entry, 'prev->list.next = &new->list');
}

/**
 * list_del(&shrinker->list) (shrinker_rwsem held for writing). The poisoned next pointer is the
 * arena's POISON value: a walker that followed it would be reported as using a wild pointer.
 */
export function* list_del(k: Kernel, entry: number): Step {
  const next = yield* READ_ONCE(k, entry, SH_NEXT, '@->list.next');
  const [prev, found] = yield* list_find_prev(k, entry);
  if (!found) return; // not on the list: a caller bug the kernel would trip over (list debugging)
  if (prev === 0) yield* write_global(k, G_SHRINKER_LIST, next, 'shrinker_list.next = next');
  else yield* WRITE_ONCE(k, prev, SH_NEXT, next, '@->list.next = next');
  yield* WRITE_ONCE(k, entry, SH_NEXT, POISON, '@->list.next = LIST_POISON1');
}

/** list_for_each_entry(shrinker, &shrinker_list, list): the first entry (shrinker_rwsem held) */
export function* list_first(k: Kernel): Step<number> {
  return yield* read_global(k, G_SHRINKER_LIST, 'shrinker_list.next');
}

/** list_for_each_entry: the entry after `entry` */
export function* list_next(k: Kernel, entry: number): Step<number> {
  return yield* READ_ONCE(k, entry, SH_NEXT, '@->list.next');
}
