/**
 * mm/memcontrol.c as the model has it: the root memcg's css is CSS_NO_REF (no reference is ever taken
 * or dropped on it, so none can leak), and offline_css() clears CSS_ONLINE only after
 * mem_cgroup_css_offline() has reparented the lists.
 */
import { describe, expect, it } from 'vitest';
import { runAlone } from '../../src/actors/setup.js';
import { kernelFor, setup } from '../../src/engine/boot.js';
import { runScenario } from '../../src/engine/run.js';
import { css_put, css_tryget_at, memcg_at } from '../../src/kernel/memcontrol.js';
import { at } from '../../src/model/arena.js';
import { MEMCG_REFS } from '../../src/model/layout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';

const fns = resolveFns(findVariant('lockless')!);
const BASE: Scenario = { nodes: 1, memcgs: 2, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] };

describe('memcg references and online state', () => {
  it('css_tryget()/css_put() on root take and drop nothing (CSS_NO_REF); on a child they count', () => {
    const s: Scenario = { ...BASE, reclaimers: [[{ a: 0, b: 0, c: 0 }]] };
    const k = kernelFor(fns, s);
    setup(k, s);
    k.actor = 0;
    const root = memcg_at(k, 0);
    const child = memcg_at(k, 1);
    const refs = (m: number): number => k.mem[at(k, m, MEMCG_REFS, 'test')];
    const [r0, c0] = [refs(root), refs(child)];
    expect(r0).toBe(0); // its boot child holds no reference on it either
    expect(runAlone(css_tryget_at(k, 0))).toBe(root);
    expect(refs(root)).toBe(0);
    runAlone(css_put(k, root));
    expect(refs(root)).toBe(0);
    expect(runAlone(css_tryget_at(k, 1))).toBe(child);
    expect(refs(child)).toBe(c0 + 1);
    runAlone(css_put(k, child));
    expect(refs(child)).toBe(c0);
  });

  it('offline: list_lrus, then objcgs are reparented (v6.13 order) while mem_cgroup_online() is still true; CSS_ONLINE is cleared last', () => {
    const s: Scenario = { ...BASE, lifecycles: [[{ a: 1, b: 1, c: 0 }]] };
    const r = runScenario(fns, s, explicitChooser([]), { trace: true });
    expect(r.violation).toBeNull();
    const text = (r.trace ?? []).map((t) => t.text);
    const lists = text.findIndex((t) => t.startsWith('xas_store(') && t.includes('NULL'));
    const reparent = text.findIndex((t) => t.startsWith('rcu_replace_pointer(') && t.includes('->objcg, NULL'));
    const offline = text.findIndex((t) => t.includes('css->flags &= ~CSS_ONLINE'));
    const deferred = text.findIndex((t) => t.includes('reparent_shrinker_deferred') || t.includes('nr_deferred'));
    expect(lists).toBeGreaterThanOrEqual(0);
    expect(reparent).toBeGreaterThan(lists); // "Objcg's reparenting must be after list_lru's"
    expect(offline).toBeGreaterThan(reparent);
    if (deferred >= 0) expect(offline).toBeGreaterThan(deferred);
  });
});
