/**
 * The scaling harness (bench 5c) on small sizes: the counts it reads come from the real variants
 * (legacy calls do_shrink_slab once per memcg-aware shrinker per memcg; the bitmap designs once per
 * charged pair), costs grow with size, the least-squares fit recovers known coefficients, and the
 * fit's prediction of a measured point it did not see is close.
 */
import { describe, expect, it } from 'vitest';
import { leastSquares, predict } from '../../src/bench/least-squares.js';
import { extrapolate, fitReport, measureGrid, measurePass } from '../../src/bench/scaling.js';

describe('scaling harness', () => {
  it('legacy walks every shrinker for every memcg; lockless calls only charged pairs', () => {
    for (const [M, S, T] of [[2, 9, 5], [3, 17, 11]]) {
      expect(measurePass('legacy', false, M, S, T).doShrinkSlab).toBe(M * S);
      const l = measurePass('lockless', false, M, S, T);
      expect(l.doShrinkSlab).toBe(T);
      expect(l.visits).toBe(T);
    }
  });

  it('costs grow with shrinkers for legacy and with charged pairs for lockless', () => {
    expect(measurePass('legacy', false, 2, 30, 4).steps).toBeGreaterThan(measurePass('legacy', false, 2, 10, 4).steps);
    expect(measurePass('lockless', false, 2, 30, 20).steps).toBeGreaterThan(measurePass('lockless', false, 2, 30, 4).steps);
  });

  it('nokmem-skip under nokmem visits bits that lockless never sets', () => {
    const skip = measurePass('nokmem-skip', true, 3, 70, 0);
    const ref = measurePass('lockless', true, 3, 70, 0);
    expect(skip.visits).toBeGreaterThan(0);
    expect(ref.visits).toBe(0);
    expect(skip.steps).toBeGreaterThan(ref.steps);
  });

  it('least squares recovers the coefficients of exact data, and a zero column gets 0', () => {
    const beta = [3, 0.5, 7, 0];
    const X = Array.from({ length: 12 }, (_, i) => [i + 1, (i % 5) * 3 + 1, (i * 7) % 4, 0]);
    const got = leastSquares(X, X.map((x) => predict(beta, x)));
    got.forEach((b, j) => expect(b).toBeCloseTo(beta[j], 6));
  });

  it('the fit of measured lockless passes predicts a held-out point and extrapolates the calls', () => {
    const pts = measureGrid('lockless', false, { memcgs: [1, 2, 3], shrinkers: [8, 20, 40], charged: [0, 0.25] });
    const f = fitReport(pts);
    expect(f.heldOut.relError).toBeLessThan(0.15);
    const big = extrapolate(pts, { memcgs: 100, shrinkers: 100, pairs: 1000 });
    expect(big.source).toBe('extrapolated');
    expect(big.doShrinkSlab).toBe(1000);
  });
});
