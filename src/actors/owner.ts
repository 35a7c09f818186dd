/**
 * The owner of a shrinker: the subsystem (a super_block, a cache) that allocates the shrinker and its
 * list_lru, registers it, lets producers add items, and on teardown stops producers, calls
 * shrinker_free() and destroys the list_lru. This is harness code, not mm/shrinker.c: it encodes the
 * contract the kernel API puts on owners (no list_lru_add after shrinker_free starts; the list_lru
 * outlives the shrinker), the way sb->s_active protects a super_block's caches. An owner may add
 * items between shrinker_alloc() and shrinker_register() (`populate`): the API does not forbid it.
 *
 * The owner table lives in the shared buffer (layout.ts OWNER_*), so every engine sees it; list_lrus are
 * (un)registered in it under list_lrus_mutex, which memcg reparenting walks.
 */
import { G_LIST_LRUS_MUTEX, G_OWNERS, OWNER_DYING, OWNER_GONE, OWNER_LIVE, OWNER_LRU, OWNER_SHRINKER, OWNER_STATE, OWNER_USERS, OWNER_WORDS, SH_LRU, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB } from '../model/layout.js';
import { note, type Kernel } from '../model/kernel.js';
import { fmtPtr } from '../model/arena.js';
import { full_barrier, WRITE_ONCE } from '../sync/access.js';
import { mutex_lock, mutex_unlock } from '../sync/mutex.js';
import type { Step } from '../model/wait.js';
import { evict_all } from '../kernel/item-lifetime.js';
import { item_add } from './item-user.js';
import { deferred_split_destroy, deferred_split_init } from '../kernel/deferred-split.js';
import { is_split_queue } from '../kernel/item-cache.js';
import { memcg_kmem_online } from '../kernel/memcontrol.js';

export const ownerAddr = (k: Kernel, slot: number): number => k.L.owners + slot * OWNER_WORDS;

/** Pick the `pick % n`-th owner whose state is LIVE, or -1 when there is none (no memory access). */
function nthLive(k: Kernel, pick: number): number {
  const n = Atomics.load(k.mem, G_OWNERS);
  let live = 0;
  for (let s = 0; s < n; s++) if (Atomics.load(k.mem, ownerAddr(k, s) + OWNER_STATE) === OWNER_LIVE) live++;
  if (live === 0) return -1;
  let want = pick % live;
  for (let s = 0; s < n; s++) {
    if (Atomics.load(k.mem, ownerAddr(k, s) + OWNER_STATE) === OWNER_LIVE && want-- === 0) return s;
  }
  return -1;
}

/** list_lru_register()/unregister(): the list_lru joins/leaves memcg_list_lrus (the owner table). */
function* list_lru_register(k: Kernel, o: number, lru: number): Step {
  yield* mutex_lock(k, G_LIST_LRUS_MUTEX, 'mutex_lock(&list_lrus_mutex)');
  yield;
  Atomics.store(k.mem, o + OWNER_LRU, lru);
  yield* mutex_unlock(k, G_LIST_LRUS_MUTEX, 'mutex_unlock(&list_lrus_mutex)');
}

function* list_lru_unregister(k: Kernel, o: number): Step<number> {
  yield* mutex_lock(k, G_LIST_LRUS_MUTEX, 'mutex_lock(&list_lrus_mutex)');
  yield;
  const lru = Atomics.exchange(k.mem, o + OWNER_LRU, 0);
  yield* mutex_unlock(k, G_LIST_LRUS_MUTEX, 'mutex_unlock(&list_lrus_mutex)');
  return lru;
}

/**
 * shrinker_alloc(), list_lru_init_memcg(), shrinker->private_data = lru, optionally `populate` items
 * into memcg position `memcgPick` first, shrinker_register(). Returns the owner slot, or -1 on -ENOMEM.
 */
