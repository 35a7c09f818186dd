/**
 * The per-thread view of the modeled kernel: the shared buffer, its layout, which actor is running and
 * at which step, the variant's function table, and (when rendering) the trace being recorded.
 *
 * One `Kernel` lives in each thread that steps actors. In the deterministic engine the scheduler sets
 * `actor` and `step` before it resumes an actor's generator, so every access knows who made it.
 *
 * Beside it, the table of the model's kernel functions (`ModelFns`): model code calls every function
 * through `k.fn`, so a variant that overrides one entry changes it at every call site. Names and
 * arguments follow mm/shrinker.c and mm/list_lru.c; pointers are arena pointers (arena.ts), `Step<T>`
 * is a generator that yields at every shared access. (One file: the two types refer to each other.)
 */
import type { Layout } from './layout.js';
import type { Step, Wait } from './wait.js';
import { sc, type MemoryModel } from './memory-model.js';
import type { SiteLog } from './sites.js';

export interface TraceRow {
  step: number;
  actor: number;
  text: string;
}

export interface Kernel {
  readonly mem: Int32Array;
  readonly L: Layout;
  /** nr_node_ids */
  readonly nodes: number;
  /** SHRINKER_UNIT_BITS for this run */
  readonly unitBits: number;
  /** the design under test: every model function is called through this table */
  readonly fn: ModelFns;
  readonly actorNames: readonly string[];
  /** running actor; -1 while the scenario is being set up */
  actor: number;
  /** scheduled steps so far (setup steps are not counted) */
  step: number;
  /** rows of the trace being recorded, or null when not tracing (the fast path) */
  tr: TraceRow[] | null;
  /**
   * Called by every actor before each operation (a safe point: no lock held, no RCU section open).
   * The thread engine counts operations here and parks actors for quiescent checks by returning a
   * Wait; the deterministic engine leaves it null.
   */
  opBegin: ((k: Kernel) => Wait | undefined) | null;
  /** the memory model every kernel access goes through (src/memory) */
  mm: MemoryModel;
  /** site tracking for bug signatures (engine/sites.ts), or null: the fast path */
  sites: SiteLog | null;
  /** coverage of labelled accesses (engine/coverage.ts), or null: the fast path */
  cov: AccessSink | null;
  /**
   * Set by the engine's loop while actors run: a choice among `width` values inside a step (weak
   * memory: which visible value a load reads, 0 the latest), recorded in the schedule as a step of its
   * own. Null outside a run (setup): the default, 0.
   */
  choose: ((width: number) => number) | null;
}

/** Told of every labelled shared access (sync/access.ts) when coverage is on: `what` is the access's label. */
export interface AccessSink {
  read(actor: number, addr: number, what: string): void;
  write(actor: number, addr: number, what: string): void;
  /** a branch taken that no access marks: an injected allocation failure (kernel/slab.ts) */
  mark(actor: number, what: string): void;
}

/** Both sinks told of every access (coverage and a conflict-directed chooser in one run). */
export const teeSinks = (a: AccessSink, b: AccessSink): AccessSink => ({
  read: (actor, addr, what) => (a.read(actor, addr, what), b.read(actor, addr, what)),
  write: (actor, addr, what) => (a.write(actor, addr, what), b.write(actor, addr, what)),
  mark: (actor, what) => (a.mark(actor, what), b.mark(actor, what)),
});

export function note(k: Kernel, text: string): void {
  k.tr?.push({ step: k.step, actor: k.actor, text });
}

export function actorName(k: Kernel, actor: number): string {
  return actor < 0 ? 'setup' : (k.actorNames[actor] ?? `actor${actor}`);
}

/** A kernel view over `mem` (nodes and SHRINKER_UNIT_BITS come from the layout's bounds). */
export function makeKernel(mem: Int32Array, L: Layout, fn: ModelFns, actorNames: readonly string[]): Kernel {
  return { mem, L, nodes: L.bounds.nodes, unitBits: L.bounds.unitBits, fn, actorNames, actor: -1, step: 0, tr: null, opBegin: null, mm: sc(mem), sites: null, cov: null, choose: null };
}

/** struct shrink_control: the fields the model uses. */
export interface ShrinkControl {
  nid: number;
  /** memcg pointer (root for the global walk) */
  memcg: number;
  nr_to_scan: number;
  nr_scanned: number;
  /**
   * Not kernel fields: what the owner's count callback last returned, and what its scan callback has
   * been asked to scan since (invariants/overscan.ts checks the request against do_shrink_slab()'s bound).
   */
  counted?: number;
  requested?: number;
}

/** Return values of count_objects/do_shrink_slab (~0UL - 1 and ~0UL in the kernel). */
export const SHRINK_EMPTY = -2;
export const SHRINK_STOP = -1;
export const ENOMEM = -12;
export const DEFAULT_SEEKS = 2;
export const SHRINK_BATCH = 128;

/** list_lru_walk_cb: isolate(item, list, cb_arg), returning an enum lru_status (kernel/lru-status.ts) */
export type IsolateFn = (k: Kernel, item: number, l: number, cb_arg: number) => Step<number>;

/** unsigned long *nr_to_walk: counted down by the walk */
export interface NrToWalk {
  value: number;
}

