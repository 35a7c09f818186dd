/**
 * include/linux/list.h over arena objects, checked as CONFIG_DEBUG_LIST checks it (lib/list_debug.c:
 * __list_add_valid_or_report(), __list_del_entry_valid_or_report()), plus list_lru's locking rule,
 * which lockdep_assert_held(&l->lock) would state: an item is linked and unlinked only under the lock
 * of the list_lru_one whose list links it (or on the actor's own on-stack list).
 *
 * A list_head is two words, next then prev, inside an object: ONE_LIST in a list_lru_one (a list's
 * head), ITEM_LRU in an item. A link holds the pointer to the object that contains the list_head
 * (container_of is the identity). Links are plain stores made under the list's lock and read only
 * under it, so each list operation is one step: the lock makes it atomic to every actor that respects
 * the lock, and the checks below catch one that does not. Every link followed goes through at(): a
 * freed neighbour is a use-after-free, a non-pointer a wild pointer.
 */
import { at, fmtPtr, ptrType } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import { checkLocked, corrupt, headOf } from '../invariants/list-debug.js';
import { ITEM_LRU, ONE_LIST, T_LRU_ONE } from '../model/layout.js';
import type { Step } from '../model/wait.js';

/** the offset of p's list_head */
export const list_head_of = (p: number): number => (ptrType(p) === T_LRU_ONE ? ONE_LIST : ITEM_LRU);
/** p->next: the object whose list_head follows p's */
export const list_next_entry = (k: Kernel, p: number, what: string): number => k.mem[at(k, p, list_head_of(p), what)];
export const list_prev_entry = (k: Kernel, p: number, what: string): number => k.mem[at(k, p, list_head_of(p) + 1, what)];
export const set_next = (k: Kernel, p: number, v: number, what: string): void => void (k.mem[at(k, p, list_head_of(p), what)] = v);
export const set_prev = (k: Kernel, p: number, v: number, what: string): void => void (k.mem[at(k, p, list_head_of(p) + 1, what)] = v);

/** INIT_LIST_HEAD(): an empty list, or an unlinked entry (list_empty() is true of both) */
export function INIT_LIST_HEAD(k: Kernel, p: number, what: string): void {
  set_next(k, p, p, what);
  set_prev(k, p, p, what);
}

export const list_empty = (k: Kernel, p: number, what: string): boolean => list_next_entry(k, p, what) === p;

/** __list_add_valid_or_report(new, prev, next) and the locking rule, then link new between prev and next */
export function __list_add(k: Kernel, entry: number, p: number, n: number, what: string): void {
  if (list_prev_entry(k, n, what) !== p) throw corrupt(k, 'list_add', what, `next->prev should be prev (${fmtPtr(p)}), but was ${fmtPtr(list_prev_entry(k, n, what))}. (next=${fmtPtr(n)})`);
  if (list_next_entry(k, p, what) !== n) throw corrupt(k, 'list_add', what, `prev->next should be next (${fmtPtr(n)}), but was ${fmtPtr(list_next_entry(k, p, what))}. (prev=${fmtPtr(p)})`);
  if (entry === p || entry === n) throw corrupt(k, 'list_add', what, `double add: new=${fmtPtr(entry)}, prev=${fmtPtr(p)}, next=${fmtPtr(n)}`);
  const head = headOf(k, n, what);
  if (head === null) throw corrupt(k, 'list_add', what, `the list at ${fmtPtr(n)} has no head`);
  checkLocked(k, 'list_add', head, what);
  set_prev(k, n, entry, what);
  set_next(k, entry, n, what);
  set_prev(k, entry, p, what);
  set_next(k, p, entry, what);
}

/** include/linux/poison.h: what list_del() leaves in an entry (never a valid arena pointer) */
export const LIST_POISON1 = 0x100;
export const LIST_POISON2 = 0x122;

/** __list_del_entry_valid_or_report(entry) and the locking rule, then unlink it (its own links are left as they were) */
export function __list_del_entry(k: Kernel, entry: number, what: string): void {
  const p = list_prev_entry(k, entry, what);
  const n = list_next_entry(k, entry, what);
  if (n === LIST_POISON1) throw corrupt(k, 'list_del', what, `${fmtPtr(entry)}->next is LIST_POISON1 (0x100)`);
  if (p === LIST_POISON2) throw corrupt(k, 'list_del', what, `${fmtPtr(entry)}->prev is LIST_POISON2 (0x122)`);
  if (n === entry && p === entry) return; // not on a list: list_del_init() of an unlinked entry changes nothing
  if (list_next_entry(k, p, what) !== entry) throw corrupt(k, 'list_del', what, `prev->next should be ${fmtPtr(entry)}, but was ${fmtPtr(list_next_entry(k, p, what))}. (prev=${fmtPtr(p)})`);
  if (list_prev_entry(k, n, what) !== entry) throw corrupt(k, 'list_del', what, `next->prev should be ${fmtPtr(entry)}, but was ${fmtPtr(list_prev_entry(k, n, what))}. (next=${fmtPtr(n)})`);
  const head = headOf(k, entry, what);
  if (head === null) throw corrupt(k, 'list_del', what, `${fmtPtr(entry)} is on a list without a head`);
  checkLocked(k, 'list_del', head, what);
  set_prev(k, n, p, what);
  set_next(k, p, n, what);
}

export function* list_op(k: Kernel, what: string, f: () => void): Step {
  yield;
  f();
  if (k.tr !== null) note(k, what);
}

/** list_add_tail(entry, head) */
export const list_add_tail = (k: Kernel, entry: number, head: number, what: string): Step =>
  list_op(k, what, () => __list_add(k, entry, list_prev_entry(k, head, what), head, what));

/** list_del_init(entry): unlinked, and pointing at itself (list_empty() is true) */
export const list_del_init = (k: Kernel, entry: number, what: string): Step =>
  list_op(k, what, () => (__list_del_entry(k, entry, what), INIT_LIST_HEAD(k, entry, what)));

/** list_del(entry): unlinked, its links poisoned (a later list_del() or list_empty() misreads it) */
export const list_del = (k: Kernel, entry: number, what: string): Step =>
  list_op(k, what, () => (__list_del_entry(k, entry, what), set_next(k, entry, LIST_POISON1, what), set_prev(k, entry, LIST_POISON2, what)));

/** list_move(entry, head): to the front of head's list */
export const list_move = (k: Kernel, entry: number, head: number, what: string): Step =>
  list_op(k, what, () => (__list_del_entry(k, entry, what), __list_add(k, entry, head, list_next_entry(k, head, what), what)));

/** list_move_tail(entry, head) */
export const list_move_tail = (k: Kernel, entry: number, head: number, what: string): Step =>
  list_op(k, what, () => (__list_del_entry(k, entry, what), __list_add(k, entry, list_prev_entry(k, head, what), head, what)));

/** list_splice_init(list, head): list's entries go to the front of head's list; list is left empty */
export const list_splice_init = (k: Kernel, list: number, head: number, what: string): Step =>
  list_op(k, what, () => {
    if (list_empty(k, list, what)) return;
    checkLocked(k, 'list_splice', list, what);
    checkLocked(k, 'list_splice', head, what);
    const first = list_next_entry(k, list, what);
    const last = list_prev_entry(k, list, what);
    const at_ = list_next_entry(k, head, what);
    set_prev(k, first, head, what);
    set_next(k, head, first, what);
    set_next(k, last, at_, what);
    set_prev(k, at_, last, what);
    INIT_LIST_HEAD(k, list, what);
  });
