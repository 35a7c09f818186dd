/**
 * The C integer types of a 64-bit kernel (LP64: long and unsigned long are 64 bits, so is
 * unsigned long long), as do_shrink_slab() and the nr_deferred helpers compute with them
 * (src/kernel/reference/mm-shrinker.c lines 252-283, 336-367, 371-466).
 *
 * Values are BigInt: exact over the whole 64-bit range, so a negative long converted to unsigned long
 * is 2^64 + x, a huge count, exactly as in C. What is modeled:
 *   - conversions: to a signed type modulo 2^64 (what GCC defines for an out-of-range value), to an
 *     unsigned type modulo 2^64 (what C defines);
 *   - + - * wrap modulo 2^64, the signed ones too: the kernel builds with -fno-strict-overflow;
 *   - `>>` of a negative long is arithmetic (GCC's choice); `/` truncates toward zero (C99);
 *   - do_div(n, base) divides a 64-bit unsigned n by base converted to uint32_t
 *     (include/asm-generic/div64.h);
 *   - comparisons and min()/max() compare as the C types do: the caller converts first (a long compared
 *     with an unsigned long is converted to unsigned: the usual arithmetic conversions).
 *
 * Where a value crosses into the rest of the model it is a JS number:
 *   - count_objects(), scan_objects() and do_shrink_slab() return an unsigned long; the model's number
 *     is its signed view (SHRINK_EMPTY = ~0UL - 1 is -2, SHRINK_STOP = ~0UL is -1: src/model/kernel.ts),
 *     so `fromModel()` reads it back by the two's complement and `toModelRet()` gives that view;
 *   - shrink_control's nr_to_scan and nr_scanned (unsigned long) are plain counts for the callbacks and
 *     for invariant 10 (src/invariants/overscan.ts): `toModelCount()` gives the unsigned value, exact
 *     below 2^53 and, above, the nearest double (2^64 - 1 is 1.8446744073709552e19: still a huge request);
 *   - nr_deferred (atomic_long_t) is stored in one 32-bit word of the shared buffer (src/model/layout.ts):
 *     values beyond -2^31..2^31-1 are not reachable in a scenario (counts are a few dozen objects, the
 *     deferred work at most 2 x freeable), so the sign, the conversions and the caps are what is modeled,
 *     not a wrap at 2^63; `nrDeferredWord()` refuses (a harness error) a value the word cannot hold
 *     rather than let it wrap at 2^32, which C would not.
 */

/** 2^64 */
const TWO64 = 1n << 64n;
/** ULONG_MAX (~0UL) */
export const ULONG_MAX = TWO64 - 1n;
export const LONG_MAX = (1n << 63n) - 1n;
export const LONG_MIN = -(1n << 63n);

/** (long)x: x modulo 2^64 in -2^63..2^63-1. */
export function long(x: bigint): bigint {
  return BigInt.asIntN(64, x);
}

/** (unsigned long)x, also (unsigned long long)x: x modulo 2^64 in 0..2^64-1 (a negative long is 2^64 + x). */
export function ulong(x: bigint): bigint {
  return BigInt.asUintN(64, x);
}

/** x >> n for a long x: arithmetic, as GCC shifts a negative signed value. */
export function long_shr(x: bigint, n: number): bigint {
  return long(x) >> BigInt(n);
}

/** x / y for longs: truncates toward zero (C99 6.5.5), as BigInt division does. */
export function long_div(x: bigint, y: bigint): bigint {
  return long(long(x) / long(y));
}

/** do_div(n, base): the unsigned 64-bit quotient n / (uint32_t)base (the remainder is not needed here). */
export function do_div(n: bigint, base: number): bigint {
  return ulong(n) / BigInt(base >>> 0);
}

/** min(x, y) and max(x, y) of two values of one C type (the kernel's min()/max() refuse mixed signedness). */
export function cmin(x: bigint, y: bigint): bigint {
  return x < y ? x : y;
}
export function cmax(x: bigint, y: bigint): bigint {
  return x > y ? x : y;
}

/** A C integer the model holds as a number (a count, a field word, a callback's return) as a BigInt. */
export function fromModel(x: number): bigint {
  return BigInt(x);
}

/** An unsigned long return value for the model: its signed view, so SHRINK_EMPTY is -2 and SHRINK_STOP -1. */
export function toModelRet(x: bigint): number {
  return Number(long(x));
}

/** An unsigned long count for shrink_control: its value (exact below 2^53, else the nearest double). */
export function toModelCount(x: bigint): number {
  return Number(ulong(x));
}

/**
 * A long to be stored in (or read back from) a 32-bit nr_deferred word. Values beyond the word are not
 * reachable in a scenario (see the header); one that gets there is a harness error, never a silent
 * wrap at 2^32.
 */
export function nrDeferredWord(x: bigint | number, what: string): number {
  const v = typeof x === 'bigint' ? Number(long(x)) : x;
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) {
    throw new Error(`${what}: nr_deferred value ${x} does not fit the model's 32-bit atomic_long_t word (not modeled: counts stay small)`);
  }
  return v;
}
