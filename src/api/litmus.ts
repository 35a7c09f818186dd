/**
 * litmus: every shape of the suite explored exhaustively under `--memory weak` (and, for comparison,
 * under sc). A shape conforms when the weak mode reaches its `exists` clause exactly when the Linux
 * kernel memory model allows it, except where the mode is documented as stronger (it then must not
 * reach it); a forbidden outcome reached is always a failure.
 */
import { explore } from '../engine/litmus/explore.js';
import { SHAPES, type Shape } from '../engine/litmus/shapes.js';

export interface LitmusRow {
  name: string;
  lkmm: Shape['lkmm'];
  weak: 'allowed' | 'forbidden';
  sc: 'allowed' | 'forbidden';
  /** what the weak mode is expected to give */
  expected: 'allowed' | 'forbidden';
  stronger: string | null;
  paths: number;
  ok: boolean;
}

export interface LitmusResult {
  ok: boolean;
  rows: LitmusRow[];
  elapsedMs: number;
}

export function litmus(filter?: (name: string) => boolean, onRow?: (r: LitmusRow) => void): LitmusResult {
  const t0 = performance.now();
  const rows = SHAPES.filter((s) => !filter || filter(s.name)).map((s) => {
    const w = explore(s, 'weak');
    const c = explore(s, 'sc');
    const weak = w.existsReachable ? 'allowed' as const : 'forbidden' as const;
    const expected = s.stronger ? 'forbidden' as const : s.lkmm;
    const row: LitmusRow = {
      name: s.name, lkmm: s.lkmm, weak, sc: c.existsReachable ? 'allowed' : 'forbidden', expected, stronger: s.stronger ?? null,
      paths: w.paths, ok: !w.truncated && weak === expected && !(s.lkmm === 'forbidden' && weak === 'allowed'),
    };
    onRow?.(row);
    return row;
  });
  return { ok: rows.every((r) => r.ok), rows, elapsedMs: performance.now() - t0 };
}
