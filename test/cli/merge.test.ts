/**
 * `shrinkrace merge DIR...`: the report directories of every shard of one check merge into the report
 * the unsharded search writes (runs summed, signatures deduplicated with their first run and hits,
 * the counterexample met first, the verdict and exit code); anything that is not every shard of one
 * search is refused with one line and exit 2, and nothing is written. `check --shard` always writes
 * its report, and refuses a bad shard.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCheckReport } from '../../src/api/report.js';
import { WORKLOADS } from '../../src/model/workloads.js';
import { parseSummary, type Summary } from '../../src/report/summary-schema.js';
import { check, type CheckOptions } from '../../src/search/check.js';
import { findVariant } from '../../src/variants/registry.js';
import type { Variant } from '../../src/variants/variant.js';
import { shrinkrace, tmp } from '../helpers/cli.js';

const readReport = (dir: string): Summary => parseSummary(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
const reportLine = (out: string): string => /^report: (.*)\/report\.html$/m.exec(out)?.[1] ?? '';

/** check (in process, as the CLI's worker runs it) and its report directory, as `check --report` writes it. */
function report(variant: Variant, o: Omit<CheckOptions, 'variant'>): string {
  return writeCheckReport(variant, check({ variant, ...o }), tmp('shrinkrace-shard-'));
}

