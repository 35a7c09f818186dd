/**
 * The one SharedArrayBuffer: every slot the model, the engines and the checkers touch is named here.
 *
 * The buffer is an Int32Array of `layout.words` words:
 *
 *   [ globals | actor lines (RCU reader slot + progress, one padded line each) | RCU callback queue |
 *     owner table | ticket log ring (thread engine) |
 *     arena: shrinker | arena: shrinker_info | arena: shrinker_info_unit | arena: memcg |
 *     arena: list_lru | arena: list_lru_one | arena: shrinker_info(flat) | arena: item ]
 *
 * Every arena object starts with the same header (H_*), followed by its fields. Field offsets are
 * relative to the object's first word. A pointer is an Int32 (see arena.ts): 0 is NULL.
 *
 * Not modeled: byte-level sizes (kvzalloc sizes become a fixed number of unit slots), and longs wider
 * than 32 bits (nr_deferred counts stay small in every scenario).
 */

/**
 * Compile-time bounds: node arrays inside objects (nr_node_ids), a unit's map word, actor lines. The
 * memcg and shrinker counts are the run's own (Bounds: the scenario's, up to the bench's 2000 x 2000):
 * the globals' idr, the per-memcg arrays and every array sized by shrinker ids are laid out per run.
 */
export const MAX_NODES = 4;
/** A unit's map is one 32-bit word: SHRINKER_UNIT_BITS is at most 32 (the kernel uses BITS_PER_LONG). */
export const MAX_UNIT_BITS = 32;
/** what generated scenarios draw up to (search/scenario-classes.ts); the layout itself has no such cap */
export const MAX_MEMCGS = 8;
export const MAX_ACTORS = 16;
/** Words per actor-owned line: two threads writing one 64-byte line slow down ~6x (DESIGN). */
export const LINE = 16;

// ---- globals -------------------------------------------------------------------------------
export const G_SHRINKER_MUTEX = 0; // DEFINE_MUTEX(shrinker_mutex): 0 free, else owner actor + 1
export const G_SHRINKER_NR_MAX = 1; // static int shrinker_nr_max
export const G_SHRINKER_LIST = 2; // LIST_HEAD(shrinker_list): pointer to the first shrinker
export const G_ROOT_MEMCG = 3; // root_mem_cgroup
export const G_RCU_GP = 4; // grace-period counter (rcu.ts)
export const G_CBQ_HEAD = 5; // next callback to run
export const G_CBQ_TAIL = 6; // next free callback slot
export const G_KMEM_ONLINE = 7; // memcg_kmem_online(): 0 under cgroup.memory=nokmem
export const G_NR_MEMCGS = 8; // memcgs in the hierarchy, root included
export const G_OWNERS = 9; // owner slots handed out (shrinkers created so far)
export const G_STAT_ADDED = 10; // items added by list_lru_add
export const G_STAT_DELETED = 11; // items removed by list_lru_del
export const G_STAT_SCANNED = 12; // items freed by scan_objects
export const G_STAT_DO_SHRINK = 13; // do_shrink_slab calls
export const G_ACTORS_DONE = 14; // actors (other than the RCU runner) that have finished
export const G_NR_ACTORS = 15; // actors (other than the RCU runner) in the run
// thread engine (src/threads, workers/): unused by the deterministic engine
export const G_TICKET = 16; // next step ticket: every step of every actor takes one
export const G_STOP = 17; // nonzero: every worker stops at its next step (violation, watchdog, error)
export const G_PAUSE = 18; // nonzero: actors park at their next operation boundary (quiescent check)
export const G_BARRIER = 19; // workers arrived at the start barrier
export const G_RING_OVERFLOW = 20; // nonzero: more tickets than the ring holds (log incomplete)
// 21, 22 (free until the rwsem-era designs): DECLARE_RWSEM(shrinker_rwsem), sync/rwsem.ts
export const G_SHRINKER_RWSEM = 21; // 0 free, n > 0 held by n readers, -1 held by a writer
export const G_SHRINKER_RWSEM_WAITERS = 22; // writers blocked in down_write() (rwsem_is_contended)
export const G_FAIL_MASK = 23; // bit j: the j-th allocation of the scheduled run fails (scenario failMask)
export const G_ITEM_HASH_LOCK = 24; // inode_hash_lock: the item caches' lookup lock (actors/item-cache.ts)
export const G_OBJCG_LOCK = 30; // objcg_lock (mm/memcontrol.c): serializes objcg reparenting and release
export const G_ALLOC_SEQ = 25; // allocations attempted in the scheduled run
export const G_STAT_DESTROYED = 26; // items still listed when their list_lru was destroyed
export const G_STAT_PASSES = 28; // reclaim passes (shrink_slab calls by reclaimers)
export const G_STAT_VISITS = 29; // set bits visited by memcg reclaim walks (idr lookups)
export const G_LIST_LRUS_MUTEX = 27; // list_lrus_mutex (mm/list_lru.c): serializes reparenting with list_lru (un)registration
export const G_MEMCG_LIST = 32; // [bounds.memcgs] memcg pointers in mem_cgroup_iter() order (0: freed)
// then [bounds.shrinkers] static DEFINE_IDR(shrinker_idr): at Layout.idr

