/**
 * The memcg lifecycle (mm/memcontrol.c), as an actor's operations:
 *  - create below a parent: link into the hierarchy (visible to mem_cgroup_iter() before it is online,
 *    which is why expand_one_shrinker_info() skips a memcg without shrinker_info), then
 *    mem_cgroup_css_online(): memcg_online_kmem() (its obj_cgroup), then alloc_shrinker_info(); on
 *    -ENOMEM (offline_kmem: memcg_offline_kmem() first when the objcg was made) the memcg is unlinked and freed;
 *  - offline: kill_css() (css_tryget_online() fails from then on), an RCU grace period (the kill's
 *    confirmation), mem_cgroup_css_offline():
 *    memcg_offline_kmem() (memcg_reparent_list_lrus(), then memcg_reparent_objcgs(); skipped under
 *    nokmem, as the kernel does), reparent_shrinker_deferred(); then offline_css() clears CSS_ONLINE (mem_cgroup_online() false only
 *    from there); only a memcg whose children are all offline can go offline (cgroup rmdir refuses otherwise);
 *  - free (mem_cgroup_css_free): once no reference is left, after a grace period: free_shrinker_info()
 *    and the memcg itself (__mem_cgroup_free puts orig_objcg). A child holds a reference on its parent until it is freed;
 *    a charged page (a deferred split queue's folio under nokmem) holds one too: that memcg stays a zombie.
 * Not modeled: memory charges, css_killed states beyond online/offline/freeing.
 */
import { at, fmtPtr } from '../model/arena.js';
import { note, type Kernel } from '../model/kernel.js';
import { G_MEMCG_LIST, G_NR_MEMCGS, MEMCG_ID, MEMCG_NR_PAGES, MEMCG_ONLINE, MEMCG_ORIG_OBJCG, MEMCG_PARENT, MEMCG_REFS, MEMCG_STATE, MS_CREATED, MS_FREEING, MS_OFFLINE, MS_ONLINE, T_MEMCG } from '../model/layout.js';
import { css_get, css_put, css_tryget_at, root_mem_cgroup } from '../kernel/memcontrol.js';
import type { OpSpec } from '../model/scenario.js';
import { kzalloc } from '../kernel/slab.js';
import { memcg_online_kmem, obj_cgroup_put } from '../kernel/objcg.js';
import { READ_ONCE, WRITE_ONCE } from '../sync/access.js';
import { kvfree_rcu, rcu_read_lock, rcu_read_unlock, synchronize_rcu } from '../sync/rcu.js';
import type { Step } from '../model/wait.js';

const count = (k: Kernel): number => Atomics.load(k.mem, G_NR_MEMCGS);
const pick = (k: Kernel, v: number): number => ((v % count(k)) + 1) % count(k);

export function* lifecycle(k: Kernel, op: OpSpec): Step {
  switch (op.a % 3) {
    case 0: return yield* memcg_create(k, op.b);
    case 1: return yield* memcg_offline(k, op.b);
    default: return yield* memcg_free(k, op.b);
  }
}

function* memcg_create(k: Kernel, parentPick: number): Step {
  if (count(k) >= k.L.bounds.memcgs) return;
  // the child keeps this reference on its parent until it is freed
  let parent = yield* css_tryget_at(k, pick(k, parentPick), true); // mkdir needs an online parent
  if (!parent) {
    parent = root_mem_cgroup(k);
    css_get(k, parent); // root: CSS_NO_REF, it never goes away
  }
  const memcg = yield* kzalloc(k, T_MEMCG);
  if (!memcg) return yield* css_put(k, parent);
  yield;
  const idx = Atomics.add(k.mem, G_NR_MEMCGS, 1);
  k.mem[at(k, memcg, MEMCG_ID, 'create')] = idx;
  k.mem[at(k, memcg, MEMCG_PARENT, 'create')] = parent;
  Atomics.store(k.mem, at(k, memcg, MEMCG_STATE, 'create'), MS_CREATED);
  Atomics.store(k.mem, G_MEMCG_LIST + idx, memcg); // linked: mem_cgroup_iter() sees it, not yet online
  const kmemFailed = (yield* memcg_online_kmem(k, memcg)) !== 0;
  if (kmemFailed || (yield* k.fn.alloc_shrinker_info(k, memcg))) {
    // css_online failed (remove_id, or offline_kmem first): cgroup creation fails, the memcg goes away
    if (!kmemFailed) yield* k.fn.memcg_offline_kmem(k, memcg, parent);
    yield* set_state(k, memcg, MS_OFFLINE, '@->state = offline [online failed]');
    return yield* memcg_release(k, memcg);
  }
  yield* WRITE_ONCE(k, memcg, MEMCG_ONLINE, 1, 'mem_cgroup_css_online(@)');
  yield* set_state(k, memcg, MS_ONLINE, '@->state = online');
}

/**
 * The css state machine is the cgroup core's, serialized by cgroup_mutex: every access to the state
 * word is a plain sequentially consistent atomic, never a buffered store (under --memory weak, a
 * buffered state store could become visible after a later raw transition of the same word, which no
 * CPU does to its own stores).
 */
