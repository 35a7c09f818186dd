/**
 * enum lru_status (include/linux/list_lru.h): what an isolate callback tells __list_lru_walk_one().
 * The callback is called with the list's lock held; the three that say the lock was dropped must
 * return with it dropped (v6.13: the walker relocks the list through lock_list_lru_of_memcg()).
 */
import type { IsolateFn, NrToWalk } from '../model/kernel.js';

export const LRU_REMOVED = 0; // item removed from list
export const LRU_REMOVED_RETRY = 1; // item removed, but lru lock dropped: the walk restarts
export const LRU_ROTATE = 2; // item referenced, give another pass
export const LRU_SKIP = 3; // item cannot be locked, skip
export const LRU_RETRY = 4; // item not freeable, lru lock dropped: the walk restarts
export const LRU_STOP = 5; // stop the walk, lru lock dropped

const NAMES = ['LRU_REMOVED', 'LRU_REMOVED_RETRY', 'LRU_ROTATE', 'LRU_SKIP', 'LRU_RETRY', 'LRU_STOP'];
export const lruStatusName = (s: number): string => NAMES[s] ?? `lru_status ${s}`;

export type { IsolateFn, NrToWalk };