// ---- actor line (one LINE per actor): RCU reader slot, then thread-engine progress ---------------
export const RCU_SLOT_GP = 0; // 0 outside a read section, else the grace-period counter seen
export const RCU_SLOT_DEPTH = 1; // rcu_read_lock() nesting
export const ACTOR_STEPS = 2; // steps taken (thread engine: the watchdog reads it)
export const ACTOR_OPS = 3; // operations begun
export const ACTOR_STATE = 4; // AS_* below (thread engine)
export const RCU_SLOT_ATOMIC = 5; // spinlocks held (preemption disabled): an RCU read-side section too (sync/rcu.ts)
export const ACTOR_WANTS = 7; // the lock word the actor is spinning or sleeping on, 0 when none (sync/mutex.ts; list-debug reads it)
export const ACTOR_DISPOSE = 6; // the actor's on-stack dispose list head (a list_lru_one used as a bare list_head), 0 until first used
export const ACTOR_HASH = 8; // [HASH_SLOTS] the producer's hash bucket: items it can look up again (actors/item-cache.ts)
export const HASH_SLOTS = 8;
export const AS_RUNNING = 0;
export const AS_PARKED = 1; // at an operation boundary, waiting for a quiescent check to end
export const AS_DONE = 2;
export const AS_BLOCKED = 3; // waiting (mutex, completion, grace period, owner teardown)

// ---- RCU callback queue entry ----------------------------------------------------------------
export const CB_FN = 0; // callback id (rcu.ts: CB_*)
export const CB_PTR = 1; // its argument
export const CB_GP = 2; // grace period it waits for
export const CB_WORDS = 4;

// ---- owner table: the subsystem that owns a shrinker and its list_lru (a super_block, say) ----
export const OWNER_SHRINKER = 0; // shrinker pointer
export const OWNER_LRU = 1; // list_lru pointer
export const OWNER_STATE = 2; // OWNER_* below
export const OWNER_USERS = 3; // producers inside list_lru_add/del on it (like sb->s_active)
export const OWNER_WORDS = 4;
export const OWNER_NONE = 0;
export const OWNER_LIVE = 1; // registered: producers may add
export const OWNER_DYING = 2; // unregistering: no new producers
export const OWNER_GONE = 3; // shrinker_free and list_lru_destroy done

// ---- arena object header ---------------------------------------------------------------------
export const H_GEN = 0; // generation of the slot's current object
export const H_STATE = 1; // ST_* below
export const H_ALLOC_ACTOR = 2;
export const H_ALLOC_STEP = 3;
export const H_FREE_ACTOR = 4; // who freed it (actor id, -1 for setup)
export const H_FREE_STEP = 5; // at which step
export const HDR = 6;
export const ST_UNUSED = 0;
export const ST_LIVE = 1;
export const ST_FREED = 2; // poisoned and quarantined: never handed out again in this run
export const POISON = 0x6b6b6b6b; // what freed fields read as (the kernel's POISON_FREE byte)

