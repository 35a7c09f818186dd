/**
 * The reference's findings reproduce under their workloads (seed 1, random; measured first failures:
 * lifecycle 5,811 runs, populate 231, nokmem 5,542; teardown, with its swarm generator at its own seed 3, 40,848; reparent on its own scenario, the schedules of its hand-minimal's actors), each with its own bug signature; a plain check
 * lists a known finding and goes on (it never hides a new bug), and `until` stops on it and shrinks it.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { FINDINGS, findingScenario } from '../../src/variants/findings.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { noRecheck } from '../../src/variants/bugs/no-recheck.js';

describe.each(FINDINGS.map((f) => [f.name, f] as const))('%s', (name, f) => {
  it(`violates ${f.invariant} with its own signature within 200,000 runs, and the token replays it`, () => {
    const r = check({ variant: lockless, runs: 200_000, seed: f.seed ?? 1, strategy: 'random', workloads: f.workloads, scenarios: f.scenarios, scenario: findingScenario(f), until: name, shrinkTimeMs: 3000 });
    expect(r.failure?.invariant).toBe(f.invariant);
    expect(f.signatures).toContain(r.failure!.signature);
    expect(r.failure!.text).toContain(`signature: ${r.failure!.signature}`);
    expect(r.violations.find((x) => x.signature === r.failure!.signature)?.known).toBe(name);
  }, 120_000);
});

describe('known findings never hide a new bug', () => {
  it('a plain check lists a known finding, keeps searching, and passes when nothing new turns up', () => {
    const r = check({ variant: lockless, runs: 20_000, seed: 1, strategy: 'random', workloads: ['populate'] });
    expect(r.failure).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.violations.map((x) => x.known)).toContain('lockless@populate');
    expect(r.runs).toBe(20_000);
  }, 120_000);

  it('the same known signature on a known bug built on the reference is still known; its own bug is what fails the check', () => {
    const r = check({ variant: noRecheck, runs: 100_000, seed: 1, strategy: 'random', shrinkTimeMs: 2000 });
    expect(r.ok).toBe(false);
    expect(r.failure?.signature).toMatch(/^lost-bit bit cleared in shrink_slab_memcg_one \[clear_bit\(N, @->map\) \[SHRINK_EMPTY, no recheck\]\]$/);
    expect(r.violations.find((x) => x.signature === r.failure!.signature)).toMatchObject({ known: null, expected: true });
  }, 120_000);
});
