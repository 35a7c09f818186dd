/**
 * Strategy portfolio (src/search/portfolio.ts): random, PCT, coverage-guided and exhaustive slices of
 * doubling size on one budget, recording into one log. Checked: it finds a known bug and reports it as
 * check does, the same seed gives the same search, the run budget is spent exactly across slices with
 * runs numbered across them (progress never goes back), known findings do not stop it, a harness error
 * in a later slice is an error numbered by its global run (never a pass), a time budget ends it, and
 * the options it cannot take are refused.
 */
import { describe, expect, it } from 'vitest';
import { check, CheckOptionsError, type CheckOptions } from '../../src/search/check.js';
import { PORTFOLIO, SLICE_RUNS, sliceSeed } from '../../src/search/portfolio.js';
import { WORKLOADS } from '../../src/model/workloads.js';
import { findVariant } from '../../src/variants/registry.js';
import type { Variant } from '../../src/variants/variant.js';

const fww = findVariant('free-without-wait')!;
const lockless = findVariant('lockless')!;

describe('strategy portfolio', () => {
  it('finds a known bug, shrunk and signed as check reports it; the same seed is the same search', () => {
    const o: CheckOptions = { variant: fww, runs: 20_000, seed: 1, strategy: 'portfolio', shrinkTimeMs: 1000 };
    const a = check(o);
    expect(a.ok).toBe(false);
    expect(a.strategy).toBe('portfolio');
    expect(a.failure?.invariant).toBe('use-after-free');
    expect(a.violations.map((v) => v.firstRun)).toContain(a.failure!.runsToFirstFailure);
    expect(a.runs).toBe(a.failure!.runsToFirstFailure); // a plain search stops at its first new signature
    const b = check(o);
    expect(b.failure?.runsToFirstFailure).toBe(a.failure!.runsToFirstFailure);
    expect(b.failure?.signature).toBe(a.failure!.signature);
    expect(b.failure?.foundSteps).toBe(a.failure!.foundSteps); // (the shrunk token may differ: shrinking is time-bounded)
    // `until` another finding, not `all`: as check, the first new signature on the way still ends it
    const u = check({ ...o, until: 'lockless@teardown' });
    expect(u.runs).toBe(a.runs);
    expect(u.failure?.signature).toBe(a.failure!.signature);
  }, 60_000);

  it('spends the run budget exactly over doubling slices of every member, runs numbered across them; known findings do not stop it', () => {
    const seen: number[] = [];
    // round 0: four slices of SLICE_RUNS; round 1: the random slice gets what is left
    const runs = PORTFOLIO.length * SLICE_RUNS + 700;
    const totals = new Set<number>();
    const r = check({ variant: lockless, runs, seed: 2, strategy: 'portfolio', workloads: WORKLOADS, shrinkTimeMs: 1, onProgress: (k, total) => { seen.push(k); totals.add(total); } });
    expect(r.error).toBeUndefined();
    expect(r.runs).toBe(runs);
    expect(r.ok).toBe(true); // the reference's findings are known: listed, never a failure
    expect(r.violations.every((v) => v.known !== null && v.firstRun <= runs)).toBe(true);
    expect(r.violations.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    expect([...totals]).toEqual([runs]); // progress is out of the whole budget, not a slice's
    expect(seen.at(-1)).toBeGreaterThan(PORTFOLIO.length * SLICE_RUNS * 0.9);
    expect(new Set(PORTFOLIO.map((_, m) => sliceSeed(1, 0, m))).size).toBe(PORTFOLIO.length);
  }, 120_000);

  it('a harness error in a later slice ends the search as an error, at its global run number', () => {
    let calls = 0; // throws from about the third thousand runs on: past the first (random) slice
    const late: Variant = {
      name: 'test-portfolio-throws-late', summary: 'reclaim throws after a while', expect: { kind: 'passes' },
      overrides: {
        *shrink_slab() {
          yield;
          if (++calls > 9000) throw new TypeError('late boom');
          return 0;
        },
      },
    };
    const r = check({ variant: late, runs: 50_000, seed: 1, strategy: 'portfolio' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/late boom/);
    expect(r.error!.run).toBeGreaterThan(SLICE_RUNS);
    expect(r.runs).toBeLessThan(50_000);
  }, 60_000);

  it('a time budget ends it (stopped: time), and it refuses a shard or a coverage count', () => {
    const r = check({ variant: lockless, runs: 10_000_000, seed: 1, strategy: 'portfolio', timeLimitMs: 1500, shrinkTimeMs: 1 });
    expect(r.stopped).toBe('time');
    expect(r.runs).toBeLessThan(10_000_000);
    expect(r.error).toBeUndefined();
    expect(() => check({ variant: lockless, runs: 10, seed: 1, strategy: 'portfolio', shard: { index: 1, count: 2 } })).toThrow(CheckOptionsError);
    expect(() => check({ variant: lockless, runs: 10, seed: 1, strategy: 'portfolio', coverage: true })).toThrow(/does not count coverage/);
  }, 60_000);
});
