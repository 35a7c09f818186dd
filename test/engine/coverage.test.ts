/**
 * Coverage (engine/coverage.ts, search/coverage-report.ts): what a hand-made scenario reaches, that a
 * line no run can reach is flagged, that interleaving pairs count only across actors, and that
 * counting changes nothing about the run.
 */
import { describe, expect, it } from 'vitest';
import { CoverageMap } from '../../src/engine/coverage.js';
import { runScenario } from '../../src/engine/run.js';
import { DEFAULT_SCENARIO, type Scenario } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { randomChooser } from '../../src/sched/random.js';
import { coverageReport } from '../../src/search/coverage-report.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { resolveFns } from '../../src/variants/registry.js';

const fns = resolveFns(lockless);

/** one producer adding two items to memcg 1 (b 0: pickMemcg): no reclaim, no registration, nothing fails */
const ONE_PRODUCER: Scenario = {
  ...DEFAULT_SCENARIO, nodes: 1, memcgs: 1, unitBits: 2, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [[{ a: 0, b: 0, c: 0 }, { a: 0, b: 0, c: 0 }]], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [],
};

const reached = (r: ReturnType<typeof coverageReport>, fn: string): number[] =>
  r.functions.find((f) => f.fn === fn)!.lines.filter((l) => l.hits > 0).map((l) => l.line);

describe('coverage', () => {
  it('a lone producer reaches set_shrinker_bit and list_lru_add, and nothing of reclaim or registration', () => {
    const cov = new CoverageMap();
    const run = runScenario(fns, ONE_PRODUCER, randomChooser(1), { coverage: cov });
    expect(run.violation).toBeNull();
    const r = coverageReport(cov);
    expect(reached(r, 'set_shrinker_bit')).toEqual([196, 203, 204, 205, 208]); // entry, rcu_dereference, unit, map_nr_max, set_bit
    expect(r.functions.find((f) => f.fn === 'list_lru_add')!.hits).toBe(2);
    for (const fn of ['shrink_slab', 'shrink_slab_memcg', 'do_shrink_slab', 'shrinker_alloc', 'shrinker_free']) expect(reached(r, fn), fn).toEqual([]);
    expect(r.linesReached).toBeLessThan(r.linesTotal);
  });

  it('flags lines never reached, error paths first; the nr_deferred array branch no run can reach', () => {
    const cov = new CoverageMap();
    for (let seed = 1; seed <= 30; seed++) runScenario(fns, DEFAULT_SCENARIO, randomChooser(seed, seed % 4), { coverage: cov });
    const r = coverageReport(cov);
    const firstPlain = r.neverReached.findIndex((l) => !l.error);
    expect(r.neverReached.slice(firstPlain).every((l) => !l.error)).toBe(true);
    expect(r.neverReached).toContainEqual(expect.objectContaining({ fn: 'shrinker_alloc', line: 725, error: true }));
    // DEFAULT_SCENARIO fails no allocation: every allocation-failure branch is never reached
    expect(r.neverReached.filter((l) => l.error).map((l) => l.line)).toContain(53);
    expect(r.runs).toBe(30);
  });

  it('an injected allocation failure reaches its error path, in the function and in its callers', () => {
    const cov = new CoverageMap();
    for (let seed = 1; seed <= 40; seed++) runScenario(fns, { ...DEFAULT_SCENARIO, failMask: 1 << (seed % 6) }, randomChooser(seed), { coverage: cov });
    const r = coverageReport(cov);
    const errorsReached = r.functions.flatMap((f) => f.lines.filter((l) => l.error && l.hits > 0).map((l) => `${f.fn}:${l.line}`));
    expect(errorsReached.length).toBeGreaterThan(0);
    expect(r.neverReached.filter((l) => l.error).length).toBeLessThan(r.functions.flatMap((f) => f.lines.filter((l) => l.error)).length);
  });

  it('counts a pair only when another actor reads the store', () => {
    const cov = new CoverageMap();
    cov.beginRun(2);
    cov.enter(0, 'list_lru_add');
    cov.write(0, 100, '@->nr_items++');
    cov.read(0, 100, 'READ_ONCE(@->nr_items)'); // its own store: no pair
    expect(cov.pairHits.size).toBe(0);
    cov.enter(1, 'list_lru_count_one');
    cov.read(1, 100, 'READ_ONCE(@->nr_items)');
    cov.read(1, 101, 'READ_ONCE(@->nr_items)'); // a word nobody stored to: no pair
    cov.write(-1, 102, 'setup'); // setup is no actor: neither a site nor a writer
    cov.read(1, 102, 'READ_ONCE(@->nr_items)');
    expect(cov.pairs()).toEqual([['list_lru_add [@->nr_items++]', 'list_lru_count_one [READ_ONCE(@->nr_items)]', 1]]);
  });

  it('a lone actor makes no pair; two producers on one list do', () => {
    const one = new CoverageMap();
    runScenario(fns, ONE_PRODUCER, randomChooser(2), { coverage: one });
    expect(one.pairs().filter(([w, r]) => w.startsWith('list_lru_add') && r.startsWith('list_lru_add'))).toEqual([]);
    const two = new CoverageMap();
    const both = { ...ONE_PRODUCER, producers: [ONE_PRODUCER.producers[0], ONE_PRODUCER.producers[0]] };
    for (let seed = 1; seed <= 20; seed++) runScenario(fns, both, randomChooser(seed), { coverage: two });
    expect(two.pairs().some(([w, r]) => w.startsWith('list_lru_add') && r.startsWith('list_lru_add'))).toBe(true);
  });

  it('counting changes nothing about the run', () => {
    const plain = runScenario(fns, DEFAULT_SCENARIO, randomChooser(7, 2), { trace: true });
    const counted = runScenario(fns, DEFAULT_SCENARIO, explicitChooser(plain.schedule), { trace: true, coverage: new CoverageMap() });
    expect(JSON.stringify(counted.trace)).toBe(JSON.stringify(plain.trace));
    expect(counted.schedule).toEqual(plain.schedule);
  });
});
