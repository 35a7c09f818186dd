/**
 * shrinker_alloc()'s failure points (mm/shrinker.c lines 678-735): the struct itself, the memcg-aware
 * id/expansion, and for a non-memcg-aware shrinker the nr_deferred array (inline in the model, but its
 * kzalloc can fail): on that failure the shrinker is freed (err_flags -> err_name) and nothing leaks.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import type { Scenario } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';

const BASE: Scenario = { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] };

describe.each(['lockless', 'mainline', 'rwsem', 'legacy'])('%s: shrinker_alloc of a non-memcg-aware shrinker', (name) => {
  const fns = resolveFns(findVariant(name)!);
  // expander op a = 2: not SHRINKER_MEMCG_AWARE; allocation 0 is the struct, allocation 1 its nr_deferred
  const s: Scenario = { ...BASE, expanders: [[{ a: 2, b: 0, c: 0 }]], failMask: 0b10 };

  it('fails cleanly when nr_deferred cannot be allocated: the shrinker is freed, nothing registered, nothing leaks', () => {
    const r = runScenario(fns, s, explicitChooser([]), { trace: true });
    expect(r.violation).toBeNull();
    expect(r.error).toBeNull();
    const text = (r.trace ?? []).map((t) => t.text);
    expect(text.some((t) => /^kzalloc\(nr_deferred of shrinker#\d+\) = NULL \[injected failure\]$/.test(t))).toBe(name === 'lockless' || name === 'mainline');
    expect(text.some((t) => t.startsWith('kfree(shrinker#'))).toBe(true);
    expect(text.some((t) => t.includes('registered, open for items'))).toBe(false);
  });

  it('and registers when nothing fails', () => {
    const r = runScenario(fns, { ...s, failMask: 0 }, explicitChooser([]), { trace: true });
    expect(r.violation).toBeNull();
    expect((r.trace ?? []).some((t) => t.text.includes('registered, open for items'))).toBe(true);
  });
});
