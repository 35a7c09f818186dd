/**
 * Barrier variants: survive under --memory sc, caught under --memory weak; the reference survives weak
 * memory with the same budget as under sc. Measured first failures under weak (seeds 1-6):
 * no-mb-after-atomic 1,828-78,885 runs; no-mb-before-atomic 105-6,167; plain-publish 784-6,717.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { replayToken } from '../../src/api/replay.js';
import { findVariant } from '../../src/variants/registry.js';
import { lockless } from '../../src/variants/designs/lockless.js';

describe.each([
  ['no-mb-after-atomic', 'lost-bit'],
  ['no-mb-before-atomic', 'lost-bit'],
  ['plain-publish', 'uninitialised-read'],
] as const)('%s', (name, invariant) => {
  it('survives 5,000 runs under --memory sc (validate runs 20,000)', () => {
    expect(check({ variant: findVariant(name)!, runs: 5_000, seed: 1, strategy: 'random', memory: 'sc' }).ok).toBe(true);
  }, 120_000);

  it(`is caught as ${invariant} under --memory weak within 100,000 runs, and replays byte for byte`, async () => {
    const r = check({ variant: findVariant(name)!, runs: 100_000, seed: 1, strategy: 'random', memory: 'weak', shrinkTimeMs: 5000 });
    expect(r.failure?.invariant).toBe(invariant);
    expect(r.failure!.text).toContain(`(variant ${name}, memory weak)`);
    const again = await replayToken(r.failure!.token);
    expect(again.replay.memory).toBe('weak');
    expect(again.text).toBe(r.failure!.text);
  }, 120_000);
});

describe('the reference under weak memory', () => {
  it('survives 5,000 generated runs (validate runs 20,000)', () => {
    const r = check({ variant: lockless, runs: 5_000, seed: 20_000, strategy: 'random', memory: 'weak' });
    expect(r.failure?.message ?? null).toBeNull();
  }, 120_000);
});
