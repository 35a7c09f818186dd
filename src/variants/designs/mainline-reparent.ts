/**
 * mainline's fix 5 (finding lockless@reparent): memcg_reparent_list_lrus() drains and marks the dying
 * memcg's lists before it clears their xarray entry (Shakeel Butt, "mm/list_lru: drain before
 * clearing xarray entry on reparent", linux-mm 2026-06-01; see mainline.ts). The reference
 * (src/kernel/list-lru-memcg.ts) stores NULL first and splices after; here, per node, under src->lock
 * and dst->lock: splice, move the count, set the parent's bit, mark src dead (LONG_MIN); only then
 * xas_store(NULL) and kvfree_rcu(). A list_lru op that still loads the child's list either takes its
 * lock (after the drain: sees LONG_MIN and walks to the parent) or is waited for by the drain.
 */
import { LRU_MEMCG_AWARE } from '../../model/layout.js';
import type { ModelFns } from '../../model/kernel.js';
import { memcg_index } from '../../kernel/memcontrol.js';
import { slot } from '../../kernel/list-lru.js';
import { memcg_reparent_list_lru_one } from '../../kernel/list-lru-memcg.js';
import { READ_ONCE, WRITE_ONCE } from '../../sync/access.js';
import { kvfree_rcu } from '../../sync/rcu.js';

export const memcg_reparent_list_lrus: ModelFns['memcg_reparent_list_lrus'] = function* (k, lru, memcg, parent) {
  if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return;
  const m = memcg_index(k, memcg);
  const srcs: number[] = [];
  for (let nid = 0; nid < k.nodes; nid++) srcs.push(yield* READ_ONCE(k, lru, slot(m, nid), '@->xa[memcg]'));
  for (let nid = 0; nid < k.nodes; nid++) if (srcs[nid]) yield* memcg_reparent_list_lru_one(k, lru, nid, srcs[nid], parent);
  // drained and dead: now unpublish (xas_store(&xas, NULL)) and free after a grace period
  for (let nid = 0; nid < k.nodes; nid++) yield* WRITE_ONCE(k, lru, slot(m, nid), 0, `xas_store(@->xa[memcg ${m}], NULL)`);
  for (const src of srcs) if (src) yield* kvfree_rcu(k, src);
};
