/**
 * mainline's fix 5 (finding lockless@reparent): memcg_reparent_list_lrus() drains and marks the dying
 * memcg's lists before it clears their xarray entry (Shakeel Butt, "mm/list_lru: drain before
 * clearing xarray entry on reparent", linux-mm 2026-06-01; see mainline.ts). The reference
 * (src/kernel/list-lru-memcg.ts) stores NULL first and splices after; here, per node, under src->lock
 * and dst->lock: splice, move the count, set the parent's bit, mark src dead (LONG_MIN); only then
 * xas_store(NULL) and kvfree_rcu(). A list_lru op that still loads the child's list either takes its
 * lock (after the drain: sees LONG_MIN and walks to the parent) or is waited for by the drain.
 */
import { LRU_MEMCG_AWARE, LRU_XA, LRU_XA_LOCK } from '../../model/layout.js';
import { spin_lock, spin_unlock } from '../../sync/mutex.js';
import type { ModelFns } from '../../model/kernel.js';
import { memcg_index } from '../../kernel/memcontrol.js';
import { mlru_node } from '../../kernel/list-lru.js';
import { memcg_reparent_list_lru_one } from '../../kernel/list-lru-memcg.js';
import { READ_ONCE, rcu_assign_pointer } from '../../sync/access.js';
import { kvfree_rcu } from '../../sync/rcu.js';

export const memcg_reparent_list_lrus: ModelFns['memcg_reparent_list_lrus'] = function* (k, lru, memcg, parent) {
  if (!(yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)'))) return;
  const idx = memcg_index(k, memcg);
  // the lookup under the xarray lock, as the reference's xas_store() is ("Lock the Xarray to ensure no
  // on going list_lru_memcg allocation and further allocation will see css_is_dying()"): an allocation
  // stored before this load (and is drained below), or sees the memcg dying. (Unlocked it would be safe
  // too: an allocation that checked css_is_dying() before kill_css() holds the xarray spinlock, an RCU
  // read-side section, and offline_css() runs a grace period after the kill, as actors/lifecycle.ts does.)
  yield* spin_lock(k, lru, LRU_XA_LOCK, 'xas_lock_irq(&xas)');
  const mlru = yield* READ_ONCE(k, lru, LRU_XA + idx, `xas_load(&@->xa[${idx}])`);
  yield* spin_unlock(k, lru, LRU_XA_LOCK, 'xas_unlock_irq(&xas)');
  if (!mlru) return;
  for (let nid = 0; nid < k.nodes; nid++) yield* memcg_reparent_list_lru_one(k, lru, nid, mlru_node(k, mlru, nid), parent);
  // drained and dead: now unpublish (xas_store(&xas, NULL) under the xarray lock) and free after a grace period
  yield* spin_lock(k, lru, LRU_XA_LOCK, 'xas_lock_irq(&xas)');
  yield* rcu_assign_pointer(k, lru, LRU_XA + idx, 0, `xas_store(@->xa[memcg ${idx}], NULL)`);
  yield* spin_unlock(k, lru, LRU_XA_LOCK, 'xas_unlock_irq(&xas)');
  yield* kvfree_rcu(k, mlru);
};