// ---- struct shrinker ---------------------------------------------------------------------------
export const SH_ID = HDR + 0;
export const SH_FLAGS = HDR + 1;
export const SH_SEEKS = HDR + 2;
export const SH_BATCH = HDR + 3;
export const SH_REFCOUNT = HDR + 4;
export const SH_DONE = HDR + 5; // struct completion done: its count
export const SH_NEXT = HDR + 6; // list_head list: next pointer (0 ends the list)
export const SH_LRU = HDR + 7; // private_data: the owner's list_lru
export const SH_OWNER = HDR + 8; // owner slot, for naming in traces
/** shrinker->nr_deferred[MAX_NODES]: a separate kzalloc in the kernel, freed with the shrinker. */
export const SH_NR_DEFERRED = HDR + 9;
export const SHRINKER_WORDS = SH_NR_DEFERRED + MAX_NODES;

// shrinker->flags (include/linux/shrinker.h)
export const SHRINKER_REGISTERED = 1 << 0;
export const SHRINKER_ALLOCATED = 1 << 1;
export const SHRINKER_NUMA_AWARE = 1 << 2;
export const SHRINKER_MEMCG_AWARE = 1 << 3;
export const SHRINKER_NONSLAB = 1 << 4;

// ---- struct shrinker_info ----------------------------------------------------------------------
export const INFO_MAP_NR_MAX = HDR + 0;
export const INFO_UNIT = HDR + 1; // [Layout.maxUnits] struct shrinker_info_unit *unit[]

// ---- struct shrinker_info_unit -----------------------------------------------------------------
export const UNIT_MAP = HDR + 0; // DECLARE_BITMAP(map, SHRINKER_UNIT_BITS): one word
export const UNIT_NR_DEFERRED = HDR + 1; // [MAX_UNIT_BITS] atomic_long_t nr_deferred[]
export const UNIT_WORDS = UNIT_NR_DEFERRED + MAX_UNIT_BITS;

// ---- struct mem_cgroup (nodeinfo[nid] folded in: only its shrinker_info pointer is modeled) -----
export const MEMCG_ID = HDR + 0; // index in mem_cgroup_iter() order; 0 is root
export const MEMCG_ONLINE = HDR + 1; // mem_cgroup_online()
export const MEMCG_PARENT = HDR + 2;
export const MEMCG_SHRINKER_INFO = HDR + 3; // [MAX_NODES] memcg->nodeinfo[nid]->shrinker_info
export const MEMCG_REFS = MEMCG_SHRINKER_INFO + MAX_NODES; // css references held by actors (css_tryget/css_put)
export const MEMCG_STATE = MEMCG_REFS + 1; // MS_* below
export const MEMCG_OBJCG = MEMCG_STATE + 1; // memcg->objcg: the active obj_cgroup (RCU); NULL for root, under nokmem and once reparented
export const MEMCG_ORIG_OBJCG = MEMCG_OBJCG + 1; // memcg->orig_objcg: its reference is put when the memcg is freed
/** memcg->memory's page_counter usage: pages charged page-style (under nokmem, a deferred-split queue's objects), each holding a css reference */
export const MEMCG_NR_PAGES = MEMCG_ORIG_OBJCG + 1;
export const MEMCG_WORDS = MEMCG_NR_PAGES + 1;
export const MS_CREATED = 0; // linked into the hierarchy, not yet online
export const MS_ONLINE = 1;
export const MS_OFFLINE = 2; // css killed, reparented; still referenced
export const MS_FREEING = 3; // no new references; freed once the last one is dropped

