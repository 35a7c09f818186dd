/** End-to-end: the built CLI (npm test builds it first), its exit codes, its one-line errors. */
import { describe, expect, it } from 'vitest';
import { shrinkrace } from '../helpers/cli.js';

describe('shrinkrace CLI', () => {
  it('check --json prints exactly one JSON object and exits 1 on a violation', () => {
    const r = shrinkrace(['check', '--variant', 'free-without-grace-period', '--runs', '2000', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: false, variant: 'free-without-grace-period', seed: 1, runsAsked: 2000, stopped: null, violation: { invariant: 'use-after-free' } });
    expect(j.runs).toBeGreaterThan(0);
    expect(j.violation.steps).toBeGreaterThan(0);
    expect(j.violation.replay).toMatch(/^sr1\./);
  });

  it('check exits 0 on the reference and says how much it explored: every run asked for', () => {
    const r = shrinkrace(['check', '--variant', 'lockless', '--runs', '300', '--seed', '9', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, runs: 300, runsAsked: 300, stopped: null, strategy: 'random', scenarios: 'blend' });
    const t = shrinkrace(['check', '--variant', 'lockless', '--runs', '300', '--seed', '9']);
    expect(t.out).toMatch(/^ok: variant lockless: no violation in 300 runs, \d+ steps/);
    expect(t.out).toContain('strategy random, scenarios blend, seed 9');
    const u = shrinkrace(['check', '--variant', 'lockless', '--runs', '30', '--scenarios', 'uniform', '--json']);
    expect(JSON.parse(u.out)).toMatchObject({ ok: true, scenarios: 'uniform' });
  });

  it('the printed reproduce line, run twice, prints identical output and exits 1', () => {
    const c = shrinkrace(['check', '--variant', 'free-without-wait', '--runs', '2000']);
    expect(c.code).toBe(1);
    const token = /reproduce: npx shrinkrace replay (\S+)/.exec(c.out)![1];
    const a = shrinkrace(['replay', token]);
    const b = shrinkrace(['replay', token]);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(a.out).toBe(b.out);
    expect(c.out.endsWith(a.out)).toBe(true); // check printed the same failure text
  });

  it('variants lists every variant with its expectation', () => {
    const r = shrinkrace(['variants']);
    expect(r.code).toBe(0);
    for (const line of ['lockless', 'passes', 'no-recheck', 'violates lost-bit', 'free-without-wait', 'free-without-grace-period', 'violates use-after-free']) {
      expect(r.out).toContain(line);
    }
  });
});
