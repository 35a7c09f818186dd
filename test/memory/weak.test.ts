/** The weak memory model's store buffers, driven directly. */
import { describe, expect, it } from 'vitest';
import { kalloc, kfree } from '../../src/model/arena.js';
import { kfree as slabKfree } from '../../src/kernel/slab.js';
import { T_UNIT, UNIT_NR_DEFERRED, T_INFO, INFO_MAP_NR_MAX } from '../../src/model/layout.js';
import { weak, BUFFER_CAP } from '../../src/memory/weak.js';
import { Violation } from '../../src/model/violation.js';
import { testKernel } from '../helpers/kernel.js';
import { runAlone } from '../../src/actors/setup.js';
import { mutex_lock, mutex_unlock } from '../../src/sync/mutex.js';
import { refcount_dec_and_test, refcount_inc_not_zero, refcount_set } from '../../src/sync/refcount.js';
import { G_SHRINKER_MUTEX } from '../../src/model/layout.js';

function setup() {
  const k = testKernel({ actors: 2 }, ['a', 'b']);
  const mm = weak(k, 2);
  k.mm = mm;
  const obj = kalloc(k, T_UNIT);
  const addr = (i: number) => k.L.arenaBase[T_UNIT] + UNIT_NR_DEFERRED + i;
  const t = (i: number) => ({ addr: addr(i), ptr: obj, field: UNIT_NR_DEFERRED + i, what: `v${i}` });
  const ids = () => { const out: number[] = []; mm.flushable(out); return out; };
  return { k, mm, obj, addr, t, ids };
}

