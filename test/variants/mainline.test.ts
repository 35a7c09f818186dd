/**
 * `mainline` (the reference with the upstream fixes of its findings): it survives the workloads of
 * lockless@lifecycle and lockless@nokmem where the reference, same seed and budget, breaks; it still
 * loses the bit under populate (no upstream fix); and it differs from the reference only in the
 * functions its header names.
 *
 * Budget: 40,000 runs, seed 1, random. The reference's first failures at seed 1 (test/variants/
 * findings.test.ts): lifecycle 5,811 runs, nokmem 5,542, populate 231, so 40,000 is ~7x the slowest.
 * mainline runs ~2,000 runs/s on these workloads (measured: 200,000 runs in ~100 s each).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../../src/search/check.js';
import { FINDINGS, findingScenario } from '../../src/variants/findings.js';
import { locklessFns } from '../../src/kernel/index.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { mainline } from '../../src/variants/designs/mainline.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';
import type { ModelFns } from '../../src/model/kernel.js';

/** long searches run only in `npm run test:soak` */
const SOAK = process.env.SHRINKRACE_SOAK === '1';
const BUDGET = 15_000; // the reference fails lifecycle at run 5,811, nokmem at 5,542, teardown at 5,281 (seed 1); validate runs mainline 20,000 more
const finding = (name: string) => FINDINGS.find((f) => f.name === name)!;
/** Every invariant a search broke: its failure, and the known findings it listed and went on past. */
const found = (r: CheckResult): string[] => [...(r.failure ? [r.failure.invariant] : []), ...(r.violations ?? []).map((v) => v.invariant)];

/** What the header of src/variants/designs/mainline.ts says mainline overrides. */
const DECLARED = ['list_lru_add', 'shrink_slab_memcg_one', 'alloc_shrinker_info', 'memcg_reparent_list_lrus'];

/**
 * teardown is rarer: the reference's first hit at its seed 3 is run 40,848 (swarm scenarios, its
 * generator); reparent is searched on its own scenario (Finding.scenario)
 */
const budgetOf = (name: string): number => (name === 'lockless@teardown' ? 60_000 : BUDGET);

describe.each([['lockless@lifecycle'], ['lockless@nokmem'], ['lockless@teardown'], ['lockless@reparent']])('%s, fixed upstream', (name) => {
  const f = finding(name);
  const budget = budgetOf(name);
  const seed = f.seed ?? 1;

  it(`the reference violates ${f.invariant} within ${budget} runs`, () => {
    // `until`: stop at this known finding of the reference and shrink it (else the search goes on)
    const r = check({ variant: lockless, runs: budget, seed, strategy: 'random', workloads: f.workloads, scenarios: f.scenarios, scenario: findingScenario(f), until: f.name, shrinkTimeMs: 1000 });
    expect(found(r)).toContain(f.invariant);
  }, 120_000);

  it(`mainline survives ${budget} runs of the same search`, () => {
    const r = check({ variant: mainline, runs: budget, seed, strategy: 'random', workloads: f.workloads, scenarios: f.scenarios, scenario: findingScenario(f) });
    expect(r.error).toBeUndefined();
    expect(found(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.runs).toBe(budget);
  }, 120_000);
});

// among generated scenarios the reference's reparent race is rare: mixed seed 6 meets it at run 227,136
// (src/variants/findings.ts); mainline survives that search. About a minute: a soak (`npm run test:soak`), not CI
describe('lockless@reparent among generated scenarios', () => {
  it.skipIf(!SOAK)('the reference meets it in the mixed seed 6 search and mainline survives the same 250,000 runs', () => {
    const f = finding('lockless@reparent');
    const o = { runs: 250_000, seed: 6, strategy: 'random', workloads: f.workloads, scenarios: 'mixed' } as const;
    const ref = check({ variant: lockless, ...o, until: f.name, shrinkTimeMs: 1000 });
    expect(f.signatures).toContain(ref.failure?.signature);
    const r = check({ variant: mainline, ...o });
    expect(found(r)).toEqual([]);
    expect(r.runs).toBe(250_000);
  }, 300_000);
});

describe('lockless@populate, not fixed upstream', () => {
  it('mainline still loses the bit of items added before shrinker_register()', () => {
    const f = finding('lockless@populate');
    const r = check({ variant: mainline, runs: BUDGET, seed: 1, strategy: 'random', workloads: f.workloads, until: f.name, shrinkTimeMs: 1000 });
    expect(r.failure?.invariant).toBe('lost-bit'); // a known finding of mainline too: unfixed upstream
    expect(f.signatures).toContain(r.failure!.signature);
    expect(f.designs).toContain('mainline');
    expect(mainline.workloads).not.toContain('populate');
  }, 120_000);
});

describe('mainline is the reference plus the fixes its header names', () => {
  it('is registered, expected to pass under every workload but populate', () => {
    expect(findVariant('mainline')).toBe(mainline);
    expect(mainline.expect).toEqual({ kind: 'passes' });
    expect([...(mainline.workloads ?? [])].sort()).toEqual(['alloc-fail', 'global', 'lifecycle', 'nokmem', 'nonslab']);
  });

  it('overrides exactly the declared functions, and every other entry is the reference\'s', () => {
    expect(Object.keys(mainline.overrides).sort()).toEqual([...DECLARED].sort());
    const fns = resolveFns(mainline);
    for (const key of Object.keys(locklessFns) as (keyof ModelFns)[]) {
      if (DECLARED.includes(key)) expect(fns[key], key).not.toBe(locklessFns[key]);
      else expect(fns[key], key).toBe(locklessFns[key]);
    }
  });

  it('names each override in its header', () => {
    const src = readFileSync(fileURLToPath(new URL('../../src/variants/designs/mainline.ts', import.meta.url)), 'utf8');
    const header = src.slice(0, src.indexOf('*/'));
    for (const fn of DECLARED) expect(header).toContain(fn);
  });
});
