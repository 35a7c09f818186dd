/**
 * Where each reference model function lives in the kernel: its lines in src/kernel/reference/
 * mm-shrinker.c (the file the model cites by line), or the v6.13 file and function it mirrors. Bug
 * signatures name the faulting function with it (search/signature.ts); test/kernel/sources.test.ts
 * checks it against the "lines N-M" doc comment above each function in src/kernel/.
 */
import type { ModelFns } from '../model/kernel.js';

export const KERNEL_SOURCE: Partial<Record<keyof ModelFns, string>> = {
  count_objects: 'fs/super.c super_cache_count() (its shape)',
  scan_objects: 'fs/super.c super_cache_scan() -> fs/inode.c prune_icache_sb() (its shape)',
  item_lru_isolate: 'fs/inode.c inode_lru_isolate() (v6.13, its shape)',
  list_lru_add_obj: 'mm/list_lru.c list_lru_add_obj() (v6.13)',
  list_lru_del_obj: 'mm/list_lru.c list_lru_del_obj() (v6.13)',
  mem_cgroup_from_slab_obj: 'include/linux/memcontrol.h mem_cgroup_from_slab_obj() (v6.13)',
  list_lru_isolate: 'mm/list_lru.c list_lru_isolate() (v6.13)',
  list_lru_isolate_move: 'mm/list_lru.c list_lru_isolate_move() (v6.13)',
  memcg_offline_kmem: 'mm/memcontrol.c memcg_offline_kmem() (v6.13)',
  list_lru_add: 'mm/list_lru.c list_lru_add() (v6.13)',
  list_lru_del: 'mm/list_lru.c list_lru_del() (v6.13)',
  list_lru_count_one: 'mm/list_lru.c list_lru_count_one() (v6.13)',
  list_lru_walk_one: 'mm/list_lru.c __list_lru_walk_one() (v6.13)',
  list_lru_init_memcg: 'mm/list_lru.c __list_lru_init() (v6.13)',
  list_lru_destroy: 'mm/list_lru.c list_lru_destroy() (v6.13)',
  memcg_list_lru_alloc: 'mm/list_lru.c memcg_list_lru_alloc() (v6.13)',
  memcg_reparent_list_lrus: 'mm/list_lru.c memcg_reparent_list_lrus() (v6.13)',
  deferred_split_folio: 'mm/huge_memory.c deferred_split_folio() (v6.13)',
  folio_unqueue_deferred_split: 'mm/huge_memory.c __folio_unqueue_deferred_split() (v6.13)',
  deferred_split_count: 'mm/huge_memory.c deferred_split_count() (v6.13)',
  deferred_split_scan: 'mm/huge_memory.c deferred_split_scan() (v6.13, its shape)',
  shrinker_unit_free: 'mm/shrinker.c:21-39',
  shrinker_unit_alloc: 'mm/shrinker.c:41-60',
  free_shrinker_info: 'mm/shrinker.c:62-75',
  alloc_shrinker_info: 'mm/shrinker.c:77-104',
  expand_one_shrinker_info: 'mm/shrinker.c:113-148',
  expand_shrinker_info: 'mm/shrinker.c:150-179',
  set_shrinker_bit: 'mm/shrinker.c:196-212',
  reparent_shrinker_deferred: 'mm/shrinker.c:285-312',
  xchg_nr_deferred: 'mm/shrinker.c:336-350',
  add_nr_deferred: 'mm/shrinker.c:353-367',
  do_shrink_slab: 'mm/shrinker.c:371-466',
  shrink_slab_memcg: 'mm/shrinker.c:469-585',
  shrink_slab_memcg_one: 'mm/shrinker.c:528-576',
  shrink_slab: 'mm/shrinker.c:614-676',
  shrinker_memcg_alloc: 'mm/shrinker.c:216-239',
  shrinker_memcg_remove: 'mm/shrinker.c:241-250',
  shrinker_alloc: 'mm/shrinker.c:678-735',
  shrinker_register: 'mm/shrinker.c:738-758',
  shrinker_free_rcu_cb: 'mm/shrinker.c:761-767',
  shrinker_free: 'mm/shrinker.c:769-810',
  shrinker_try_get: 'include/linux/shrinker.h',
  shrinker_put: 'include/linux/shrinker.h',
};
