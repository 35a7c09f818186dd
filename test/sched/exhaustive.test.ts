/**
 * The bounded walker (src/sched/exhaustive.ts) against brute force on hand-made choice trees: actors
 * with fixed numbers of steps, every interleaving enumerated directly and its preemptions counted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walk, walkerChooser, type Follow, type WalkOptions } from '../../src/sched/exhaustive.js';

/** One run of actors with `steps[a]` steps each, scheduled by `follow` as the engine's chooser would be. */
function runActors(steps: readonly number[], follow: Follow): string {
  const left = [...steps];
  const chooser = walkerChooser(steps.length, follow);
  let order = '';
  for (;;) {
    const runnable = left.flatMap((n, a) => (n > 0 ? [a] : []));
    if (runnable.length === 0) return order;
    const a = chooser.pick(runnable, -1, order.length);
    left[a]--;
    order += a;
  }
}

/** Every interleaving, with its preemptions (a switch away from an actor that still had steps). */
function bruteForce(steps: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  const go = (left: number[], order: string, last: number, cost: number): void => {
    if (left.every((n) => n === 0)) return void out.set(order, cost);
    left.forEach((n, a) => {
      if (n === 0) return;
      const next = [...left];
      next[a]--;
      go(next, order + a, a, cost + (last >= 0 && a !== last && left[last] > 0 ? 1 : 0));
    });
  };
  go([...steps], '', -1, 0);
  return out;
}

function walked(steps: readonly number[], o: Omit<WalkOptions, 'maxRuns'> & { maxRuns?: number }) {
  const fresh: string[] = [];
  let reruns = 0;
  const r = walk((follow, isFresh) => {
    const order = runActors(steps, follow);
    if (isFresh) fresh.push(order);
    else reruns++;
  }, { maxRuns: 1_000_000, ...o });
  return { ...r, fresh, reruns };
}

const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);

describe('bounded exhaustive walker', () => {
  it('two actors of a and b steps: unbounded, every one of the C(a+b, a) interleavings once', () => {
    for (const [a, b] of [[1, 1], [2, 3], [4, 4], [6, 2]]) {
      const r = walked([a, b], { preemptions: Infinity });
      expect(r.schedules).toBe(choose(a + b, a));
      expect(new Set(r.fresh).size).toBe(r.schedules);
      expect(r.complete).toBe(true);
    }
  });

  it('K = 0: only the non-preemptive schedules (who starts, then each actor runs to its end)', () => {
    expect(walked([3, 4], { preemptions: 0 }).fresh.sort()).toEqual(['0001111', '1111000']);
    expect(walked([1, 2, 2], { preemptions: 0 }).schedules).toBe(6);
  });

  it('for every bound, exactly the schedules brute force counts within it, deepened or not', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (steps, K, deepen) => {
      const all = bruteForce(steps);
      const within = [...all].filter(([, c]) => c <= K).map(([o]) => o).sort();
      const r = walked(steps, { preemptions: K, deepen });
      expect(r.fresh.sort()).toEqual(within);
      expect(r.schedules).toBe(within.length);
      expect(r.runs).toBe(r.schedules + r.reruns);
      if (!deepen) expect(r.reruns).toBe(0);
      expect(r.complete).toBe(true);
    }), { numRuns: 60, seed: 42 });
  });

  it('deepening from c only runs as new the schedules costing c or more; it says when nothing costs more', () => {
    const all = bruteForce([2, 3]);
    const r = walked([2, 3], { preemptions: 1, from: 1, deepen: true });
    expect(r.fresh.sort()).toEqual([...all].filter(([, c]) => c === 1).map(([o]) => o).sort());
    expect(walked([1, 1], { preemptions: 5, from: 2, deepen: true }).saturated).toBe(true); // 2 steps: at most 1 preemption
  });

  it('the run budget ends the walk: not complete, and the bound reached so far is said', () => {
    const r = walked([3, 3, 3], { preemptions: 2, deepen: true, maxRuns: 20 });
    expect([...bruteForce([3, 3, 3]).values()].filter((c) => c === 1).length).toBeGreaterThan(14);
    expect(r.runs).toBe(20);
    expect(r.complete).toBe(false);
    expect(r.doneUpTo).toBe(0); // the 6 non-preemptive schedules, then the budget ran out among those with 1
    expect(walked([3, 3], { preemptions: 2, stop: () => true }).runs).toBe(0);
  });

  it('a run returning false ends the walk', () => {
    let n = 0;
    const r = walk((follow) => (runActors([2, 2], follow), ++n < 3), { preemptions: Infinity, maxRuns: 100 });
    expect(r).toMatchObject({ runs: 3, complete: false });
  });

  it('second-class choices (store-buffer flushes) count as preemptions, or against their own bound', () => {
    // one actor of 3 steps beside a "flush" (id 1 >= actors = 1) that is always available until taken once
    const run = (follow: Follow): string => {
      const chooser = walkerChooser(1, follow);
      let order = '';
      let steps = 3, flushed = false;
      while (steps > 0 || !flushed) {
        const runnable = [...(steps > 0 ? [0] : []), ...(flushed ? [] : [1])];
        const a = chooser.pick(runnable, -1, order.length);
        if (a === 0) steps--;
        else flushed = true;
        order += a;
      }
      return order;
    };
    const orders = (o: Partial<WalkOptions>): string[] => {
      const out: string[] = [];
      walk((f) => void out.push(run(f)), { preemptions: 0, maxRuns: 100, ...o });
      return out.sort();
    };
    // held back until the actor ends, or taken first (the first choice is free: no actor ran yet)
    expect(orders({ preemptions: 0 })).toEqual(['0001', '1000']);
    expect(orders({ preemptions: 1 })).toEqual(['0001', '0010', '0100', '1000']);
    expect(orders({ preemptions: 0, flushes: 1 })).toEqual(['0001', '0010', '0100', '1000']);
    expect(orders({ preemptions: 5, flushes: 0 })).toEqual(['0001', '1000']);
  });

  it('a run that does not replay its prefix is a harness error, not a silent miss', () => {
    let n = 0;
    expect(() => walk((follow) => void runActors(n++ === 0 ? [2, 2] : [1, 1], follow), { preemptions: Infinity, maxRuns: 100 })).toThrow(/not deterministic/);
  });
});