export interface ModelFns {
  // mm/shrinker.c: shrinker_info
  shrinker_unit_free(k: Kernel, info: number, start: number): Step;
  shrinker_unit_alloc(k: Kernel, nu: number, old: number, nid: number): Step<number>;
  free_shrinker_info(k: Kernel, memcg: number): Step;
  alloc_shrinker_info(k: Kernel, memcg: number): Step<number>;
  expand_one_shrinker_info(k: Kernel, memcg: number, newUnits: number, oldUnits: number, new_nr_max: number): Step<number>;
  expand_shrinker_info(k: Kernel, new_id: number): Step<number>;
  set_shrinker_bit(k: Kernel, memcg: number, nid: number, shrinker_id: number): Step;
  /**
   * For checkers, not a kernel function: the current value of memcg's bit for `shrinker_id` on `nid`,
   * read from raw memory without yielding: 1 set, 0 clear (also when the memcg's map does not cover
   * the id), -1 when the design keeps no bitmap at all (legacy).
   */
  shrinker_bit_raw(k: Kernel, memcg: number, nid: number, shrinker_id: number): number;
  /** mm/shrinker.c reparent_shrinker_deferred(): a dying memcg's nr_deferred moves to its parent */
  reparent_shrinker_deferred(k: Kernel, memcg: number): Step;
  // mm/shrinker.c: registration
  shrinker_memcg_alloc(k: Kernel, shrinker: number): Step<number>;
  shrinker_memcg_remove(k: Kernel, shrinker: number): Step;
  shrinker_alloc(k: Kernel, flags: number): Step<number>;
  shrinker_register(k: Kernel, shrinker: number): Step;
  shrinker_free_rcu_cb(k: Kernel, shrinker: number): Step;
  shrinker_free(k: Kernel, shrinker: number): Step;
  // mm/shrinker.c: reclaim
  xchg_nr_deferred(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number>;
  add_nr_deferred(k: Kernel, nr: number, shrinker: number, sc: ShrinkControl): Step<number>;
  do_shrink_slab(k: Kernel, sc: ShrinkControl, shrinker: number, priority: number): Step<number>;
  shrink_slab_memcg(k: Kernel, nid: number, memcg: number, priority: number): Step<number>;
  /** one iteration of shrink_slab_memcg's for_each_set_bit loop (mm/shrinker.c:528-576) */
  shrink_slab_memcg_one(k: Kernel, nid: number, memcg: number, unit: number, index: number, offset: number, priority: number): Step<number>;
  shrink_slab(k: Kernel, nid: number, memcg: number, priority: number): Step<number>;
  shrinker_try_get(k: Kernel, shrinker: number): Step<boolean>;
  shrinker_put(k: Kernel, shrinker: number): Step;
  // the shrinker's callbacks and its cache (kernel/item-cache.ts: fs/inode.c's shape)
  count_objects(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number>;
  scan_objects(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number>;
  /** the cache's list_lru_walk_cb (inode_lru_isolate): `cb_arg` is the on-stack dispose list */
  item_lru_isolate: IsolateFn;
  // mm/list_lru.c
  list_lru_add(k: Kernel, lru: number, item: number, nid: number, memcg: number): Step<boolean>;
  list_lru_del(k: Kernel, lru: number, item: number, nid: number, memcg: number): Step<boolean>;
  list_lru_add_obj(k: Kernel, lru: number, item: number, nid: number): Step<boolean>;
  list_lru_del_obj(k: Kernel, lru: number, item: number, nid: number): Step<boolean>;
  /** the memcg whose list holds the item: its obj_cgroup's memcg (include/linux/memcontrol.h) */
  mem_cgroup_from_slab_obj(k: Kernel, item: number): Step<number>;
  list_lru_count_one(k: Kernel, lru: number, nid: number, memcg: number): Step<number>;
  list_lru_isolate(k: Kernel, l: number, item: number): Step;
  list_lru_isolate_move(k: Kernel, l: number, item: number, head: number): Step;
  /** __list_lru_walk_one(): the number of items the callback removed */
  list_lru_walk_one(k: Kernel, lru: number, nid: number, memcg: number, isolate: IsolateFn, cb_arg: number, nr_to_walk: NrToWalk): Step<number>;
  /** 0 on -ENOMEM */
  list_lru_init_memcg(k: Kernel, shrinker: number): Step<number>;
  list_lru_destroy(k: Kernel, lru: number): Step;
  /** mm/list_lru.c memcg_list_lru_alloc(): the lists of memcg and its ancestors in lru->xa; 0 or -ENOMEM */
  memcg_list_lru_alloc(k: Kernel, memcg: number, lru: number): Step<number>;
  /** mm/memcontrol.c memcg_offline_kmem(): reparent the dying memcg's list_lrus, then its objcgs */
  memcg_offline_kmem(k: Kernel, memcg: number, parent: number): Step;
  /** mm/list_lru.c memcg_reparent_list_lrus(), for one list_lru (list_lrus_mutex is held) */
  memcg_reparent_list_lrus(k: Kernel, lru: number, memcg: number, parent: number): Step;
  // mm/huge_memory.c: THP's deferred split queue, a NONSLAB owner under nokmem (kernel/deferred-split.ts)
  deferred_split_folio(k: Kernel, lru: number, item: number): Step;
  /** true when the folio was queued */
  folio_unqueue_deferred_split(k: Kernel, lru: number, item: number): Step<boolean>;
  deferred_split_count(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number>;
  deferred_split_scan(k: Kernel, shrinker: number, sc: ShrinkControl): Step<number>;
}
