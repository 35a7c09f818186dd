import { describe, expect, it } from 'vitest';
import { kalloc, kfree } from '../../src/model/arena.js';
import { T_UNIT, UNIT_MAP } from '../../src/model/layout.js';
import { testKernel } from '../helpers/kernel.js';
import { clear_bit, find_next_bit, set_bit, test_bit } from '../../src/sync/access.js';
import { runAlone } from '../../src/actors/setup.js';
import { Violation } from '../../src/model/violation.js';


describe('bitops', () => {
  it('set, clear, test and for_each_set_bit agree on one map word', () => {
    const k = testKernel();
    const u = kalloc(k, T_UNIT);
    for (const b of [0, 3, 7, 31]) runAlone(set_bit(k, b, u, UNIT_MAP, 'set_bit'));
    runAlone(clear_bit(k, 3, u, UNIT_MAP, 'clear_bit'));
    expect([0, 3, 7, 31].map((b) => runAlone(test_bit(k, b, u, UNIT_MAP, 'test_bit')))).toEqual([true, false, true, true]);
    const seen: number[] = [];
    for (let b = runAlone(find_next_bit(k, u, UNIT_MAP, 32, 0, 'f')); b < 32; b = runAlone(find_next_bit(k, u, UNIT_MAP, 32, b + 1, 'f'))) seen.push(b);
    expect(seen).toEqual([0, 7, 31]);
    expect(runAlone(find_next_bit(k, u, UNIT_MAP, 8, 1, 'f'))).toBe(7);
    expect(runAlone(find_next_bit(k, u, UNIT_MAP, 7, 1, 'f'))).toBe(7); // none below size: returns size
  });

  it('every access is a scheduling point that happens when resumed, and is checked then', () => {
    const k = testKernel();
    const u = kalloc(k, T_UNIT);
    const g = set_bit(k, 1, u, UNIT_MAP, 'set_bit');
    expect(g.next().done).toBe(false); // yielded before touching memory
    kfree(k, u, 'kfree'); // freed while the actor was preempted
    expect(() => g.next()).toThrow(Violation);
  });
});
