/**
 * Invariant 1, lost bit (checked at quiescence): for every live, online memcg other than root, every
 * node and every registered memcg-aware shrinker with per-memcg lists, a non-empty list_lru_one has its
 * bit set in the memcg's shrinker map for that node (as the design reads it: shrinker_bit_raw). A clear bit means shrink_slab_memcg() will never call the
 * shrinker for that memcg again: its objects can no longer be reclaimed by memcg reclaim.
 */
import { fmtPtr, isLive, at, liveAt } from '../model/arena.js';
import type { Kernel } from '../model/kernel.js';
import { G_OWNERS, ITEM_NID, LRU_MEMCG_AWARE, LRU_XA, MEMCG_ONLINE, ONE_NR_ITEMS, OWNER_LRU, OWNER_SHRINKER, SH_FLAGS, SH_ID, SHRINKER_MEMCG_AWARE, SHRINKER_REGISTERED } from '../model/layout.js';
import { memcg_at } from '../kernel/memcontrol.js';
import { mlru_node } from '../kernel/list-lru.js';
import { split_queue_at } from '../kernel/deferred-split.js';
import { is_split_queue } from '../kernel/item-cache.js';
import { list_next_entry } from '../kernel/list.js';
import { ownerAddr } from '../actors/owner.js';
import { Violation } from '../model/violation.js';

export function checkLostBit(k: Kernel): void {
  const m = k.mem;
  const owners = m[G_OWNERS];
  for (let slot = 0; slot < owners; slot++) {
    const shrinker = m[ownerAddr(k, slot) + OWNER_SHRINKER];
    const lru = m[ownerAddr(k, slot) + OWNER_LRU];
    if (!isLive(k, shrinker) || !isLive(k, lru)) continue;
    const flags = m[at(k, shrinker, SH_FLAGS, 'check')];
    if (!(flags & SHRINKER_REGISTERED) || !(flags & SHRINKER_MEMCG_AWARE)) continue;
    const id = m[at(k, shrinker, SH_ID, 'check')];
    if (is_split_queue(k, lru)) {
      checkSplitQueues(k, shrinker, lru, id);
      continue;
    }
    if (!m[at(k, lru, LRU_MEMCG_AWARE, 'check')]) continue; // one list per node (nokmem): no memcg has its items
    for (let i = 1; i < k.L.bounds.memcgs; i++) {
      const memcg = memcg_at(k, i);
      if (!isLive(k, memcg) || !m[at(k, memcg, MEMCG_ONLINE, 'check')]) continue;
      for (let nid = 0; nid < k.nodes; nid++) {
        const mlru = m[at(k, lru, LRU_XA + i, 'check')];
        const one = mlru ? mlru_node(k, mlru, nid) : 0; // never allocated: no items
        const items = one ? m[at(k, one, ONE_NR_ITEMS, 'check')] : 0;
        if (items <= 0) continue; // empty, or dead (reparented)
        const bit = k.fn.shrinker_bit_raw(k, memcg, nid, id);
        if (bit !== 0) continue; // set, or a design without a bitmap
        throw lostBit(k, shrinker, i, nid, id, one, items, 'list_lru_one');
      }
    }
  }
}

/** A deferred split queue (kernel/deferred-split.ts): each queued folio's bit, on the folio's node, is set. */
function checkSplitQueues(k: Kernel, shrinker: number, lru: number, id: number): void {
  for (let i = 1; i < k.L.bounds.memcgs; i++) {
    const memcg = memcg_at(k, i);
    const q = split_queue_at(k, lru, i);
    if (!q || !isLive(k, memcg) || !k.mem[at(k, memcg, MEMCG_ONLINE, 'check')]) continue;
    for (let item = list_next_entry(k, q, 'check'); item !== q; item = list_next_entry(k, item, 'check')) {
      const nid = k.mem[at(k, item, ITEM_NID, 'check')];
      if (k.fn.shrinker_bit_raw(k, memcg, nid, id) === 0) throw lostBit(k, shrinker, i, nid, id, q, k.mem[at(k, q, ONE_NR_ITEMS, 'check')], 'deferred split queue');
    }
  }
}

/** The violation, with what site tracking knows of where the items came from and where the adder's bit went. */
function lostBit(k: Kernel, shrinker: number, i: number, nid: number, id: number, one: number, items: number, list: string): Violation {
  // facts: which bit (for search/signature.ts to watch in a re-run; '_' keys are not part of a
  // signature), and with site tracking the site that last changed the list's count
  const facts: Record<string, string> = { _bit: `${i}:${nid}:${id}` };
  const count = at(k, one, ONE_NR_ITEMS, 'check');
  // where the items came from: the store that filled the list (0 -> 1), not a later add or del
  const itemsIn = k.sites?.filledBy.get(count)?.site ?? k.sites?.lastStore.get(count);
  if (itemsIn !== undefined) facts.itemsIn = itemsIn;
  // the adder's last bit set: where it went (a map still live: another memcg's; since freed: a replaced one).
  // The adder is who took the count from 0 to 1 (the list_lru_add that had to set the bit), not a
  // later one that found the list non-empty: so one race has one signature, whoever added last.
  const adder = k.sites?.filledBy.get(count)?.actor ?? k.sites?.lastStoreBy.get(count);
  const set = adder === undefined ? undefined : k.sites!.lastSet[adder + 1];
  if (set !== undefined) facts.setIn = set === null ? 'none by the adder' : `${set.site} on a map ${liveAt(k, set.addr) ? 'still live' : 'since freed'}`;
  return new Violation('lost-bit',
    `lost bit: memcg ${i} node ${nid}: ${fmtPtr(shrinker)} (id ${id}) has ${items} item(s) on its ${list} ` +
    `but its bit in the memcg's shrinker map is clear at quiescence`, facts);
}
