/** End-to-end: the built CLI (npm test builds it first), its exit codes, its one-line errors. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

function shrinkrace(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('shrinkrace CLI', () => {
  it('check --json prints exactly one JSON object and exits 1 on a violation', () => {
    const r = shrinkrace('check', '--variant', 'free-without-grace-period', '--runs', '2000', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: false, variant: 'free-without-grace-period', seed: 1, violation: { invariant: 'use-after-free' } });
    expect(j.runs).toBeGreaterThan(0);
    expect(j.violation.steps).toBeGreaterThan(0);
    expect(j.violation.replay).toMatch(/^sr1\./);
  });

  it('check exits 0 on the reference and says how much it explored', () => {
    const r = shrinkrace('check', '--variant', 'lockless', '--runs', '300', '--seed', '9');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: variant lockless: no violation in 300 runs, \d+ steps/);
  });

  it('the printed reproduce line, run twice, prints identical output and exits 1', () => {
    const c = shrinkrace('check', '--variant', 'free-without-wait', '--runs', '2000');
    expect(c.code).toBe(1);
    const token = /reproduce: npx shrinkrace replay (\S+)/.exec(c.out)![1];
    const a = shrinkrace('replay', token);
    const b = shrinkrace('replay', token);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(a.out).toBe(b.out);
    expect(c.out.endsWith(a.out)).toBe(true); // check printed the same failure text
  });

  it.each([
    [['check', '--variant', 'nonsense'], /unknown variant "nonsense"/],
    [['replay', 'garbage'], /not a shrinkrace replay token/],
    [['replay', 'sr1.AAAAAAAAAAAA'], /replay token/],
    [['check', '--runs', '0'], /--runs must be an integer >= 1/],
    [['check', '--strategy', 'dfs'], /--strategy must be one of random, pct/],
    [['check', '--bogus'], /Unknown option/],
    [['frobnicate'], /unknown command/],
  ])('bad input %j exits 2 with one clear line', (args, msg) => {
    const r = shrinkrace(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(msg);
  });

  it('variants lists every variant with its expectation', () => {
    const r = shrinkrace('variants');
    expect(r.code).toBe(0);
    for (const line of ['lockless', 'passes', 'no-recheck', 'violates lost-bit', 'free-without-wait', 'free-without-grace-period', 'violates use-after-free']) {
      expect(r.out).toContain(line);
    }
  });
});
