/**
 * include/linux/list.h over the arena (src/kernel/list.ts) and invariant 11, list-debug
 * (src/invariants/list-debug.ts): the operations link as the kernel's do, CONFIG_DEBUG_LIST's checks
 * fire on corrupted links, and an item is linked or unlinked only under its list's lock.
 */
import { describe, expect, it } from 'vitest';
import { kalloc } from '../../src/model/arena.js';
import { INIT_LIST_HEAD, list_add_tail, list_del, list_del_init, list_empty, list_move, list_move_tail, list_next_entry, list_prev_entry, list_splice_init, set_next } from '../../src/kernel/list.js';
import { ACTOR_WANTS, actorLine, ONE_LOCK, ONE_STACK_OF, T_ITEM, T_LRU_ONE } from '../../src/model/layout.js';
import { at } from '../../src/model/arena.js';
import type { Kernel } from '../../src/model/kernel.js';
import { testKernel } from '../helpers/kernel.js';
import { runAlone } from '../../src/actors/setup.js';

function entries(k: Kernel, head: number): number[] {
  const out: number[] = [];
  for (let p = list_next_entry(k, head, 't'); p !== head; p = list_next_entry(k, p, 't')) out.push(p);
  const back: number[] = [];
  for (let p = list_prev_entry(k, head, 't'); p !== head; p = list_prev_entry(k, p, 't')) back.unshift(p);
  expect(back).toEqual(out); // prev links mirror next links
  return out;
}
function list(k: Kernel, locked = true): number {
  const l = kalloc(k, T_LRU_ONE);
  INIT_LIST_HEAD(k, l, 'init');
  if (locked) k.mem[at(k, l, ONE_LOCK, 't')] = k.actor + 1;
  return l;
}
function item(k: Kernel): number {
  const p = kalloc(k, T_ITEM);
  INIT_LIST_HEAD(k, p, 'init');
  return p;
}

describe('list operations', () => {
  it('add_tail, move, move_tail, del_init and splice_init link as list.h does', () => {
    const k = testKernel({ items: 8 });
    const [l, d] = [list(k), list(k)];
    const [a, b, c] = [item(k), item(k), item(k)];
    for (const x of [a, b, c]) runAlone(list_add_tail(k, x, l, 'add'));
    expect(entries(k, l)).toEqual([a, b, c]);
    runAlone(list_move_tail(k, a, l, 'rotate'));
    expect(entries(k, l)).toEqual([b, c, a]);
    runAlone(list_move(k, c, d, 'isolate to dispose'));
    expect(entries(k, l)).toEqual([b, a]);
    expect(entries(k, d)).toEqual([c]);
    runAlone(list_del_init(k, b, 'del'));
    expect(list_empty(k, b, 't')).toBe(true);
    runAlone(list_splice_init(k, l, d, 'splice'));
    expect(entries(k, d)).toEqual([a, c]);
    expect(list_empty(k, l, 't')).toBe(true);
  });
});

describe('invariant 11, list-debug', () => {
  it("reports a delete whose neighbour does not point back (CONFIG_DEBUG_LIST's prev->next check)", () => {
    const k = testKernel({ items: 8 });
    const l = list(k);
    const [a, b] = [item(k), item(k)];
    runAlone(list_add_tail(k, a, l, 'add'));
    runAlone(list_add_tail(k, b, l, 'add'));
    set_next(k, a, a, 'corrupt'); // a->next no longer b: b->prev->next != b
    expect(() => runAlone(list_del_init(k, b, 'del'))).toThrow(/list_del corruption\. prev->next should be item#1, but was item#0/);
  });

  it('reports a double add', () => {
    const k = testKernel({ items: 8 });
    const l = list(k);
    const a = item(k);
    runAlone(list_add_tail(k, a, l, 'add'));
    expect(() => runAlone(list_add_tail(k, a, l, 'add again'))).toThrow(/list_add corruption\. double add/);
  });

  it('reports an unlink without the lock while another actor holds it inside its critical section', () => {
    const k = testKernel({ items: 8 });
    const l = list(k); // held by actor 0 ('a')
    const a = item(k);
    runAlone(list_add_tail(k, a, l, 'add'));
    k.actor = 1;
    expect(() => runAlone(list_del_init(k, a, 'del'))).toThrow(/list_del on the list of list_lru_one#0 without its lock, but a holds its lock and is inside its critical section/);
  });

  it('does not report it while nobody holds the lock, nor while the holder waits for a lock this actor holds', () => {
    const k = testKernel({ items: 8 });
    const l = list(k, false);
    const other = list(k); // actor 0 holds it
    const [a, b] = [item(k), item(k)];
    k.mem[at(k, l, ONE_LOCK, 't')] = 1;
    runAlone(list_add_tail(k, a, l, 'add'));
    runAlone(list_add_tail(k, b, l, 'add'));
    k.mem[at(k, l, ONE_LOCK, 't')] = 0;
    k.actor = 1;
    runAlone(list_del_init(k, a, 'del: nobody holds the lock'));
    // actor 0 holds l again and waits for `other`, which actor 1 now holds (memcg_reparent_list_lru_one's src/dst)
    k.mem[at(k, l, ONE_LOCK, 't')] = 1;
    k.mem[at(k, other, ONE_LOCK, 't')] = 2;
    k.mem[actorLine(k.L, 0) + ACTOR_WANTS] = at(k, other, ONE_LOCK, 't');
    runAlone(list_del_init(k, b, 'del: the holder waits for us'));
    expect(list_empty(k, l, 't')).toBe(true);
  });

  it("reports a change to another actor's on-stack list", () => {
    const k = testKernel({ items: 8 });
    const d = list(k, false);
    k.mem[at(k, d, ONE_STACK_OF, 't')] = 1; // actor 0's LIST_HEAD(dispose)
    const a = item(k);
    runAlone(list_add_tail(k, a, d, 'isolate to dispose'));
    k.actor = 1;
    expect(() => runAlone(list_del_init(k, a, 'del'))).toThrow(/without its lock, but it is a's on-stack list/);
  });

  it('reports a list_del() of an entry list_del() already poisoned (LIST_POISON1)', () => {
    const k = testKernel({ items: 8 });
    const l = list(k);
    const a = item(k);
    runAlone(list_add_tail(k, a, l, 'add'));
    runAlone(list_del(k, a, 'del'));
    expect(list_empty(k, a, 't')).toBe(false); // poisoned, not self-linked: looks linked
    expect(() => runAlone(list_del(k, a, 'del again'))).toThrow(/list_del corruption\. item#0->next is LIST_POISON1/);
  });

  it('reports a link into freed memory as a use-after-free when it is followed', async () => {
    const k = testKernel({ items: 8 });
    const l = list(k);
    const [a, b] = [item(k), item(k)];
    runAlone(list_add_tail(k, a, l, 'add'));
    runAlone(list_add_tail(k, b, l, 'add'));
    const { kfree } = await import('../../src/model/arena.js');
    kfree(k, b, 'kfree'); // freed while still linked
    expect(() => runAlone(list_del_init(k, a, 'del'))).toThrow(/use-after-free/);
  });
});