describe('weak memory: store buffers', () => {
  it('a store is invisible to others until flushed, visible to its own actor at once', () => {
    const { k, mm, addr, t, ids } = setup();
    mm.store(0, t(0), 7);
    expect(mm.load(0, addr(0))).toBe(7);
    expect(mm.load(1, addr(0))).toBe(0);
    expect(k.mem[addr(0)]).toBe(0);
    mm.flush(ids()[0]);
    expect(mm.load(1, addr(0))).toBe(7);
    expect(mm.pending()).toBe(0);
  });

  it('stores to different words may become visible in either order; to one word, in program order', () => {
    const { mm, t, ids } = setup();
    mm.store(0, t(0), 1);
    mm.store(0, t(1), 1);
    expect(ids()).toHaveLength(2);
    mm.store(0, t(0), 2);
    expect(ids()).toHaveLength(2); // the second store to v0 waits for the first
  });

  it('smp_wmb keeps younger stores behind older ones; a release waits for every older store', () => {
    const { mm, t, ids } = setup();
    mm.store(0, t(0), 1);
    mm.wmb(0);
    mm.store(0, t(1), 1);
    expect(ids()).toHaveLength(1);
    const r = setup();
    r.mm.store(0, r.t(0), 1);
    r.mm.storeRelease(0, r.t(1), 1);
    r.mm.store(0, r.t(2), 1);
    expect(r.ids()).toHaveLength(2); // v0 and v2 may go; the release may not pass v0
  });

  it('buffered set_bit/clear_bit apply atomically when they become visible', () => {
    const { k, mm, addr, t, ids } = setup();
    mm.rmw(0, t(0), 'or', 1);
    mm.rmw(1, t(0), 'or', 2);
    expect(mm.load(0, addr(0))).toBe(1);
    while (mm.pending()) mm.flush(ids()[0]);
    expect(k.mem[addr(0)]).toBe(3);
  });

  it('full barriers wait for the buffer to drain; the buffer holds a bounded number of stores', () => {
    const { mm, t, ids } = setup();
    for (let i = 0; i < BUFFER_CAP; i++) mm.store(0, t(i % 4), i);
    expect(mm.room(0)).not.toBeNull();
    const w = mm.drained(0)!;
    expect(w.ready()).toBe(false);
    while (mm.pending()) mm.flush(ids()[0]);
    expect(w.ready()).toBe(true);
    expect(mm.drained(0)).toBeNull();
  });

  it('a store becoming visible in a freed object is a use-after-free', () => {
    const { k, mm, obj, t, ids } = setup();
    mm.store(0, t(0), 1);
    kfree(k, obj, 'kfree');
    expect(() => mm.flush(ids()[0])).toThrow(Violation);
  });

  it('uninitialised read: a pointer visible before the stores that initialised its object', () => {
    const { k, mm, obj, t, ids } = setup();
    const info = kalloc(k, T_INFO);
    const field = k.L.arenaBase[T_INFO] + INFO_MAP_NR_MAX;
    mm.store(0, { addr: field, ptr: info, field: INFO_MAP_NR_MAX, what: 'map_nr_max' }, 4);
    mm.store(0, t(0), info); // publish with a plain store
    mm.flush(ids().at(-1)!); // the pointer becomes visible first
    expect(() => mm.load(1, field, info)).toThrow(/uninitialised read/);
    void obj;
  });

  it('uninitialised read: a stale read of the object as it was before its initialisation, the pointer having been visible first', () => {
    const { k, mm, obj, t, addr, ids } = setup();
    const info = kalloc(k, T_INFO);
    const field = k.L.arenaBase[T_INFO] + INFO_MAP_NR_MAX;
    mm.store(0, { addr: field, ptr: info, field: INFO_MAP_NR_MAX, what: 'map_nr_max' }, 4);
    mm.store(0, t(0), info); // publish with a plain store
    mm.flush(ids().at(-1)!); // the pointer becomes visible first
    k.choose = () => 0;
    expect(mm.load(1, addr(0), obj)).toBe(info); // the reader finds it
    mm.flush(ids()[0]); // then the initialising store: nothing is buffered any more
    k.choose = () => 1; // the field's older value (kvzalloc's zero): the reader's view of info allows it
    expect(() => mm.load(1, field, info)).toThrow(/uninitialised read: .* as it was before .*initialising store, which became visible after its pointer/);
    // reading the latest value is no violation, nor is the publisher's own read
    k.choose = () => 0;
    expect(mm.load(1, field, info)).toBe(4);
    k.choose = () => 1;
    expect(mm.load(0, field, info)).not.toBeUndefined();
  });

  it('no uninitialised read when the pointer is published with release: the initialising store is visible first', () => {
    const { k, mm, obj, t, addr, ids } = setup();
    const info = kalloc(k, T_INFO);
    const field = k.L.arenaBase[T_INFO] + INFO_MAP_NR_MAX;
    mm.store(0, { addr: field, ptr: info, field: INFO_MAP_NR_MAX, what: 'map_nr_max' }, 4);
    mm.storeRelease(0, t(0), info); // rcu_assign_pointer()
    expect(ids()).toHaveLength(1); // only the initialising store can become visible first
    mm.flush(ids()[0]);
    mm.flush(ids()[0]);
    k.choose = () => 0;
    expect(mm.load(1, addr(0), obj)).toBe(info);
    k.choose = () => 1;
    expect(mm.load(1, field, info)).toBe(4); // the zero is older than the pointer: not readable through it
  });

  it('lock acquire and refcount_inc_not_zero() do not wait for older stores; lock release and refcount_dec_and_test() do', () => {
    const { k, mm, obj, t } = setup();
    k.actor = 0;
    mm.store(0, t(0), 1);
    runAlone(mutex_lock(k, G_SHRINKER_MUTEX, 'mutex_lock(&shrinker_mutex)')); // acquire: would throw "setup blocked" if it waited
    expect(runAlone(refcount_inc_not_zero(k, obj, UNIT_NR_DEFERRED + 1))).toBe(false);
    expect(mm.pending()).toBe(1);
    expect(() => runAlone(mutex_unlock(k, G_SHRINKER_MUTEX, 'mutex_unlock(&shrinker_mutex)'))).toThrow(/blocked/);
    const unit = obj;
    k.mem[k.L.arenaBase[T_UNIT] + UNIT_NR_DEFERRED + 2] = 2;
    expect(() => runAlone(refcount_dec_and_test(k, unit, UNIT_NR_DEFERRED + 2))).toThrow(/blocked/);
  });

  it('refcount_set() is a plain store: it may become visible late', () => {
    const { k, mm, obj, addr } = setup();
    k.actor = 0;
    runAlone(refcount_set(k, obj, UNIT_NR_DEFERRED + 1, 1));
    expect(mm.pending()).toBe(1);
    expect(mm.load(1, addr(1))).toBe(0);
  });

  it('kfree() waits only for the actor\'s own stores into the object it frees; its other stores may stay buffered', () => {
    const { k, mm, obj, t } = setup();
    k.actor = 0;
    const other = kalloc(k, T_UNIT);
    mm.store(0, t(0), 1); // into obj
    const w = mm.drainedTo(0, obj);
    expect(w).not.toBeNull();
    expect(mm.drainedTo(0, other)).toBeNull(); // nothing buffered into the other object
    const ids: number[] = [];
    mm.flushable(ids);
    mm.flush(ids[0]);
    expect(w!.ready()).toBe(true);
    expect(mm.drainedTo(0, obj)).toBeNull();
    mm.store(0, t(1), 2); // into obj again, then free the *other* object: no wait
    runAlone(slabKfree(k, other)); // no wait: none of its stores goes into `other` (runAlone throws if it blocks)
    expect(mm.pending()).toBe(1);
    expect(() => runAlone(slabKfree(k, obj))).toThrow(/blocked/); // it waits for its own store into obj
  });
});
