/** The bench's scaling plot: one series per design, one point per measurement, hollow when extrapolated. */
import { describe, expect, it } from 'vitest';
import { extrapolate, measureGrid } from '../../src/bench/scaling.js';
import { scalingSvg } from '../../src/report/scaling-plot.js';

describe('scaling plot', () => {
  it('draws every point of every series, measured filled and extrapolated hollow', () => {
    const grid = { memcgs: [1, 2], shrinkers: [8, 20, 40], charged: [0, 0.5] };
    const legacy = measureGrid('legacy', false, grid);
    const lockless = measureGrid('lockless', false, grid);
    const far = [extrapolate(legacy, { memcgs: 50, shrinkers: 50, pairs: 500 }), extrapolate(lockless, { memcgs: 50, shrinkers: 50, pairs: 500 })];
    const svg = scalingSvg([...legacy, ...lockless, ...far]);
    expect(svg.startsWith('<svg id="scaling-plot"')).toBe(true);
    expect([...svg.matchAll(/data-series="([^"]+)"/g)].map((m) => m[1])).toEqual(['legacy', 'lockless']);
    expect((svg.match(/<circle /g) ?? []).length).toBe(legacy.length + lockless.length + far.length);
    expect((svg.match(/fill="white"/g) ?? []).length).toBe(far.length);
  });
});
