import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChoice, encodeChoice, explicitChooser, trimSchedule } from '../../src/sched/explicit.js';
import { pctChooser } from '../../src/sched/pct.js';
import { randomChooser } from '../../src/sched/random.js';

const runnableArb = fc.uniqueArray(fc.nat({ max: 9 }), { minLength: 1, maxLength: 8 }).map((a) => a.sort((x, y) => x - y));

describe('explicit schedules', () => {
  it('decode(encode(pick)) is the pick, for every runnable set and current actor', () => {
    fc.assert(fc.property(runnableArb, fc.integer({ min: -1, max: 9 }), fc.nat(), (runnable, current, i) => {
      const picked = runnable[i % runnable.length];
      expect(decodeChoice(runnable, current, encodeChoice(runnable, current, picked))).toBe(picked);
    }));
  });

  it('choice 0 continues the current actor, else the lowest runnable', () => {
    expect(decodeChoice([1, 3, 5], 3, 0)).toBe(3);
    expect(decodeChoice([1, 3, 5], 4, 0)).toBe(1);
    expect(decodeChoice([1, 3, 5], 3, 3)).toBe(5);
    expect(explicitChooser([]).pick([2, 4], 4, 99)).toBe(4);
  });

  it('trims trailing zeros only', () => {
    expect(trimSchedule([0, 2, 0, 1, 0, 0])).toEqual([0, 2, 0, 1]);
    expect(trimSchedule([0, 0])).toEqual([]);
  });

  it('strategies only ever pick runnable actors and are deterministic per seed', () => {
    fc.assert(fc.property(fc.array(runnableArb, { minLength: 1, maxLength: 50 }), fc.nat(), fc.nat({ max: 4 }), (steps, seed, k) => {
      for (const make of [() => randomChooser(seed, k), () => pctChooser(10, { seed, depth: 3, horizon: 20 })]) {
        const a = make();
        const b = make();
        let cur = -1;
        steps.forEach((runnable, step) => {
          const p = a.pick(runnable, cur, step);
          expect(runnable).toContain(p);
          expect(b.pick(runnable, cur, step)).toBe(p);
          cur = p;
        });
      }
    }));
  });
});
