import { describe, expect, it } from 'vitest';
import { at, fmtPtr, isLive, kalloc, kfree, makePtr, ptrGen, ptrIndex, ptrType } from '../../src/model/arena.js';
import { H_STATE, POISON, SH_REFCOUNT, ST_FREED, T_SHRINKER, T_UNIT } from '../../src/model/layout.js';
import { testKernel } from '../helpers/kernel.js';
import { ModelError, Violation } from '../../src/model/violation.js';


function violationOf(f: () => unknown): Violation {
  try {
    f();
  } catch (e) {
    if (e instanceof Violation) return e;
    throw e;
  }
  throw new Error('expected a violation');
}

describe('arena', () => {
  it('encodes type, generation and index in a pointer', () => {
    const p = makePtr(T_UNIT, 41, 7);
    expect([ptrType(p), ptrGen(p), ptrIndex(p)]).toEqual([T_UNIT, 7, 41]);
    expect(fmtPtr(p)).toBe('shrinker_info_unit#41');
    expect(fmtPtr(0)).toBe('NULL');
  });

  it('refuses a field past the object as a model error, never touching the next object', () => {
    const k = testKernel({}, ['producer0', 'reclaimer0', 'rcu']);
    const a = kalloc(k, T_UNIT);
    expect(() => at(k, a, k.L.stride[T_UNIT], 'past the end')).toThrow(/past the end: field \d+ is past shrinker_info_unit's \d+ words/);
    expect(() => at(k, a, k.L.stride[T_UNIT] + 5, 'x')).toThrow(ModelError);
    expect(at(k, a, k.L.stride[T_UNIT] - 1, 'last')).toBeGreaterThan(0);
  });

  it('hands out zeroed live objects and never reuses a freed slot', () => {
    const k = testKernel({}, ['producer0', 'reclaimer0', 'rcu']);
    const a = kalloc(k, T_SHRINKER);
    k.mem[at(k, a, SH_REFCOUNT, 'x')] = 5;
    kfree(k, a, 'kfree');
    const b = kalloc(k, T_SHRINKER);
    expect(ptrIndex(b)).not.toBe(ptrIndex(a));
    expect(k.mem[at(k, b, SH_REFCOUNT, 'x')]).toBe(0);
    expect(isLive(k, a)).toBe(false);
    expect(isLive(k, b)).toBe(true);
  });

  it('poisons a freed object and reports a use with who freed it and when', () => {
    const k = testKernel({}, ['producer0', 'reclaimer0', 'rcu']);
    const p = kalloc(k, T_SHRINKER);
    k.actor = 1;
    k.step = 17;
    kfree(k, p, 'kfree');
    k.actor = 0;
    k.step = 20;
    const v = violationOf(() => at(k, p, SH_REFCOUNT, 'refcount'));
    expect(v.invariant).toBe('use-after-free');
    expect(v.message).toContain('producer0 at step 20 touched shrinker#0');
    expect(v.message).toContain('freed by reclaimer0 at step 17');
    expect(v.message).toContain('allocated by producer0 at step 0');
  });

  it('fills freed fields with POISON and marks the header', () => {
    const k = testKernel({}, ['producer0', 'reclaimer0', 'rcu']);
    const p = kalloc(k, T_SHRINKER);
    const refcount = at(k, p, SH_REFCOUNT, 'x');
    kfree(k, p, 'kfree');
    expect(k.mem[refcount]).toBe(POISON);
    expect(k.mem[refcount - SH_REFCOUNT + H_STATE]).toBe(ST_FREED);
  });

  it('reports a double free and a NULL dereference', () => {
    const k = testKernel({}, ['producer0', 'reclaimer0', 'rcu']);
    const p = kalloc(k, T_UNIT);
    kfree(k, p, 'kfree');
    expect(violationOf(() => kfree(k, p, 'kfree')).message).toMatch(/^double free: /);
    expect(violationOf(() => at(k, 0, SH_REFCOUNT, 'shrinker->refcount')).invariant).toBe('null-deref');
  });

  it('refuses a pointer whose generation does not match its slot', () => {
    const k = testKernel({}, ['producer0', 'reclaimer0', 'rcu']);
    const p = kalloc(k, T_UNIT);
    const forged = makePtr(T_UNIT, ptrIndex(p), ptrGen(p) + 1);
    expect(violationOf(() => at(k, forged, 0, 'x')).invariant).toBe('use-after-free');
  });
});
