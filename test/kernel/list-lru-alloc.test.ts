/**
 * v6.13's lazy per-memcg lists (src/kernel/list-lru-memcg.ts): memcg_list_lru_alloc() fills lru->xa
 * for a memcg and its ancestors, fails as one allocation, refuses a dying memcg; lock_list_lru_of_memcg()
 * WARNs when a live memcg has no list; reparenting clears the slot and frees the list_lru_memcg with
 * its node lists after a grace period.
 */
import { describe, expect, it } from 'vitest';
import { runAlone } from '../../src/actors/setup.js';
import { kernelFor, setup } from '../../src/engine/boot.js';
import { runScenario } from '../../src/engine/run.js';
import { memcg_at } from '../../src/kernel/memcontrol.js';
import { lock_list_lru_of_memcg, mlru_node } from '../../src/kernel/list-lru.js';
import { at, isLive, kalloc } from '../../src/model/arena.js';
import { ENOMEM, type Kernel } from '../../src/model/kernel.js';
import { actorLine, G_ALLOC_SEQ, G_FAIL_MASK, ITEM_LRU, LRU_NODE, LRU_XA, MEMCG_STATE, MS_OFFLINE, OWNER_LRU, RCU_SLOT_ATOMIC, RCU_SLOT_GP, T_ITEM } from '../../src/model/layout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { Violation } from '../../src/model/violation.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { ownerAddr } from '../../src/actors/owner.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';
import { INIT_LIST_HEAD } from '../../src/kernel/list.js';

const fns = resolveFns(findVariant('lockless')!);
/** root, memcg 1, memcg 2 (a chain), one memcg-aware shrinker with its list_lru */
const BASE: Scenario = { nodes: 2, memcgs: 2, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] };

function boot(s: Scenario = BASE): { k: Kernel; lru: number } {
  const k = kernelFor(fns, s);
  setup(k, s);
  k.actor = 0;
  return { k, lru: k.mem[ownerAddr(k, 0) + OWNER_LRU] };
}

const xa = (k: Kernel, lru: number, idx: number): number => k.mem[at(k, lru, LRU_XA + idx, 'test')];

describe('memcg_list_lru_alloc()', () => {
  it('a new list_lru has its node lists and an empty xarray; the first object of memcg 2 gives it and its parent their lists, once', () => {
    const { k, lru } = boot();
    expect(isLive(k, k.mem[at(k, lru, LRU_NODE + 1, 'test')])).toBe(true);
    expect([xa(k, lru, 1), xa(k, lru, 2)]).toEqual([0, 0]);
    expect(runAlone(k.fn.memcg_list_lru_alloc(k, memcg_at(k, 2), lru))).toBe(0);
    const [m1, m2] = [xa(k, lru, 1), xa(k, lru, 2)];
    expect(isLive(k, m1) && isLive(k, m2)).toBe(true);
    expect([0, 1].map((nid) => isLive(k, mlru_node(k, m2, nid)))).toEqual([true, true]);
    expect(runAlone(k.fn.memcg_list_lru_alloc(k, memcg_at(k, 2), lru))).toBe(0);
    expect([xa(k, lru, 1), xa(k, lru, 2)]).toEqual([m1, m2]); // already allocated: nothing new
  });

  it('fails as one allocation (-ENOMEM, nothing stored); root needs none', () => {
    const { k, lru } = boot();
    k.mem[G_FAIL_MASK] = 1; // the next allocation attempt fails
    expect(runAlone(k.fn.memcg_list_lru_alloc(k, memcg_at(k, 1), lru))).toBe(ENOMEM);
    expect(k.mem[G_ALLOC_SEQ]).toBe(1);
    expect(xa(k, lru, 1)).toBe(0);
    expect(runAlone(k.fn.memcg_list_lru_alloc(k, memcg_at(k, 0), lru))).toBe(0);
    expect(k.mem[G_ALLOC_SEQ]).toBe(1); // root (kmemcg_id -1): allocated by definition
  });

  it('a dying memcg gets no lists (css_is_dying() under the xarray lock); its live parent does', () => {
    const { k, lru } = boot();
    k.mem[at(k, memcg_at(k, 2), MEMCG_STATE, 'test')] = MS_OFFLINE;
    expect(runAlone(k.fn.memcg_list_lru_alloc(k, memcg_at(k, 2), lru))).toBe(0);
    expect(xa(k, lru, 2)).toBe(0);
    expect(isLive(k, xa(k, lru, 1))).toBe(true);
  });
});

describe('lock_list_lru_of_memcg()', () => {
  it('WARNs for a live memcg without its list (VM_WARN_ON(!css_is_dying())); walks to the parent for a dying one', () => {
    const { k, lru } = boot();
    runAlone(k.fn.memcg_list_lru_alloc(k, memcg_at(k, 1), lru));
    expect(() => runAlone(lock_list_lru_of_memcg(k, lru, 0, memcg_at(k, 2), false))).toThrow(Violation);
    k.mem[at(k, memcg_at(k, 2), MEMCG_STATE, 'test')] = MS_OFFLINE;
    k.mem.fill(0, actorLine(k.L, 0) + RCU_SLOT_GP, actorLine(k.L, 0) + RCU_SLOT_ATOMIC + 1); // the WARN left the actor inside rcu_read_lock(): reset
    const item = kalloc(k, T_ITEM);
    INIT_LIST_HEAD(k, item, 'test');
    expect(runAlone(k.fn.list_lru_add(k, lru, item, 0, memcg_at(k, 2)))).toBe(true);
    expect(k.mem[at(k, item, ITEM_LRU + 1, 'test')]).toBe(mlru_node(k, xa(k, lru, 1), 0)); // linked on memcg 1's list
  });
});

describe('in a run', () => {
  it('the first item of a memcg allocates its lists in the producer\'s context; offline frees them after a grace period', () => {
    const s: Scenario = { ...BASE, nodes: 1, producers: [[{ a: 0, b: 1, c: 0 }]], lifecycles: [[{ a: 1, b: 1, c: 0 }]] };
    const r = runScenario(fns, s, explicitChooser([]), { trace: true });
    expect(r.violation).toBeNull();
    const text = (r.trace ?? []).map((t) => `${t.actor} ${t.text}`);
    const stored = text.findIndex((t) => t.startsWith('0 xas_store(&list_lru#0->xa[2], mlru)'));
    const cleared = text.findIndex((t) => t.startsWith('1 xas_store(list_lru#0->xa[memcg 2], NULL)'));
    const freed = text.findIndex((t) => /^2 kvfree\(list_lru_memcg#\d+\)/.test(t));
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(cleared).toBeGreaterThan(stored);
    expect(freed).toBeGreaterThan(cleared);
  });

  it('a failed list allocation fails the object: no item, its obj_cgroup reference dropped (no leak)', () => {
    const s: Scenario = { ...BASE, nodes: 1, failMask: 1, producers: [[{ a: 0, b: 0, c: 0 }]] };
    const r = runScenario(fns, s, explicitChooser([]), { trace: true });
    expect(r.violation).toBeNull();
    const text = (r.trace ?? []).map((t) => t.text);
    expect(text).toContain('kzalloc(list_lru_memcg) = NULL [injected failure]');
    expect(text.some((t) => t.startsWith('list_add_tail('))).toBe(false);
    expect(r.stats.added).toBe(0);
  });
});
