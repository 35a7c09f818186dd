/**
 * End to end on the built CLI: where reports, traces and corpus entries go, and that the usual
 * output is unchanged but for one line naming the report (stderr for --json, so stdout stays one
 * JSON object).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/api/corpus.js';
import { readSummary } from '../../src/report/summary-schema.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = (): string => mkdtempSync(join(tmpdir(), 'shrinkrace-cli-'));

describe('check reports', () => {
  it('a failing check writes reports/<id>/ and says where in one line; the failure text is unchanged', () => {
    const dir = tmp();
    const c = run('check', '--variant', 'free-without-wait', '--runs', '2000', '--reports-dir', dir);
    expect(c.code).toBe(1);
    const lines = c.out.split('\n');
    expect(lines[0]).toMatch(/^FAILED: variant free-without-wait/);
    const m = /^report: (.+)\/report\.html$/.exec(lines[1]);
    expect(m).not.toBeNull();
    expect(readdirSync(m![1]).sort()).toEqual(['report.html', 'report.md', 'summary.json']);
    const token = /reproduce: npx shrinkrace replay (\S+)/.exec(c.out)![1];
    expect(c.out.endsWith(run('replay', token).out)).toBe(true);
    expect(readSummary(join(m![1], 'summary.json')).counterexample?.token).toBe(token);
  });

  it('--json keeps stdout one object; report, trace and corpus lines go to stderr', () => {
    const dir = tmp();
    const trace = join(dir, 't.json');
    const corpus = join(dir, 'c.json');
    const c = run('check', '--variant', 'free-without-grace-period', '--runs', '2000', '--json', '--reports-dir', dir, '--trace-out', trace, '--save', '--corpus', corpus);
    expect(c.code).toBe(1);
    const j = JSON.parse(c.out);
    expect(c.err).toMatch(/^report: .+\/report\.html$/m);
    expect(c.err).toContain(`trace: ${trace}`);
    expect(c.err).toContain(`saved to ${corpus}`);
    expect(JSON.parse(readFileSync(trace, 'utf8')).traceEvents.some((e: { ph: string }) => e.ph === 'i')).toBe(true);
    expect(loadCorpus(corpus).entries).toMatchObject([{ variant: 'free-without-grace-period', invariant: j.violation.invariant, token: j.violation.replay, source: 'check' }]);
  });

  it('a passing check writes a report only with --report', () => {
    const dir = tmp();
    const a = run('check', '--variant', 'lockless', '--runs', '200', '--reports-dir', dir);
    expect(a.code).toBe(0);
    expect(a.out).not.toMatch(/^report:/m);
    expect(readdirSync(dir)).toEqual([]);
    const b = run('check', '--variant', 'lockless', '--runs', '200', '--reports-dir', dir, '--report');
    expect(b.code).toBe(0);
    const m = /^report: (.+)$/m.exec(b.out)!;
    expect(readSummary(join(m[1].replace(/\/report\.html$/, ''), 'summary.json')).ok).toBe(true);
  });

  it('bad flags exit 2 with one line', () => {
    for (const args of [['check', '--trace-out'], ['bench', '--bogus'], ['bench', '--seed', 'x']]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('stress --trace-out --save', () => {
  it('writes the reproduced failure as trace events and adds it to the corpus', () => {
    const dir = tmp();
    const trace = join(dir, 's.json');
    const corpus = join(dir, 'c.json');
    const r = run('stress', '--variant', 'free-without-grace-period', '--duration', '20s', '--watchdog', '30s', '--json', '--trace-out', trace, '--save', '--corpus', corpus);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(existsSync(trace)).toBe(true);
    const ev = JSON.parse(readFileSync(trace, 'utf8')).traceEvents;
    if (j.violation.replay?.reproduced) {
      expect(ev.filter((e: { ph: string }) => e.ph === 'i')).toHaveLength(1);
      expect(loadCorpus(corpus).entries).toMatchObject([{ source: 'stress', token: j.violation.replay.token, invariant: j.violation.invariant }]);
    } else {
      // a thread run whose ticket log did not reproduce (machine load can change what the threads hit): no token, nothing saved
      expect(ev.filter((e: { ph: string }) => e.ph !== 'M')).toHaveLength(0);
      expect(r.err).toMatch(/^not saved: /m);
      expect(existsSync(corpus)).toBe(false);
    }
  }, 120_000);
});