// ---- struct list_lru (memcg aware): the per (memcg, node) lists -------------------------------
export const LRU_SHRINKER_ID = HDR + 0; // lru->shrinker_id (-1: not a memcg-aware shrinker's list)
export const LRU_MEMCG_AWARE = HDR + 1; // lru->memcg_aware
export const LRU_XA_LOCK = HDR + 2; // xa_lock of lru->xa: memcg_list_lru_alloc() and reparenting store under it
/**
 * Not a list_lru field: 1 when the owner is a deferred-split-queue user (a memcg-aware SHRINKER_NONSLAB
 * owner under nokmem, kernel/deferred-split.ts); its per-memcg queues are at field Layout.lruSplitQueue.
 */
export const LRU_SPLIT = HDR + 3;
/** lru->node[nid].lru: the node's own list (root's and a memcg-unaware list_lru's); allocated with the list_lru */
export const LRU_NODE = HDR + 4; // [MAX_NODES] list_lru_one pointers
/** struct xarray xa: list_lru_memcg pointers by memcg->kmemcg_id (the hierarchy position; 0, root's -1, unused) */
export const LRU_XA = LRU_NODE + MAX_NODES; // [bounds.memcgs]
// then, at field Layout.lruSplitQueue: [bounds.memcgs] struct deferred_split pointers by memcg position (LRU_SPLIT owners)

// ---- struct list_lru_memcg: one memcg's lists of one list_lru, allocated lazily (memcg_list_lru_alloc) --
/** node[nr_node_ids]: embedded in the kernel (one kmalloc); here list_lru_one objects allocated and freed with it */
export const MLRU_NODE = HDR + 0; // [MAX_NODES]
export const MLRU_WORDS = MLRU_NODE + MAX_NODES;

// ---- struct list_lru_one -----------------------------------------------------------------------
export const ONE_LOCK = HDR + 0; // the list's spinlock (nlru->lock / l->lock)
export const ONE_NR_ITEMS = HDR + 1; // long nr_items
export const ONE_LIST = HDR + 2; // struct list_head list: next, then prev (ONE_LIST + 1); kernel/list.ts
/** a walker's on-stack dispose list (LIST_HEAD(dispose)) stands here as a list_lru_one: its actor + 1; 0 for a real list */
export const ONE_STACK_OF = HDR + 4;
export const ONE_WORDS = HDR + 5;
/** nr_items of a list_lru_one reparented away (LONG_MIN in the kernel): locking it means "retry with the parent" */
export const LRU_DEAD = -0x40000000;

// ---- struct shrinker_info, v5.13-v6.6 (the rwsem era): flat map and nr_deferred arrays ----------
export const FLAT_MAP_NR_MAX = HDR + 0;
export const FLAT_MAP = HDR + 1; // [Layout.flatMapWords] unsigned long *map
// then [bounds.shrinkers] atomic_long_t *nr_deferred: at field Layout.flatNrDeferred

// ---- an object a cache keeps on its list_lru (an inode, a dentry): actors/item-cache.ts -------------
export const ITEM_LRU = HDR + 0; // struct list_head lru: next, then prev (ITEM_LRU + 1); kernel/list.ts
export const ITEM_LOCK = HDR + 2; // its spinlock (inode->i_lock)
export const ITEM_STATE = HDR + 3; // I_* below (inode->i_state)
export const ITEM_MEMCG = HDR + 4; // under nokmem: the memcg it is charged to, page-style (no obj_cgroup); else 0
export const ITEM_NID = HDR + 5; // page_to_nid(virt_to_page(item))
export const ITEM_HASH = HDR + 6; // word address of its hash slot (ACTOR_HASH), 0 when not hashed
export const ITEM_SB = HDR + 7; // the cache's list_lru (inode->i_sb->s_inode_lru)
export const ITEM_OBJCG = HDR + 8; // its obj_cgroup (slab_obj_exts), holding a reference; NULL when charged to root or under nokmem
/** not a kernel field: the hierarchy position of the memcg it was charged to, so that its user can pick it again (roles.ts) */
export const ITEM_CHARGED = HDR + 9;
export const ITEM_WORDS = HDR + 10;
export const I_REFERENCED = 1 << 0; // used since it was added: the shrinker rotates it once (LRU_ROTATE)
export const I_FREEING = 1 << 1; // being evicted: whoever set it frees it
export const I_LRU_ISOLATING = 1 << 2; // pinned by a walker that dropped the locks (inode_pin_lru_isolating)
export const I_PAGES = 1 << 3; // has page cache: the walker drops the locks to drop it first (LRU_RETRY)

