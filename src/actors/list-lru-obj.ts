/**
 * list_lru_add_obj()/list_lru_del_obj() (mm/list_lru.c): what a cache calls with an object. The
 * object's memcg is used only if the list_lru is memcg-aware; otherwise memcg is NULL (the node's
 * list, and no shrinker bit). The object's memcg is mem_cgroup_from_slab_obj(): the memcg it was charged
 * to, or, once that memcg's objcgs were reparented (memcg_offline_kmem), its nearest ancestor whose
 * were not. Producers and populating owners call these, holding a css reference on `memcg`.
 */
import type { Kernel } from '../model/kernel.js';
import { LRU_MEMCG_AWARE, MEMCG_OBJCG_REPARENTED, MEMCG_PARENT } from '../model/layout.js';
import { READ_ONCE } from '../sync/access.js';
import type { Step } from '../model/wait.js';

export function* mem_cgroup_from_slab_obj(k: Kernel, memcg: number): Step<number> {
  while (yield* READ_ONCE(k, memcg, MEMCG_OBJCG_REPARENTED, 'objcg of @ reparented?')) {
    memcg = yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@)');
  }
  return memcg;
}

export function* list_lru_add_obj(k: Kernel, lru: number, nid: number, memcg: number): Step<boolean> {
  const aware = yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)');
  return yield* k.fn.list_lru_add(k, lru, nid, aware ? yield* mem_cgroup_from_slab_obj(k, memcg) : 0);
}

export function* list_lru_del_obj(k: Kernel, lru: number, nid: number, memcg: number): Step<boolean> {
  const aware = yield* READ_ONCE(k, lru, LRU_MEMCG_AWARE, 'list_lru_memcg_aware(@)');
  return yield* k.fn.list_lru_del(k, lru, nid, aware ? yield* mem_cgroup_from_slab_obj(k, memcg) : 0);
}
