/**
 * shrinker_list, an RCU list (include/linux/rculist.h), singly linked through shrinker->next with the
 * head in a global slot. Writers hold shrinker_mutex; readers walk it under rcu_read_lock().
 *  - list_add_tail_rcu: finds the tail, then publishes the new entry with rcu_assign_pointer.
 *  - list_del_rcu: unlinks the entry but leaves entry->next intact, so a reader standing on the entry
 *    can still move on; the entry may be freed only after a grace period.
 */
import { G_SHRINKER_LIST, SH_NEXT } from '../model/layout.js';
import type { Kernel } from '../model/kernel.js';
import { rcu_assign_global, rcu_assign_pointer, rcu_dereference, read_global, write_global, READ_ONCE, WRITE_ONCE } from '../sync/access.js';
import type { Step } from '../model/wait.js';

/**
 * Writers' walk (the list lock is held): [the entry before `entry`, whether `entry` was found]; with
 * entry 0, the tail. 0 stands for the head. Shared by the RCU list and the plain one (rwsem era).
 */
export function* list_find_prev(k: Kernel, entry: number): Step<[number, boolean]> {
  let prev = 0;
  let cur = yield* read_global(k, G_SHRINKER_LIST, 'shrinker_list.next');
  while (cur !== entry && cur !== 0) {
    prev = cur;
    cur = yield* READ_ONCE(k, cur, SH_NEXT, '@->list.next');
  }
  return [prev, cur === entry];
}

export function* list_add_tail_rcu(k: Kernel, entry: number): Step {
  yield* WRITE_ONCE(k, entry, SH_NEXT, 0, '@->list.next = &shrinker_list');
  const [prev] = yield* list_find_prev(k, 0);
  if (prev === 0) yield* rcu_assign_global(k, G_SHRINKER_LIST, entry, 'rcu_assign_pointer(shrinker_list.next)');
  else yield* rcu_assign_pointer(k, prev, SH_NEXT, entry, 'rcu_assign_pointer(@->list.next)');
}

export function* list_del_rcu(k: Kernel, entry: number): Step {
  const next = yield* READ_ONCE(k, entry, SH_NEXT, '@->list.next');
  const [prev, found] = yield* list_find_prev(k, entry);
  if (!found) return; // not on the list: list_del_rcu on an unlinked entry is a caller bug
  if (prev === 0) yield* write_global(k, G_SHRINKER_LIST, next, 'WRITE_ONCE(shrinker_list.next)');
  else yield* WRITE_ONCE(k, prev, SH_NEXT, next, 'WRITE_ONCE(@->list.next)');
}

/** list_for_each_entry_rcu: the first entry, then each entry's successor. */
export function* list_first_rcu(k: Kernel): Step<number> {
  return yield* read_global(k, G_SHRINKER_LIST, 'rcu_dereference(shrinker_list.next)');
}

export function* list_next_rcu(k: Kernel, entry: number): Step<number> {
  return yield* rcu_dereference(k, entry, SH_NEXT, 'rcu_dereference(@->list.next)');
}