// ---- struct obj_cgroup (mm/memcontrol.c, include/linux/memcontrol.h): kernel/objcg.ts -----------
export const OBJCG_MEMCG = HDR + 0; // objcg->memcg: read under rcu_read_lock(); moved to the parent by reparenting
export const OBJCG_REFS = HDR + 1; // percpu_ref refcnt: the initial reference (percpu_ref_kill), orig_objcg's, one per charged object
export const OBJCG_LISTED = HDR + 2; // on an objcg_list (its memcg's, then an ancestor's): cleared by obj_cgroup_release() under objcg_lock
export const OBJCG_WORDS = HDR + 3;

/** Arena kinds; the number is the pointer's type tag. */
export const T_SHRINKER = 1;
export const T_INFO = 2;
export const T_UNIT = 3;
export const T_MEMCG = 4;
export const T_LRU = 5;
export const T_LRU_ONE = 6;
export const T_FLAT_INFO = 7;
export const T_ITEM = 8;
export const T_OBJCG = 9;
export const T_MLRU = 10;
export const ARENA_KINDS = 11;
export const ARENA_NAMES = ['', 'shrinker', 'shrinker_info', 'shrinker_info_unit', 'mem_cgroup', 'list_lru', 'list_lru_one', 'shrinker_info(flat)', 'item', 'obj_cgroup', 'list_lru_memcg'];
/** words per object of each kind whose size does not depend on the run (Layout.stride has them all) */
const FIXED_STRIDE = [0, SHRINKER_WORDS, 0, UNIT_WORDS, MEMCG_WORDS, 0, ONE_WORDS, 0, ITEM_WORDS, OBJCG_WORDS, MLRU_WORDS];

/** objects per arena kind a pointer can index (ptr.ts: 18 index bits) */
export const MAX_OBJECTS = (1 << 18) - 2;

export interface Bounds {
  nodes: number;
  /** memcgs, root included */
  memcgs: number;
  /** shrinkers created over the whole run (setup and expanders) */
  shrinkers: number;
  unitBits: number;
  /** actors, RCU runner included */
  actors: number;
  /** items (cached objects) allocated over the whole run (default 64) */
  items?: number;
  /** thread engine: entries in the ticket log ring (0: no ring) */
  ringCap?: number;
  /** objects per arena kind, in place of the worst case computed from the counts (bench: a design's own) */
  caps?: Partial<Record<number, number>>;
}

export interface Layout {
  readonly bounds: Bounds;
  readonly rcuSlots: number;
  readonly cbq: number;
  readonly cbqCap: number;
  readonly owners: number;
  /** ticket log: entry t holds the actor id + 1 that took ticket t */
  readonly ring: number;
  readonly ringCap: number;
  readonly arenaBase: Int32Array;
  readonly arenaCap: Int32Array;
  readonly arenaNext: Int32Array; // word holding each arena's allocation cursor (the line before it)
  /** words per object, per kind */
  readonly stride: Int32Array;
  /** static DEFINE_IDR(shrinker_idr): [bounds.shrinkers] pointers from this word */
  readonly idr: number;
  /** struct shrinker_info's unit[] length: every unit the run's shrinker ids can need */
  readonly maxUnits: number;
  /** a flat (rwsem-era) shrinker_info: map words, and the field offset of nr_deferred[] after them */
  readonly flatMapWords: number;
  readonly flatNrDeferred: number;
  /** the field of a list_lru where its owner's deferred split queues start (kernel/deferred-split.ts): [bounds.memcgs] */
  readonly lruSplitQueue: number;
  readonly words: number;
}

