/**
 * The boot cache (src/engine/boot-cache.ts): a run that starts from a remembered boot is the run a
 * fresh boot gives, step for step (same schedule, steps, verdict, statistics, trace), for every
 * design and workload; the remembered words are exactly what setup() writes; a scenario object run
 * only once is not looked up (a search's generated scenarios rarely come back).
 */
import { describe, expect, it } from 'vitest';
import { kernelFor, setup } from '../../src/engine/boot.js';
import { bootedCopy, bootKey, bootKeyFor } from '../../src/engine/boot-cache.js';
import { runScenario, type RunOptions } from '../../src/engine/run.js';
import type { ModelFns } from '../../src/model/kernel.js';
import { DEFAULT_SCENARIO, type Scenario } from '../../src/model/scenario.js';
import { randomChooser } from '../../src/sched/random.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';

const SCENARIOS: [string, Scenario][] = [
  ['default', DEFAULT_SCENARIO],
  ['nokmem, NONSLAB', { ...DEFAULT_SCENARIO, nokmem: 1, nonslabMask: 1 }],
  ['lifecycle, failures', { ...DEFAULT_SCENARIO, failMask: 0b1010, lifecycles: [[{ a: 1, b: 0, c: 0 }, { a: 2, b: 0, c: 0 }, { a: 0, b: 1, c: 0 }]] }],
];

/** a run with a copy of the functions: another object, so never from the cache */
const fresh = (fns: ModelFns, s: Scenario, seed: number, o: RunOptions = {}) => runScenario({ ...fns }, s, randomChooser(seed, 1), o);

describe('boot cache', () => {
  it.each(['lockless', 'mainline', 'rwsem', 'legacy', 'no-recheck'])('%s: a run from the remembered boot is the freshly booted run', (name) => {
    const fns = resolveFns(findVariant(name)!);
    for (const [, s] of SCENARIOS) {
      for (let seed = 1; seed <= 20; seed++) {
        const o: RunOptions = { trace: seed % 5 === 0, memory: seed % 2 ? 'sc' : 'weak' };
        const a = runScenario(fns, s, randomChooser(seed, 1), o); // boots (the first time) and remembers
        const b = runScenario(fns, s, randomChooser(seed, 1), o); // from the cache
        const c = fresh(fns, s, seed, o);
        for (const r of [b, c]) {
          expect(r.schedule).toEqual(a.schedule);
          expect(r.steps).toBe(a.steps);
          expect(r.violation?.message ?? null).toBe(a.violation?.message ?? null);
          expect(r.error?.message ?? null).toBe(a.error?.message ?? null);
          expect(r.stats).toEqual(a.stats);
          expect(r.trace?.map((t) => t.text) ?? null).toEqual(a.trace?.map((t) => t.text) ?? null);
        }
      }
    }
  });

  it('remembers exactly the words setup() writes', () => {
    const fns = resolveFns(findVariant('lockless')!);
    for (const [, s] of SCENARIOS) {
      runScenario(fns, s, randomChooser(1));
      runScenario(fns, s, randomChooser(1)); // a boot is remembered the second time its key comes
      const k = kernelFor(fns, s);
      setup(k, s);
      const copy = bootedCopy(fns, bootKey(s))!;
      expect(copy).not.toBeNull();
      expect(copy.L).toEqual(k.L);
      expect(Array.from(copy.mem)).toEqual(Array.from(k.mem));
    }
  });

  it('looks a scenario object up from its second run on; a new object with the same content finds the same boot', () => {
    const fns = { ...resolveFns(findVariant('lockless')!) };
    const s = { ...DEFAULT_SCENARIO, memcgs: 3 };
    runScenario(fns, s, randomChooser(1));
    expect(bootedCopy(fns, bootKey(s))).toBeNull(); // run once: not remembered
    runScenario(fns, s, randomChooser(2));
    expect(bootedCopy(fns, bootKey(s))).not.toBeNull();
    const same = { ...s }; // content equal: its second run starts from the same boot
    expect(bootKeyFor(same)).toBeNull();
    expect(bootKeyFor(same)).toBe(bootKey(s));
  });

  it('tells scenarios apart by every field boot reads', () => {
    const keys = new Set([DEFAULT_SCENARIO, ...(['nodes', 'memcgs', 'unitBits', 'shrinkers', 'numaMask', 'globalMask', 'nonslabMask', 'nokmem', 'failMask'] as const)
      .map((f) => ({ ...DEFAULT_SCENARIO, [f]: DEFAULT_SCENARIO[f] + 1 }))].map((s) => bootKey(s)));
    expect(keys.size).toBe(10);
    expect(bootKey(DEFAULT_SCENARIO, { shrinkersFirst: true })).not.toBe(bootKey(DEFAULT_SCENARIO));
  });
});