export function* owner_create(k: Kernel, flags: number, populate = 0, memcgPick = 1): Step<number> {
  const shrinker = yield* k.fn.shrinker_alloc(k, flags);
  if (!shrinker) return -1;
  const lru = yield* k.fn.list_lru_init_memcg(k, shrinker);
  if (!lru) {
    yield* k.fn.shrinker_free(k, shrinker); // never registered: frees at once (after a grace period)
    return -1;
  }
  // under nokmem a memcg-aware NONSLAB owner is THP's deferred split queue (kernel/deferred-split.ts)
  if (!memcg_kmem_online(k) && (flags & (SHRINKER_MEMCG_AWARE | SHRINKER_NONSLAB)) === (SHRINKER_MEMCG_AWARE | SHRINKER_NONSLAB)) deferred_split_init(k, lru);
  const slot = Atomics.add(k.mem, G_OWNERS, 1);
  const o = ownerAddr(k, slot);
  Atomics.store(k.mem, o + OWNER_SHRINKER, shrinker);
  yield* list_lru_register(k, o, lru);
  yield* WRITE_ONCE(k, shrinker, SH_LRU, lru, '@->private_data = lru');
  for (let i = 0; i < populate; i++) if (!(yield* item_add(k, lru, memcgPick, 0, 0, false))) break;
  yield* k.fn.shrinker_register(k, shrinker);
  // the owner is published as the kernel publishes a mounted super_block (under sb_lock, s_umount):
  // with release ordering, so whoever finds it live (a producer, its teardown) sees it set up
  // (weak memory: shrinker_register()'s refcount_set() is a plain store, visible late without this)
  yield* full_barrier(k);
  yield;
  Atomics.store(k.mem, o + OWNER_STATE, OWNER_LIVE);
  if (k.tr !== null) note(k, `owner ${slot}: ${fmtPtr(shrinker)} registered, open for items`);
  return slot;
}

/** A producer pins a live owner (users++, then re-check it is still live), or gets -1. */
export function* owner_get(k: Kernel, pick: number): Step<number> {
  yield;
  const slot = nthLive(k, pick);
  if (slot < 0) return -1;
  const o = ownerAddr(k, slot);
  Atomics.add(k.mem, o + OWNER_USERS, 1);
  if (Atomics.load(k.mem, o + OWNER_STATE) !== OWNER_LIVE) {
    Atomics.sub(k.mem, o + OWNER_USERS, 1);
    return -1;
  }
  return slot;
}

export function* owner_put(k: Kernel, slot: number): Step {
  yield* full_barrier(k); // a reference put is a release (as deactivate_super's): the producer's stores precede its teardown
  yield;
  Atomics.sub(k.mem, ownerAddr(k, slot) + OWNER_USERS, 1);
}

/** Teardown: close the owner to producers, wait for them to leave, shrinker_free, list_lru_destroy. */
export function* owner_destroy(k: Kernel, pick: number): Step<boolean> {
  yield;
  const slot = nthLive(k, pick);
  if (slot < 0) return false;
  const o = ownerAddr(k, slot);
  if (Atomics.compareExchange(k.mem, o + OWNER_STATE, OWNER_LIVE, OWNER_DYING) !== OWNER_LIVE) return false;
  const shrinker = Atomics.load(k.mem, o + OWNER_SHRINKER);
  if (k.tr !== null) note(k, `owner ${slot}: closing ${fmtPtr(shrinker)} to producers`);
  yield { ready: () => Atomics.load(k.mem, o + OWNER_USERS) === 0, what: `owner ${slot} teardown (producers still adding)` };
  yield* k.fn.shrinker_free(k, shrinker);
  const lru = yield* list_lru_unregister(k, o);
  yield* evict_all(k, lru); // the owner's cache empties its list_lru first (evict_inodes)
  if (is_split_queue(k, lru)) yield* deferred_split_destroy(k, lru);
  yield* k.fn.list_lru_destroy(k, lru);
  Atomics.store(k.mem, o + OWNER_STATE, OWNER_GONE);
  return true;
}

/** Every registered list_lru, for memcg reparenting (the caller holds list_lrus_mutex). */
export function registered_lrus(k: Kernel): number[] {
  const out: number[] = [];
  for (let s = 0, n = Atomics.load(k.mem, G_OWNERS); s < n; s++) {
    const lru = Atomics.load(k.mem, ownerAddr(k, s) + OWNER_LRU);
    if (lru !== 0) out.push(lru);
  }
  return out;
}
