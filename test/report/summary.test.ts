/**
 * Report directories from a real check failure: summary.json validates against the versioned schema
 * when read (and a wrong version or a damaged file is refused), report.md and report.html carry the
 * verdict, the counterexample's column trace and replay line, the page is self-contained, and no
 * temporary file is left behind.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../../src/search/check.js';
import { writeCheckReport } from '../../src/api/report.js';
import { readSummary, SummaryError, SUMMARY_VERSION } from '../../src/report/summary-schema.js';
import { esc } from '../../src/report/html.js';
import { freeWithoutWait } from '../../src/variants/bugs/free-without-wait.js';
import { lockless } from '../../src/variants/designs/lockless.js';

describe('report directory', () => {
  let r: CheckResult;
  let dir: string;
  beforeAll(() => {
    r = check({ variant: freeWithoutWait, runs: 5000, seed: 3, strategy: 'random', shrinkTimeMs: 2000 });
    dir = writeCheckReport(freeWithoutWait, r, mkdtempSync(join(tmpdir(), 'shrinkrace-rep-')));
  }, 60_000);

  it('writes summary.json, report.md and report.html and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.md', 'summary.json']);
  });

  it('summary.json parses through the schema and matches the check result', () => {
    const s = readSummary(join(dir, 'summary.json'));
    expect(s.version).toBe(SUMMARY_VERSION);
    expect(s.ok).toBe(false);
    expect(s.counterexample?.invariant).toBe(r.failure!.invariant);
    expect(s.counterexample?.token).toBe(r.failure!.token);
    expect(s.verdicts[0]).toMatchObject({ name: 'free-without-wait', observed: `violates ${r.failure!.invariant}`, met: true });
    // the column trace is the one the failure text printed
    expect(r.failure!.text).toContain(s.counterexample!.columns);
  });

  it('refuses another version and a damaged file', () => {
    const bad = join(dir, 'bad.json');
    const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    writeFileSync(bad, JSON.stringify({ ...s, version: SUMMARY_VERSION + 1 }));
    expect(() => readSummary(bad)).toThrow(SummaryError);
    writeFileSync(bad, JSON.stringify({ ...s, counterexample: { ...s.counterexample, trace: 'x' } }));
    expect(() => readSummary(bad)).toThrow(/counterexample\.trace/);
    writeFileSync(bad, '{');
    expect(() => readSummary(bad)).toThrow(SummaryError);
  });

  it('report.html is self-contained and holds the verdict, timeline data and column trace', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toMatch(/<table id="verdicts">/);
    expect(html).toContain('<script type="application/json" id="timeline-data">');
    expect(html).toContain(esc(readSummary(join(dir, 'summary.json')).counterexample!.columns));
    expect(html).toContain(`npx shrinkrace replay ${r.failure!.token}`);
  });

  it('report.md holds the columns and the reproduce line', () => {
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain(`reproduce: npx shrinkrace replay ${r.failure!.token}`);
    expect(md).toContain(readSummary(join(dir, 'summary.json')).counterexample!.columns);
  });

  it('a passing check writes a report without a counterexample', () => {
    const ok = check({ variant: lockless, runs: 50, seed: 1, strategy: 'random' });
    const d = writeCheckReport(lockless, ok, mkdtempSync(join(tmpdir(), 'shrinkrace-rep-')));
    const s = readSummary(join(d, 'summary.json'));
    expect(s.ok).toBe(true);
    expect(s.counterexample).toBeNull();
    expect(readFileSync(join(d, 'report.html'), 'utf8')).not.toContain('id="timeline"');
  });
});
