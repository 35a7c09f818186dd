/** The litmus suite: the weak mode allows exactly what the LKMM allows, except where documented stronger. */
import { describe, expect, it } from 'vitest';
import { litmus } from '../../src/api/litmus.js';
import { SHAPES } from '../../src/engine/litmus/shapes.js';

describe('litmus', () => {
  const r = litmus();
  it('every shape behaves as expected, exhaustively', () => {
    expect(r.rows).toHaveLength(SHAPES.length);
    for (const row of r.rows) expect(row.ok, row.name).toBe(true);
    expect(r.ok).toBe(true);
  });

  it('never allows an outcome the LKMM forbids; allows every LKMM-allowed one it does not document as stronger', () => {
    for (const row of r.rows) {
      if (row.lkmm === 'forbidden') expect(row.weak, row.name).toBe('forbidden');
      if (row.lkmm === 'allowed' && row.stronger === null) expect(row.weak, row.name).toBe('allowed');
    }
    expect(r.rows.filter((x) => x.stronger).map((x) => x.name)).toEqual(['LB+poonceonces', 'Z6.0+pooncerelease+poacquirerelease+fencembonceonce']);
  });

  it('sequential consistency forbids every relaxed outcome, so the weak mode is what makes barriers matter', () => {
    for (const row of r.rows) expect(row.sc, row.name).toBe('forbidden');
    expect(r.rows.filter((x) => x.weak === 'allowed').length).toBeGreaterThanOrEqual(6);
  });
}, 240_000);