function* set_state(k: Kernel, memcg: number, state: number, what: string): Step {
  yield;
  Atomics.store(k.mem, at(k, memcg, MEMCG_STATE, what), state);
  if (k.tr !== null) note(k, what.replace('@', fmtPtr(memcg)));
}

function* memcg_offline(k: Kernel, v: number): Step {
  const memcg = yield* css_tryget_at(k, pick(k, v));
  if (!memcg) return;
  yield;
  const busy = memcg === root_mem_cgroup(k) || hasChild(k, memcg, true) ||
    Atomics.compareExchange(k.mem, at(k, memcg, MEMCG_STATE, 'offline'), MS_ONLINE, MS_OFFLINE) !== MS_ONLINE;
  if (!busy) {
    // kill_css() killed the css refcount (tryget_online fails from here: the state word above):
    // percpu_ref_kill_and_confirm() confirms the kill after an RCU grace period, and only then does
    // css_killed_work_fn() run offline_css() (kernel/cgroup/cgroup.c): every RCU reader that found the
    // memcg online before the kill has left its section before the memcg is reparented
    yield* synchronize_rcu(k);
    // offline_css() calls ->css_offline() = mem_cgroup_css_offline() and only after it returns clears
    // CSS_ONLINE: mem_cgroup_online() is true all through the reparenting
    const parent = yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@)');
    yield* k.fn.memcg_offline_kmem(k, memcg, parent);
    yield* k.fn.reparent_shrinker_deferred(k, memcg);
    yield* WRITE_ONCE(k, memcg, MEMCG_ONLINE, 0, 'offline_css(@): css->flags &= ~CSS_ONLINE');
  }
  yield* css_put(k, memcg);
}

function* memcg_free(k: Kernel, v: number): Step {
  yield* rcu_read_lock(k); // the memcg struct is freed after a grace period: the lookup is an RCU read
  yield;
  const memcg = Atomics.load(k.mem, G_MEMCG_LIST + pick(k, v));
  // a child holds its parent: the parent's css is released only after every child is freed
  // a memcg with pages charged stays (a zombie): their charges pin its css
  const mine = memcg !== 0 && !hasChild(k, memcg, false) && !charged(k, memcg) &&
    Atomics.compareExchange(k.mem, at(k, memcg, MEMCG_STATE, 'free'), MS_OFFLINE, MS_FREEING) === MS_OFFLINE;
  yield* rcu_read_unlock(k);
  if (mine) yield* memcg_release(k, memcg);
}

/** css_release -> css_free: wait for the last reference, a grace period, then free. */
function* memcg_release(k: Kernel, memcg: number): Step {
  Atomics.store(k.mem, at(k, memcg, MEMCG_STATE, 'free'), MS_FREEING);
  const refs = at(k, memcg, MEMCG_REFS, 'free');
  yield { ready: () => Atomics.load(k.mem, refs) === 0 || charged(k, memcg), what: 'css_free (memcg references still held)' };
  if (charged(k, memcg)) {
    // a task that held the memcg charged a folio meanwhile (deferred-split.ts): the css is not
    // released; the model's early FREEING mark is taken back and the memcg stays a zombie
    Atomics.store(k.mem, at(k, memcg, MEMCG_STATE, 'free'), MS_OFFLINE);
    if (k.tr !== null) note(k, `${fmtPtr(memcg)} stays: pages charged to it pin its css (a zombie memcg)`);
    return;
  }
  yield* synchronize_rcu(k);
  yield* k.fn.free_shrinker_info(k, memcg);
  const orig = yield* READ_ONCE(k, memcg, MEMCG_ORIG_OBJCG, '@->orig_objcg');
  if (orig) yield* obj_cgroup_put(k, orig);
  const parent = yield* READ_ONCE(k, memcg, MEMCG_PARENT, 'parent_mem_cgroup(@)');
  yield;
  Atomics.store(k.mem, G_MEMCG_LIST + Atomics.load(k.mem, at(k, memcg, MEMCG_ID, 'free')), 0);
  yield* css_put(k, parent); // the child's reference on its parent
  yield* kvfree_rcu(k, memcg);
}

/** Whether pages are charged to memcg (page_counter_read(&memcg->memory)): each pins its css */
const charged = (k: Kernel, memcg: number): boolean => Atomics.load(k.mem, at(k, memcg, MEMCG_NR_PAGES, 'page_counter_read(&memcg->memory)')) !== 0;

/** Whether memcg has a child still linked (`onlineOnly`: one not yet offline, which blocks rmdir). */
function hasChild(k: Kernel, memcg: number, onlineOnly: boolean): boolean {
  for (let i = 0, n = count(k); i < n; i++) {
    const c = Atomics.load(k.mem, G_MEMCG_LIST + i);
    if (c === 0 || c === memcg || Atomics.load(k.mem, at(k, c, MEMCG_PARENT, 'children')) !== memcg) continue;
    const st = Atomics.load(k.mem, at(k, c, MEMCG_STATE, 'children'));
    if (!onlineOnly || st === MS_CREATED || st === MS_ONLINE) return true;
  }
  return false;
}
