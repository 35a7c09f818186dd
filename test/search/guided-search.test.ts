/**
 * Strategy `coverage` (search/guided-search.ts): it finds a known bug, is deterministic from its
 * seed, grows a corpus from new coverage, and `coverage` puts a schema-valid table in the report.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCheckReport } from '../../src/api/report.js';
import { parseSummary, readSummary } from '../../src/report/summary-schema.js';
import { check } from '../../src/search/check.js';
import { findVariant } from '../../src/variants/registry.js';

const variant = (name: string) => findVariant(name)!;

describe('coverage-guided search', () => {
  it('finds free-without-grace-period, and the same seed gives the same search', () => {
    const o = { variant: variant('free-without-grace-period'), runs: 5000, seed: 3, strategy: 'coverage' as const, shrinkTimeMs: 200 };
    const a = check(o);
    const b = check(o);
    expect(a.failure?.invariant).toBe('use-after-free');
    expect(a.failure!.runsToFirstFailure).toBe(b.failure!.runsToFirstFailure);
    expect(a.failure!.signature).toBe(b.failure!.signature);
    expect(a.steps).toBe(b.steps);
    const other = check({ ...o, seed: 4 });
    expect(other.steps === a.steps && other.failure?.runsToFirstFailure === a.failure!.runsToFirstFailure).toBe(false);
  });

  it('on the reference design: every run asked for, no violation, and more coverage than its first runs', () => {
    const few = check({ variant: variant('lockless'), runs: 20, seed: 1, strategy: 'coverage', coverage: true });
    const more = check({ variant: variant('lockless'), runs: 400, seed: 1, strategy: 'coverage', coverage: true });
    expect(more.ok).toBe(true);
    expect(more.runs).toBe(400);
    expect(more.coverage!.pairs).toBeGreaterThan(few.coverage!.pairs);
    expect(more.coverage!.linesReached).toBeGreaterThanOrEqual(few.coverage!.linesReached);
  });

  it('refuses to be sharded (a harness error, never a pass)', () => {
    const r = check({ variant: variant('lockless'), runs: 10, seed: 1, strategy: 'coverage', shard: { index: 1, count: 2 } });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/cannot be sharded/);
  });

  it('check --coverage: the table goes into summary.json (schema-valid) and report.html', () => {
    const r = check({ variant: variant('lockless'), runs: 150, seed: 2, strategy: 'random', coverage: true });
    expect(r.coverage!.runs).toBe(150);
    const dir = writeCheckReport(variant('lockless'), r, mkdtempSync(join(tmpdir(), 'cov-report-')));
    const s = readSummary(join(dir, 'summary.json'));
    expect(s.coverage!.linesTotal).toBe(r.coverage!.linesTotal);
    expect(s.coverage!.neverReached[0].error).toBe(true); // error paths first
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('id="coverage-never"');
    expect(html).toContain(`${r.coverage!.linesReached} of ${r.coverage!.linesTotal} reference lines reached`);
    expect(() => parseSummary({ ...s, coverage: { ...s.coverage!, linesReached: s.coverage!.linesTotal + 1 } })).toThrow(/coverage/);
  });
});
