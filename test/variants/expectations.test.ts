/**
 * The harness validated on known designs: the reference survives the CI budget; each known-bug
 * variant is caught with the invariant it breaks, within the stated budget, and shrinks small.
 *
 * Budgets (seed 1, strategy random): free-without-wait and free-without-grace-period are caught
 * within 2,000 runs, no-recheck within 100,000 (its race is depth 3: a producer must pause between
 * del and add, the reclaimer between its count and clear_bit); info-after-unlock and
 * global-put-without-rcu within 5,000 (measured: 67-749 runs over seeds 1-3). Shrunk schedules stay
 * under 160 choices (no-recheck's hand-minimal interleaving is 127 steps since items have identity and
 * producers charge an obj_cgroup: test/search/minimal-interleavings.test.ts; it shrinks to ~141).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { findVariant } from '../../src/variants/registry.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { survivesProperty } from '../../properties/expectations.js';

describe('the reference (lockless)', () => {
  it('survives 20,000 generated runs (random strategy)', () => {
    fc.assert(survivesProperty(lockless, 'random'), { numRuns: 20_000, seed: 20_000 });
  }, 120_000);

  it('survives 5,000 generated runs (PCT)', () => {
    fc.assert(survivesProperty(lockless, 'pct'), { numRuns: 5_000, seed: 5_000 });
  }, 120_000);
});

describe.each([
  ['free-without-wait', 'use-after-free', 2_000, 'random'],
  ['free-without-wait', 'use-after-free', 2_000, 'pct'],
  ['free-without-grace-period', 'use-after-free', 2_000, 'random'],
  ['free-without-grace-period', 'use-after-free', 2_000, 'pct'],
  ['no-recheck', 'lost-bit', 100_000, 'random'],
  ['info-after-unlock', 'use-after-free', 5_000, 'random'],
  ['global-put-without-rcu', 'use-after-free', 5_000, 'random'],
] as const)('%s', (name, invariant, budget, strategy) => {
  it(`is caught as ${invariant} within ${budget} runs (${strategy}) and shrinks small`, () => {
    const r = check({ variant: findVariant(name)!, runs: budget, seed: 1, strategy });
    expect(r.ok).toBe(false);
    const f = r.failure!;
    expect(f.invariant).toBe(invariant);
    expect(f.runsToFirstFailure).toBeLessThanOrEqual(budget);
    expect(f.steps).toBeLessThan(160);
    expect(f.steps).toBeLessThanOrEqual(f.foundSteps);
    expect(f.text).toContain(`VIOLATION ${invariant} (variant ${name}`);
    expect(f.text.split('\n').at(-1)).toBe(`reproduce: npx shrinkrace replay ${f.token}`);
  }, 120_000);
});
