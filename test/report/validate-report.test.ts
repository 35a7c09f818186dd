/**
 * validate's report directory: report.html and summary.json beside validate.json/validate.md, with
 * the matrix (one row per job, verdicts as in the matrix). Rows come from real check runs, shaped
 * the way api/validate shapes them.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { writeValidateReport } from '../../src/api/report.js';
import type { ValidateResult, ValidateRow } from '../../src/api/validate.js';
import { writeMatrix } from '../../src/report/matrix.js';
import { readSummary } from '../../src/report/summary-schema.js';
import { describeExpectation, type Variant } from '../../src/variants/variant.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { freeWithoutWait } from '../../src/variants/bugs/free-without-wait.js';

function row(v: Variant, runs: number): ValidateRow {
  const r = check({ variant: v, runs, seed: 1, strategy: 'random', shrinkTimeMs: 500 });
  const observed = r.failure ? `violates ${r.failure.invariant}` : 'passes';
  return {
    memory: r.memory,
    name: v.name, variant: v.name, kind: v.expect.kind === 'passes' ? 'design' : 'bug', workloads: r.workloads, expected: describeExpectation(v.expect), observed,
    met: observed === describeExpectation(v.expect), runs: r.runs, elapsedMs: r.elapsedMs, timeToFirstFailureMs: r.failure?.timeToFirstFailureMs ?? null,
    shrunkChoices: r.failure?.steps ?? null, doShrinkSlabPerPass: r.passes ? r.doShrinkSlab / r.passes : 0, visitsPerPass: r.passes ? r.visits / r.passes : 0, probeVisitsPerPass: 0, token: r.failure?.token ?? null,
    runsAsked: runs, stopped: r.stopped, error: r.error ? r.error.message : null, signature: r.failure?.signature ?? null, seed: 1,
  };
}

describe('validate report', () => {
  it('adds report.html and summary.json beside the matrix files', () => {
    const rows = [row(lockless, 200), row(freeWithoutWait, 2000)];
    const v: ValidateResult = { ok: rows.every((r) => r.met), interrupted: false, harnessErrors: 0, timeLimitMs: null, budget: 'quick', seed: 1, elapsedMs: 1, rows };
    const dir = writeMatrix(mkdtempSync(join(tmpdir(), 'shrinkrace-val-')), v);
    writeValidateReport(dir, v);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.md', 'summary.json', 'validate.json', 'validate.md']);
    const s = readSummary(join(dir, 'summary.json'));
    expect(s.command).toBe('validate');
    expect(s.matrix?.rows.map((r) => r.name)).toEqual(['lockless', 'free-without-wait']);
    expect(s.verdicts.map((x) => x.met)).toEqual(rows.map((r) => r.met));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const table = /<table id="matrix">([\s\S]*?)<\/table>/.exec(html)![1];
    expect((table.match(/<tr/g) ?? []).length).toBe(rows.length + 1);
    expect(table).toContain(rows[1].observed);
    // the failing row's replay line is on the page, and in validate.md
    expect(html).toContain(`<li data-row="free-without-wait">free-without-wait: <code class="replay-line">npx shrinkrace replay ${rows[1].token}</code></li>`);
    expect(readFileSync(join(dir, 'validate.md'), 'utf8')).toContain(`- free-without-wait: \`npx shrinkrace replay ${rows[1].token}\``);
    expect(s.matrix?.rows[1].token).toBe(rows[1].token);
  }, 60_000);
});
