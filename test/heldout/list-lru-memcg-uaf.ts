/**
 * Held-out bug: list_lru_add_obj() and list_lru_del_obj() look up the object's memcg with
 * mem_cgroup_from_slab_obj() outside any RCU read-side section, so nothing keeps that memcg alive
 * while list_lru_add()/list_lru_del() use it.
 *
 * Upstream: introduced by "list_lru: allow explicit memcg and NUMA node selection" (0a97c01cd20b,
 * v6.8), fixed by "mm: list_lru: fix UAF for memory cgroup" (Muchun Song, 5161b48712dc, v6.11-rc,
 * Cc: stable; "found by code inspection"). Its message: "The mem_cgroup_from_slab_obj() is supposed to
 * be called under rcu lock or cgroup_mutex or others which could prevent returned memcg from being
 * freed. Fix it by adding missing rcu read lock." The pre-fix code is
 *
 *     int nid = page_to_nid(virt_to_page(item));
 *     struct mem_cgroup *memcg = list_lru_memcg_aware(lru) ?
 *             mem_cgroup_from_slab_obj(item) : NULL;
 *
 *     return list_lru_add(lru, item, nid, memcg);
 *
 * and the fix wraps the memcg-aware call in rcu_read_lock()/rcu_read_unlock().
 *
 * What this file changes: the model's list_lru_add_obj() and list_lru_del_obj() (src/kernel/list-lru.ts,
 * mm/list_lru.c v6.13), without that rcu_read_lock()/rcu_read_unlock() pair. The item pins only its
 * obj_cgroup: once the memcg goes offline its objcgs are reparented, and after the free's grace
 * period (which nothing now holds off) the memcg is freed under a list_lru_add() that still uses it
 * (memcg_kmem_id(), set_shrinker_bit()'s memcg->nodeinfo).
 *
 * Invariant broken: use-after-free (of the memcg). Workloads: `lifecycle` (memcgs go offline and
 * are freed during the run).
 *
 * Found by check's default search (blend, src/search/trial-arb.ts) at run 28,982 (seeds 2-5: 29,627,
 * 13,495, 42,297, 11,764). The search of its day (random plans over uniform scenarios) missed it in
 * 100,000 runs, as did random over dense scenarios and PCT over uniform ones: the producer must stay
 * preempted in a window of two steps (between obj_cgroup_memcg() and lock_list_lru_of_memcg()'s
 * rcu_read_lock()) while the memcg goes offline and is freed, about 70 steps of another actor and two
 * grace periods, and few generated scenarios took a memcg offline and then freed it. blend's dense
 * scenarios do (an rmdir lifecycle) and get PCT plans half the time; that miss is why.
 */
import { defineVariant, LRU_MEMCG_AWARE, READ_ONCE } from 'shrinkrace';

export default defineVariant({
  name: 'heldout-list-lru-memcg-uaf',
  summary: 'list_lru_add_obj()/list_lru_del_obj() use the memcg of mem_cgroup_from_slab_obj() without rcu_read_lock() (fixed by 5161b48712dc)',
  expect: { kind: 'violates', invariant: 'use-after-free' },
  workloads: ['lifecycle'],
  overrides: {
    /** list_lru_add_obj() before 5161b48712dc: no rcu_read_lock() around the memcg's use */
    *list_lru_add_obj(k, lru, item, nid) {
      const aware = yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)');
      const memcg = aware ? yield* k.fn.mem_cgroup_from_slab_obj(k, item) : 0;
      return yield* k.fn.list_lru_add(k, lru, item, nid, memcg);
    },
    /** list_lru_del_obj() before 5161b48712dc */
    *list_lru_del_obj(k, lru, item, nid) {
      const aware = yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)');
      const memcg = aware ? yield* k.fn.mem_cgroup_from_slab_obj(k, item) : 0;
      return yield* k.fn.list_lru_del(k, lru, item, nid, memcg);
    },
  },
});