describe('merge of check shards', () => {
  it('gives the unsharded report: runs, signatures, first runs, hits, counterexample, verdict; exit 1 as check would', () => {
    // a known bug that claims to pass: every signature is unexpected, so the merged verdict fails
    const v: Variant = { ...findVariant('free-without-wait')!, name: 'test-merge-claims-to-pass', expect: { kind: 'passes' } };
    const o = { runs: 1200, seed: 7, strategy: 'random', workloads: WORKLOADS, all: true, shrinkTimeMs: 1 } as const;
    const whole = readReport(report(v, o));
    const dirs = [1, 2, 3].map((index) => report(v, { ...o, shard: { index, count: 3 } }));
    const out = tmp('shrinkrace-merged-');
    const r = shrinkrace(['merge', dirs[2], dirs[0], dirs[1], '--reports-dir', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const merged = readReport(reportLine(r.out));
    expect(reportLine(r.out).startsWith(out)).toBe(true);
    expect(existsSync(join(reportLine(r.out), 'report.html'))).toBe(true);

    const key = (x: NonNullable<Summary['search']>['signatures'][number]): object => ({ signature: x.signature, known: x.known, expected: x.expected, firstRun: x.firstRun, hits: x.hits });
    expect(whole.search!.signatures.length).toBeGreaterThan(3);
    expect(merged.search!.signatures.map(key)).toEqual(whole.search!.signatures.map(key));
    expect(merged.search).toMatchObject({ runs: 1200, runsAsked: 1200, steps: whole.search!.steps, error: null, stopped: null });
    expect(merged.ok).toBe(false);
    expect(merged.shard).toBeNull();
    expect(merged.settings).toMatchObject({ runs: 1200, shards: 3, seed: 7 });
    expect(merged.verdicts.map((x) => [x.expected, x.observed, x.met])).toEqual(whole.verdicts.map((x) => [x.expected, x.observed, x.met]));
    // the counterexample is the first unexpected signature's, as the unsharded search shrank it first
    expect(merged.counterexample?.invariant).toBe(whole.counterexample?.invariant);
    expect(merged.counterexample?.token).toBe(merged.search!.signatures[0].replay);
    expect(r.out).toMatch(/^FAILED: merged 3 shards of check test-merge-claims-to-pass/);
    expect(r.out).toContain(`first at run ${whole.search!.signatures[0].firstRun}, ${whole.search!.signatures[0].hits} run(s)`);
  }, 120_000);
});

describe('merge refuses what is not every shard of one search', () => {
  const lockless = findVariant('lockless')!;
  const o = { runs: 60, seed: 1, strategy: 'random' } as const;
  const shard = (index: number, count: number, extra: Partial<CheckOptions> = {}): string => report(lockless, { ...o, ...extra, shard: { index, count } });
  let s: Record<string, string> = {};
  beforeAll(() => {
    const damaged = tmp('shrinkrace-damaged-');
    writeFileSync(join(damaged, 'summary.json'), '{"schema": "shrinkrace/summary", "version": 1}');
    const twoReports = tmp('shrinkrace-two-');
    for (const n of ['a', 'b']) mkdirSync(join(twoReports, n)), writeFileSync(join(twoReports, n, 'summary.json'), '{}');
    s = {
      s1: shard(1, 3), s2: shard(2, 3), s3: shard(3, 3), s2again: shard(2, 3), s2seed2: shard(2, 3, { seed: 2 }), s2runs: shard(2, 3, { runs: 90 }), s2uniform: shard(2, 3, { scenarios: 'uniform' }),
      half: shard(2, 2), whole: report(lockless, o), damaged, twoReports, empty: tmp('shrinkrace-empty-'),
    };
  });

  it.each([
    ['overlapping shards', ['s1', 's2', 's2again', 's3'], /^shrinkrace: merge: shard 2\/3 given twice \(overlapping\): .* and .*\n$/],
    ['a missing shard', ['s1', 's3'], /^shrinkrace: merge: missing shard 2\/3: give the report directory of every shard\n$/],
    ['another seed', ['s1', 's2seed2', 's3'], /^shrinkrace: merge: .* is not the same search as .*: seed 2 vs 1\n$/],
    ['another scenario generator', ['s1', 's2uniform', 's3'], /^shrinkrace: merge: .* is not the same search as .*: scenario generator uniform vs blend\n$/],
    ['other runs asked', ['s1', 's2runs', 's3'], /^shrinkrace: merge: .* is not the same search as .*: runs asked 90 vs 60\n$/],
    ['another split', ['s1', 'half', 's3'], /^shrinkrace: merge: .* is shard 2\/2 but .* is shard 1\/3: not the same split\n$/],
    ['an unsharded report', ['whole'], /^shrinkrace: merge: .* is not a shard: its check ran without --shard\n$/],
    ['a damaged summary.json', ['s1', 'damaged', 's3'], /^shrinkrace: merge: .*summary\.json: not a shrinkrace summary v1: .*\n$/],
    ['a directory with two reports', ['s1', 'twoReports'], /^shrinkrace: merge: .* holds 2 reports; give the report directory itself\n$/],
    ['a directory with none', ['empty'], /^shrinkrace: merge: no summary\.json in .*\n$/],
  ])('%s: one line, exit 2, nothing written', (_, names, message) => {
    const out = join(tmp('shrinkrace-refused-'), 'reports');
    const r = shrinkrace(['merge', ...names.map((n) => s[n]), '--reports-dir', out]);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('a complete set of the same search merges (exit 0, lockless passes)', () => {
    const out = tmp('shrinkrace-merged-');
    const r = shrinkrace(['merge', s.s1, s.s2, s.s3, '--reports-dir', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Summary & { reportDir: string };
    expect(j).toMatchObject({ ok: true, command: 'check', shard: null, search: { runs: 60, runsAsked: 60, scenarios: 'blend' } });
    expect(readdirSync(out)).toEqual([j.runId]);
  });

  it('merge with no DIR is a usage error', () => {
    const r = shrinkrace(['merge', '--reports-dir', tmp()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^shrinkrace: merge needs the report directory of every shard/);
  });
});

describe('check --shard', () => {
  it('runs its share of the runs and always writes its report', () => {
    const out = tmp('shrinkrace-shard-cli-');
    const r = shrinkrace(['check', '--variant', 'lockless', '--runs', '90', '--shard', '2/3', '--reports-dir', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('in 30 runs');
    expect(r.out).toContain('shard 2/3 of 90 runs');
    const s = readReport(reportLine(r.out));
    expect(s.shard).toEqual({ index: 2, count: 3 });
    expect(s.settings.shard).toBe('2/3');
    expect(s.search).toMatchObject({ runs: 30, runsAsked: 90, variant: 'lockless', scenarios: 'blend' });
    expect(r.out).toContain('strategy random, scenarios blend, seed 1');
  });

  it('refuses --shard with a strategy that has no generation order to split', () => {
    const r = shrinkrace(['check', '--strategy', 'exhaustive', '--shard', '1/2']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('shrinkrace: --shard splits the random and pct searches only, not --strategy exhaustive\n');
  });

  it('refuses --shard and --coverage with --strategy portfolio: one line, exit 2', () => {
    const shard = shrinkrace(['check', '--strategy', 'portfolio', '--shard', '1/2']);
    expect(shard.code).toBe(2);
    expect(shard.err).toBe('shrinkrace: --shard splits the random and pct searches only, not --strategy portfolio\n');
    const cov = shrinkrace(['check', '--strategy', 'portfolio', '--coverage']);
    expect(cov.code).toBe(2);
    expect(cov.err).toBe('shrinkrace: --coverage counts one search: not --strategy portfolio (use --strategy random or coverage)\n');
  });

  it.each(['0/2', '3/2', 'x'])('refuses --shard %s: one line, exit 2', (raw) => {
    for (const cmd of ['check', 'validate']) {
      const r = shrinkrace([cmd, '--shard', raw]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^shrinkrace: --shard.*\n$/);
    }
  });
});
