/**
 * Invariant 11, list-debug (checked at every list operation, kernel/list.ts): what CONFIG_DEBUG_LIST
 * checks (lib/list_debug.c: next->prev == prev and prev->next == next before an add, prev->next ==
 * entry and next->prev == entry before a delete, no double add, no LIST_POISON), and list_lru's
 * locking rule where breaking it is a race (checkLocked below). A link into freed memory is caught by
 * the arena as a use-after-free when it is followed.
 *
 * Why not lockdep_assert_held(&l->lock) for every operation: the kernel itself unlinks an item under
 * its parent's lock in one window (v6.13 memcg_reparent_list_lrus() stores NULL in the xarray before
 * it takes the child's lock to splice; a list_lru_del() in between resolves the parent), which is safe
 * against the splice and unsafe only against another holder of the child's lock.
 */
import { at, fmtPtr, ptrType } from '../model/arena.js';
import { actorName, type Kernel } from '../model/kernel.js';
import { ACTOR_WANTS, actorLine, ITEM_LRU, ONE_LIST, ONE_LOCK, ONE_STACK_OF, T_LRU_ONE } from '../model/layout.js';
import { normalizeLabel } from '../model/sites.js';
import { Violation } from '../model/violation.js';

export function corrupt(k: Kernel, op: string, what: string, detail: string): Violation {
  return new Violation('list-debug', `list-debug: ${actorName(k, k.actor)} at step ${k.step}: ${what}: ${op} corruption. ${detail}`,
    { op, access: normalizeLabel(what) });
}

/**
 * The list_lru_one whose list links `entry` (entry itself when it is a head), found by following the
 * next and the prev links in turn (the nearer end wins: an item at either end of its list costs one
 * step); null when the links close without reaching a head (a corrupted list).
 */
export function headOf(k: Kernel, entry: number, what: string): number | null {
  if (ptrType(entry) === T_LRU_ONE) return entry;
  let n = entry;
  let p = entry;
  for (let i = 0; i < 1 << 16; i++) {
    n = k.mem[at(k, n, ptrType(n) === T_LRU_ONE ? ONE_LIST : ITEM_LRU, what)]; // n = n->next
    if (ptrType(n) === T_LRU_ONE) return n;
    p = k.mem[at(k, p, (ptrType(p) === T_LRU_ONE ? ONE_LIST : ITEM_LRU) + 1, what)]; // p = p->prev
    if (ptrType(p) === T_LRU_ONE) return p;
    if (n === entry || p === entry) return null;
  }
  return null;
}

/**
 * The locking rule, as a race: the list that links the entry (`head`) is another actor's on-stack list
 * (no lock can make that safe), or its lock is held by another actor, inside a critical section on it,
 * while this actor changes it without that lock. Not a race: the holder is waiting for a lock this
 * actor holds (it can touch the list only after this actor releases it: memcg_reparent_list_lru_one()
 * holds src->lock while it waits for dst->lock). An operation while nobody holds the list's lock is
 * one step here and conflicts with no critical section; what it breaks shows in later checks.
 */
export function checkLocked(k: Kernel, op: string, head: number, what: string): void {
  const stackOf = k.mem[at(k, head, ONE_STACK_OF, what)];
  let why = '';
  if (stackOf !== 0) {
    if (stackOf !== k.actor + 1) why = `it is ${actorName(k, stackOf - 1)}'s on-stack list`;
  } else {
    const holder = k.mem[at(k, head, ONE_LOCK, what)] - 1;
    if (holder >= 0 && holder !== k.actor) {
      const wants = k.mem[actorLine(k.L, holder) + ACTOR_WANTS];
      if (wants === 0 || k.mem[wants] !== k.actor + 1) why = `${actorName(k, holder)} holds its lock and is inside its critical section`;
    }
  }
  if (why === '') return;
  throw new Violation('list-debug', `list-debug: ${actorName(k, k.actor)} at step ${k.step}: ${what}: ${op} on the list of ${fmtPtr(head)} without its lock, but ${why}`,
    { op: `${op} racing the list's lock holder`, access: normalizeLabel(what) });
}