export function computeLayout(b: Bounds): Layout {
  const maxUnits = Math.ceil(b.shrinkers / b.unitBits) + 1;
  // a flat info covers map_nr_max ids, which grows in batches of BITS_PER_LONG (the scenario's
  // SHRINKER_UNIT_BITS): up to the shrinker ids rounded up to one, in the map and in nr_deferred
  const flatBits = Math.ceil(b.shrinkers / b.unitBits) * b.unitBits;
  const flatMapWords = Math.ceil(flatBits / 32);
  const flatNrDeferred = FLAT_MAP + flatMapWords;
  const stride = Int32Array.from(FIXED_STRIDE);
  stride[T_INFO] = INFO_UNIT + maxUnits;
  const lruSplitQueue = LRU_XA + b.memcgs;
  stride[T_LRU] = lruSplitQueue + b.memcgs;
  stride[T_FLAT_INFO] = flatNrDeferred + flatBits;
  const perMemcgNode = b.memcgs * b.nodes;
  const items = b.items ?? 64;
  // list_lru_memcgs: at most one per (list_lru, memcg) is stored (kmemcg ids are not reused), and each
  // memcg_list_lru_alloc() call frees at most one it could not store
  const mlrus = b.shrinkers * (b.memcgs - 1) + items;
  const caps = [0,
    b.shrinkers, // shrinker
    perMemcgNode * (maxUnits + 2), // an info per expansion, plus the first one
    perMemcgNode * maxUnits, // units live until the memcg is freed
    b.memcgs,
    b.shrinkers, // one list_lru per shrinker owner
    // node lists, the memcgs' lists, one on-stack dispose list per actor, deferred split queues (one per owner and memcg)
    (b.shrinkers + mlrus) * b.nodes + b.actors + b.shrinkers * b.memcgs,
    perMemcgNode * (maxUnits + 2), // flat infos (rwsem-era designs): one per expansion, plus the first
    items,
    b.memcgs, // one obj_cgroup per memcg brought online
    mlrus,
  ];
  for (const [t, n] of Object.entries(b.caps ?? {})) if (n !== undefined) caps[Number(t)] = n;
  const idr = G_MEMCG_LIST + b.memcgs;
  // actor lines; the one before the first is boot's (actor -1, which takes RCU read sections too)
  const rcuSlots = idr + b.shrinkers + LINE;
  const cbq = rcuSlots + b.actors * LINE;
  const cbqCap = caps[T_SHRINKER] + caps[T_INFO] + caps[T_FLAT_INFO] + caps[T_MLRU] + 2 * b.memcgs + 4;
  const owners = cbq + cbqCap * CB_WORDS;
  const ring = owners + b.shrinkers * OWNER_WORDS;
  const ringCap = b.ringCap ?? 0;
  let at = ring + ringCap;
  const arenaBase = new Int32Array(ARENA_KINDS);
  const arenaCap = new Int32Array(ARENA_KINDS);
  for (let t = 1; t < ARENA_KINDS; t++) {
    if (caps[t] > MAX_OBJECTS) throw new RangeError(`layout: ${caps[t]} ${ARENA_NAMES[t]} objects, more than a pointer can index (${MAX_OBJECTS})`);
    at = (at + LINE - 1) & ~(LINE - 1);
    arenaBase[t] = at + LINE; // the arena's first line holds its allocation cursor
    arenaCap[t] = caps[t];
    at = arenaBase[t] + caps[t] * stride[t];
  }
  return { bounds: b, rcuSlots, cbq, cbqCap, owners, ring, ringCap, arenaBase, arenaCap, arenaNext: arenaBase.map((x) => x - LINE), stride, idr, maxUnits, flatMapWords, flatNrDeferred, lruSplitQueue, words: at };
}

/** The first word of actor `a`'s line (RCU reader slot, progress, hash bucket: the ACTOR_* and RCU_SLOT_* fields). */
export const actorLine = (L: Layout, a: number): number => L.rcuSlots + a * LINE;
