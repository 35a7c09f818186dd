/**
 * check --strategy exhaustive (src/search/exhaustive-search.ts): the reference passes and says which
 * bounded space it covered; every known bug is met by the bounded search of a small scenario at the
 * fewest preemptions it needs (and not below), and end to end through check().
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import { actorsOf, type OpSpec, type Scenario } from '../../src/model/scenario.js';
import { walk, walkerChooser } from '../../src/sched/exhaustive.js';
import { check } from '../../src/search/check.js';
import { checkExhaustive, exhaustiveStatement } from '../../src/search/exhaustive-search.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';

const variant = (name: string) => findVariant(name)!;
const op = (a: number, b = 0, c = 0): OpSpec => ({ a, b, c });
const BASE: Scenario = {
  nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [],
};

/** Each bug's shrunk counterexample scenario (found by the random strategy), and the fewest preemptions its race needs. */
const BUGS: [string, Partial<Scenario>, number][] = [
  ['no-recheck', { producers: [[op(0), op(0, 0, 2), op(0)]], reclaimers: [[op(0)]] }, 2],
  ['free-without-wait', { memcgs: 2, producers: [[op(0, 1)]], reclaimers: [[op(1)]], unregisterers: [[op(0)]] }, 1],
  ['free-without-grace-period', { reclaimers: [[op(1)]], unregisterers: [[op(0, 1, 1)]] }, 1],
  ['global-put-without-rcu', { reclaimers: [[op(1)]], unregisterers: [[op(0)]] }, 1],
  ['info-after-unlock', { shrinkers: 2, reclaimers: [[op(0)]], expanders: [[op(0)]] }, 1],
  ['expand-memcpy', { producers: [[op(0)]], expanders: [[op(0)]] }, 1],
  ['no-mb-after-atomic', { shrinkers: 3, globalMask: 3, producers: [[op(2)], [op(2)]], reclaimers: [[op(0), op(0)]] }, 0],
  ['no-mb-before-atomic', { producers: [[op(0), op(0)]], reclaimers: [[op(0), op(0)]] }, 0],
];

/** The bounded search of one scenario, cheapest pass first: the first violation's cost, or null within `K`. */
function firstViolation(name: string, s: Scenario, K: number): { cost: number; invariant: string } | null {
  const v = variant(name);
  const fns = resolveFns(v);
  const memory = v.expect.kind === 'violates' ? v.expect.memory ?? 'sc' : 'sc';
  const n = actorsOf(s).length + 1;
  let found: { cost: number; invariant: string } | null = null;
  for (let c = 0; c <= K && found === null; c++) {
    const w = walk((follow, fresh) => {
      const r = runScenario(fns, s, walkerChooser(n, follow), { memory });
      expect(r.error).toBeNull();
      if (r.violation === null || !fresh) return true;
      found = { cost: c, invariant: r.violation.invariant };
      return false;
    }, { preemptions: c, from: c, deepen: true, maxRuns: 100_000 });
    if (found === null) expect(w.complete).toBe(true);
    if (w.saturated) break;
  }
  return found;
}

describe('check --strategy exhaustive', () => {
  it('the reference: every schedule with <= 1 preemption of its scenarios, no new violation, and it says so', () => {
    const r = checkExhaustive({ variant: variant('lockless'), runs: 200_000, seed: 3, strategy: 'exhaustive', preemptions: 1 }, undefined, 2);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.failure).toBeUndefined();
    expect(r.exhaustive).toMatchObject({ preemptions: 1, complete: true, lowest: 1 });
    expect(r.exhaustive!.explored).toBe(r.exhaustive!.scenarios);
    expect(r.exhaustive!.schedules).toBeGreaterThan(1000);
    expect(r.runs).toBeGreaterThanOrEqual(r.exhaustive!.schedules);
    expect(exhaustiveStatement(r)).toMatch(new RegExp(`^all ${r.exhaustive!.schedules.toLocaleString('en-US')} schedules with <= 1 preemption explored over ${r.exhaustive!.scenarios} scenarios, no (new )?violation`));
  }, 60_000);

  it('a run budget leaves the bound unexhausted, and the statement says what stopped it', () => {
    const r = check({ variant: variant('lockless'), runs: 300, seed: 1, strategy: 'exhaustive' });
    expect(r.ok).toBe(true);
    expect(r.runs).toBe(300);
    expect(r.exhaustive).toMatchObject({ preemptions: 2, complete: false });
    expect(exhaustiveStatement(r)).toMatch(/^the run budget stopped it after [\d,]+ schedules; the bound was not exhausted: 0 of \d+ scenarios explored to <= 2 preemptions/);
  }, 60_000);

  it.each(BUGS)('%s: its race is met at exactly the preemptions it needs', (name, over, K) => {
    const s = { ...BASE, ...over };
    const v = variant(name);
    const found = firstViolation(name, s, K);
    expect(found).toEqual({ cost: K, invariant: v.expect.kind === 'violates' ? v.expect.invariant : '' });
  }, 30_000);

  it('end to end: a known bug is found, shrunk and replayable; a weak-memory one under weak memory', () => {
    const uaf = check({ variant: variant('free-without-grace-period'), runs: 100_000, seed: 2, strategy: 'exhaustive', shrinkTimeMs: 2000 });
    expect(uaf.ok).toBe(false);
    expect(uaf.failure?.invariant).toBe('use-after-free');
    expect(uaf.failure?.token).toMatch(/\S/);
    expect(exhaustiveStatement(uaf)).toMatch(/^a violation stopped it after/);
    const weak = check({ variant: variant('no-mb-before-atomic'), runs: 100_000, seed: 1, strategy: 'exhaustive', memory: 'weak', shrinkTimeMs: 2000 });
    expect(weak.failure?.invariant).toBe('lost-bit');
    const sc = check({ variant: variant('no-mb-before-atomic'), runs: 3_000, seed: 1, strategy: 'exhaustive', memory: 'sc' });
    expect(sc.failure).toBeUndefined(); // the missing barrier is invisible under sequential consistency
  }, 60_000);
});
