/**
 * Run directories (src/report/reports-dir.ts): every report directory is fresh. The id carries the
 * pid; the last component is made with an exclusive mkdir, so runs in the same millisecond get a
 * suffix instead of sharing a directory; a reports path that is not a directory is a ReportsDirError
 * with one line naming it, found by assertReportsDir before any run (and without creating anything).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { writeCheckReport, writeValidateReport } from '../../src/api/report.js';
import type { ValidateResult } from '../../src/api/validate.js';
import { runId } from '../../src/report/atomic-write.js';
import { writeMatrix } from '../../src/report/matrix.js';
import { assertReportsDir, createRunDir, ReportsDirError } from '../../src/report/reports-dir.js';
import { readSummary } from '../../src/report/summary-schema.js';
import { lockless } from '../../src/variants/designs/lockless.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'shrinkrace-rundir-'));
const EMPTY: ValidateResult = { ok: true, interrupted: false, harnessErrors: 0, timeLimitMs: null, budget: 'quick', seed: 1, elapsedMs: 1, rows: [] };

describe('run directories', () => {
  it('a run id names the command, the variant, the time and the pid', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    expect(runId('check', 'no-recheck', now, 4242)).toBe('check-no-recheck-2026-01-02T03-04-05-678Z-4242');
    expect(runId('validate', null, now)).toBe(`validate-2026-01-02T03-04-05-678Z-${process.pid}`);
  });

  it('runs in the same millisecond never share a directory', () => {
    const root = join(scratch(), 'reports', 'nested');
    const now = new Date('2026-01-02T03:04:05.678Z');
    const dirs = Array.from({ length: 20 }, () => createRunDir(root, 'check', 'lockless', now));
    expect(new Set(dirs).size).toBe(20);
    expect(basename(dirs[0])).toBe(runId('check', 'lockless', now));
    expect(basename(dirs[1])).toBe(`${runId('check', 'lockless', now)}-2`);
    expect(readdirSync(root)).toHaveLength(20);
    for (const d of dirs) expect(readdirSync(d)).toEqual([]);
  });

  it('writeMatrix and the report writers each make a fresh directory', () => {
    const root = scratch();
    const a = writeMatrix(root, EMPTY);
    const b = writeMatrix(root, EMPTY);
    expect(a).not.toBe(b);
    expect(basename(a)).toMatch(new RegExp(`^validate-.*-${process.pid}$`));
    writeValidateReport(a, EMPTY);
    expect(readSummary(join(a, 'summary.json')).runId).toBe(basename(a));
    const r = check({ variant: lockless, runs: 20, seed: 1, strategy: 'random' });
    const c1 = writeCheckReport(lockless, r, root, null);
    const c2 = writeCheckReport(lockless, r, root, null);
    expect(c1).not.toBe(c2);
    expect(readSummary(join(c2, 'summary.json')).runId).toBe(basename(c2));
    expect(readdirSync(root)).toHaveLength(4);
  });

  it('a reports path that is a file, or under one, is a ReportsDirError naming it, before anything is written', () => {
    const root = scratch();
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'x');
    for (const bad of [file, join(file, 'reports')]) {
      expect(() => assertReportsDir(bad)).toThrow(ReportsDirError);
      expect(() => createRunDir(bad, 'check', null)).toThrow(ReportsDirError);
      expect(() => writeMatrix(bad, EMPTY)).toThrow(ReportsDirError);
      try {
        assertReportsDir(bad);
      } catch (e) {
        expect((e as Error).message).toContain(bad);
        expect((e as Error).message).not.toContain('\n');
      }
    }
    expect(readdirSync(root)).toEqual(['not-a-dir']);
  });

  it('a reports dir that does not exist yet passes the check and is not created by it', () => {
    const root = scratch();
    const later = join(root, 'a', 'b');
    assertReportsDir(later);
    expect(existsSync(join(root, 'a'))).toBe(false);
    mkdirSync(later, { recursive: true });
    assertReportsDir(later);
  });
});
