/**
 * The C integer conversions of a 64-bit kernel (src/kernel/ctypes.ts) that do_shrink_slab() computes
 * with (src/kernel/reference/mm-shrinker.c lines 371-466).
 */
import { describe, expect, it } from 'vitest';
import { LONG_MAX, LONG_MIN, ULONG_MAX, cmax, cmin, do_div, fromModel, long, long_div, long_shr, nrDeferredWord, toModelCount, toModelRet, ulong } from '../../src/kernel/ctypes.js';
import { SHRINK_EMPTY, SHRINK_STOP } from '../../src/model/kernel.js';

const TWO64 = 2n ** 64n;

describe('conversions', () => {
  it('a negative long converted to unsigned long is 2^64 + x, and back', () => {
    expect(ulong(-5n)).toBe(TWO64 - 5n);
    expect(ulong(-1n)).toBe(ULONG_MAX);
    expect(long(TWO64 - 5n)).toBe(-5n);
    expect(long(ULONG_MAX)).toBe(-1n);
    expect(ulong(7n)).toBe(7n);
    expect(long(7n)).toBe(7n);
  });

  it('wrap at the ends of long and unsigned long (the kernel builds with -fno-strict-overflow)', () => {
    expect(long(LONG_MAX + 1n)).toBe(LONG_MIN);
    expect(long(2n * LONG_MAX)).toBe(-2n);
    expect(ulong(ULONG_MAX + 1n)).toBe(0n);
    expect(ulong(ULONG_MAX * 4n)).toBe(TWO64 - 4n);
  });

  it('min with 2 * freeable caps a negative long only once it is unsigned', () => {
    const freeable = 10n;
    const total_scan = long(-980n);
    expect(cmin(total_scan, long(2n * freeable))).toBe(-980n); // long total_scan (the reference, line 376)
    expect(cmin(ulong(total_scan), ulong(2n * freeable))).toBe(20n); // an unsigned total_scan would be capped
    expect(cmax(long(-980n), 0n)).toBe(0n); // max_t(long, .., 0)
  });

  it('total_scan -= nr_scanned wraps when a callback reports more scanned than total_scan', () => {
    const total_scan = 100n;
    const nr_scanned = 500n;
    expect(ulong(total_scan - nr_scanned)).toBe(TWO64 - 400n); // as unsigned long: a huge count
    expect(long(total_scan - nr_scanned)).toBe(-400n); // stored back in long total_scan (line 443)
    expect(long(total_scan - ULONG_MAX)).toBe(101n); // nr_scanned = ~0UL: total_scan grows by one
  });

  it('>> of a negative long is arithmetic, / truncates toward zero', () => {
    expect(long_shr(-1000n, 2)).toBe(-250n);
    expect(long_shr(-1n, 12)).toBe(-1n);
    expect(long_shr(40n, 3)).toBe(5n);
    expect(long_div(-5n, 2n)).toBe(-2n); // C: -2; Math.floor(-5 / 2) is -3
    expect(long_div(5n, 2n)).toBe(2n);
  });

  it('do_div divides an unsigned 64-bit value by a uint32_t', () => {
    expect(do_div(80n, 2)).toBe(40n);
    expect(do_div(ulong(ulong(-3n) * 4n), 2)).toBe(2n ** 63n - 6n); // delta of a count of ~0UL - 2, seeks 2
    expect(do_div(TWO64 - 1n, -1)).toBe((TWO64 - 1n) / 0xffffffffn); // a negative int seeks is a huge uint32_t
  });
});

describe('between the model and C', () => {
  it('the model holds unsigned long returns as their signed view: SHRINK_EMPTY is ~0UL - 1, SHRINK_STOP ~0UL', () => {
    expect(ulong(fromModel(SHRINK_EMPTY))).toBe(ULONG_MAX - 1n);
    expect(ulong(fromModel(SHRINK_STOP))).toBe(ULONG_MAX);
    expect(toModelRet(ULONG_MAX - 1n)).toBe(SHRINK_EMPTY);
    expect(toModelRet(ULONG_MAX)).toBe(SHRINK_STOP);
    expect(toModelRet(42n)).toBe(42);
  });

  it('shrink_control counts are unsigned: a huge request stays huge (the nearest double above 2^53)', () => {
    expect(toModelCount(ulong(-1n))).toBe(2 ** 64);
    expect(toModelCount(ulong(-1n))).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(toModelCount(128n)).toBe(128);
  });

  it('an nr_deferred value must fit the 32-bit word: refused, never wrapped at 2^32', () => {
    expect(nrDeferredWord(-(2 ** 31), 't')).toBe(-(2 ** 31));
    expect(nrDeferredWord(2 ** 31 - 1, 't')).toBe(2 ** 31 - 1);
    expect(nrDeferredWord(-6n, 't')).toBe(-6);
    expect(() => nrDeferredWord(2 ** 31, 't')).toThrow(/does not fit the model's 32-bit atomic_long_t word/);
    expect(() => nrDeferredWord(LONG_MAX, 't')).toThrow(/does not fit/);
  });
});
