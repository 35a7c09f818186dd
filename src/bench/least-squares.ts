/**
 * Ordinary least squares for the bench's scaling fits: solve (XᵀX)β = Xᵀy by Gaussian elimination
 * with partial pivoting. A regressor that is zero in every row (T under nokmem, say) gets β = 0.
 */
export function leastSquares(X: readonly (readonly number[])[], y: readonly number[]): number[] {
  const p = X[0]?.length ?? 0;
  const used = Array.from({ length: p }, (_, j) => X.some((r) => r[j] !== 0));
  const cols = used.flatMap((u, j) => (u ? [j] : []));
  const q = cols.length;
  const A = cols.map((i) => [...cols.map((j) => X.reduce((s, r) => s + r[i] * r[j], 0)), X.reduce((s, r, n) => s + r[i] * y[n], 0)]);
  for (let c = 0; c < q; c++) {
    let piv = c;
    for (let r = c + 1; r < q; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    if (Math.abs(A[c][c]) < 1e-12) throw new Error('scaling fit: the measured grid does not determine the model (collinear regressors)');
    for (let r = 0; r < q; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= q; k++) A[r][k] -= f * A[c][k];
    }
  }
  const beta = new Array<number>(p).fill(0);
  cols.forEach((j, c) => (beta[j] = A[c][q] / A[c][c]));
  return beta;
}

export const predict = (beta: readonly number[], x: readonly number[]): number => x.reduce((s, v, j) => s + v * beta[j], 0);
