/**
 * Ctrl-C: a long command stops at its next run, prints what it found so far, writes its report, and
 * exits 130; it never discards its progress and never exits 0.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptAfter, tmp } from '../helpers/cli.js';

describe('Ctrl-C prints what was found so far', () => {
  it('check: a summary of the runs done, a report, exit 130', async () => {
    const dir = tmp();
    const r = await interruptAfter(['check', '--variant', 'lockless', '--runs', '1000000000', '--reports-dir', dir], 4000);
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/shrinkrace: interrupted: stopping the search/);
    expect(r.out).toMatch(/^interrupted: variant lockless: no violation in the \d+ runs, \d+ steps in [\d.]+s .* done before Ctrl-C \(1000000000 asked\)/);
    const report = /report: (.+)\/report\.html/.exec(r.out)![1];
    expect(existsSync(join(report, 'summary.json'))).toBe(true);
  }, 60_000);

  it('validate: the rows done so far, the others "not run", the matrix written, exit 130', async () => {
    const dir = tmp();
    const r = await interruptAfter(['validate', '--budget', 'full', '--reports-dir', dir], 6000);
    expect(r.code).toBe(130);
    expect(r.out).toMatch(/INTERRUPTED \(Ctrl-C\): \d+ of \d+ rows were cut short or not run/);
    expect(r.out).toMatch(/ not run +0 /);
    const [run] = readdirSync(dir);
    expect(readdirSync(join(dir, run))).toEqual(expect.arrayContaining(['validate.json', 'validate.md', 'report.html', 'summary.json']));
  }, 120_000);

  it('stress: stops its runs, prints its summary, exit 130', async () => {
    const r = await interruptAfter(['stress', '--variant', 'lockless', '--duration', '60s'], 4000);
    expect(r.code).toBe(130);
    expect(r.out).toMatch(/^interrupted: variant lockless: no violation in \d+ runs/);
    expect(r.ms).toBeLessThan(20_000);
  }, 60_000);
});
