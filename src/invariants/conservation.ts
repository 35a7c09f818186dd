/**
 * Invariant 5, conservation of items (checked at quiescence): every item added is accounted for:
 *   added = removed by shrinker walks (LRU_REMOVED) + removed by list_lru_del + evicted at owner
 *           teardown + still listed (the lists' nr_items).
 * Reparenting moves items between lists and changes nothing here; a dead (reparented) list counts 0.
 * Items have identity, so a count that drifts from the links is caught here (nr_items is what the
 * shrinker reads), and a link that drifts from the locks by invariant 11 (list-debug).
 */
import { base, liveObjects } from '../model/arena.js';
import type { Kernel } from '../model/kernel.js';
import { G_STAT_ADDED, G_STAT_DELETED, G_STAT_DESTROYED, G_STAT_SCANNED, ONE_NR_ITEMS, T_LRU_ONE } from '../model/layout.js';
import { Violation } from '../model/violation.js';

export function checkConservation(k: Kernel): void {
  let listed = 0;
  for (const l of liveObjects(k, T_LRU_ONE)) {
    const nr = k.mem[base(k, l) + ONE_NR_ITEMS];
    if (nr > 0) listed += nr;
  }
  const [added, scanned, deleted, destroyed] = [G_STAT_ADDED, G_STAT_SCANNED, G_STAT_DELETED, G_STAT_DESTROYED].map((g) => k.mem[g]);
  if (added !== scanned + deleted + destroyed + listed) {
    throw new Violation('conservation', `conservation: ${added} item(s) added, but ${scanned} freed by scans + ${deleted} deleted + ` +
      `${destroyed} dropped with their list_lru + ${listed} still listed = ${scanned + deleted + destroyed + listed}`);
  }
}
