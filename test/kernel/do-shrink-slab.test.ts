/**
 * do_shrink_slab() computes with the kernel's C types (src/kernel/shrinker-reclaim.ts, reference
 * mm-shrinker.c lines 371-466; src/kernel/ctypes.ts). In the reference, total_scan and freeable are
 * `long` (lines 376-377), batch_size, nr, scanned and next_deferred too, freed and ret `unsigned long`,
 * delta `unsigned long long`. So the loop (lines 430-431) compares signed: a negative nr_deferred or a
 * callback that reports a little more scanned than it was asked ends the loop with a negative
 * total_scan, where an unsigned total_scan would have wrapped to a huge request. A negative long turns
 * into a huge unsigned request where the code converts it: nr_to_scan (line 433) from a negative
 * batch_size, or total_scan -= nr_scanned (line 443) of a callback that reports ~0UL.
 *
 * The shrinker's callbacks here are stubs (a variant's count_objects/scan_objects overrides) that
 * keep invariant 10's bookkeeping as the item cache does (noteCounted, checkScanRequest).
 */
import { describe, expect, it } from 'vitest';
import { kalloc, at } from '../../src/model/arena.js';
import { computeLayout, G_RCU_GP, SH_BATCH, SH_NR_DEFERRED, SH_SEEKS, T_SHRINKER } from '../../src/model/layout.js';
import { DEFAULT_SEEKS, makeKernel, SHRINK_EMPTY, SHRINK_STOP, type Kernel, type ModelFns, type ShrinkControl } from '../../src/model/kernel.js';
import { Violation } from '../../src/model/violation.js';
import { locklessFns } from '../../src/kernel/index.js';
import { checkOverscan, checkScanRequest, noteCounted } from '../../src/invariants/overscan.js';
import { check } from '../../src/search/check.js';
import { loadVariant } from '../../src/variants/load.js';
import { runAlone } from '../../src/actors/setup.js';

interface Case {
  /** what count_objects returns (the model's number for an unsigned long) */
  count: number;
  /** shrinker->nr_deferred[0] before the call, set directly in memory */
  nr_deferred?: number;
  /** shrinker->batch (0: SHRINK_BATCH) */
  batch?: number;
  seeks?: number;
  priority?: number;
  /** what the scan callback leaves in sc->nr_scanned, given what it was asked (default: as asked) */
  report?: (nr_to_scan: number) => number;
  /** scan calls after which the callback returns SHRINK_STOP (a guard for loops that would not end) */
  stopAfter?: number;
  /** the scan callback checks invariant 10 (default true) */
  invariant?: boolean;
}

interface Outcome {
  k: Kernel;
  /** sc->nr_to_scan of every scan_objects call */
  requests: number[];
  freed: number;
  /** nr_deferred[0] after the call */
  deferred: number;
}

function shrink(c: Case): Outcome {
  const requests: number[] = [];
  const fns: ModelFns = {
    ...locklessFns,
    *count_objects(_k, _shrinker, sc) {
      noteCounted(sc, c.count);
      return c.count;
    },
    *scan_objects(k, shrinker, sc) {
      yield;
      if (requests.length >= (c.stopAfter ?? 100)) return SHRINK_STOP;
      requests.push(sc.nr_to_scan);
      if (c.invariant ?? true) checkScanRequest(k, shrinker, sc); // invariant 10, as kernel/item-cache.ts's scan callback does
      if (c.report) sc.nr_scanned = c.report(sc.nr_to_scan);
      return 1;
    },
  };
  const L = computeLayout({ nodes: 1, memcgs: 2, shrinkers: 4, unitBits: 8, actors: 2 });
  const k = makeKernel(new Int32Array(new SharedArrayBuffer(L.words * 4)), L, fns, ['a', 'b']);
  k.actor = 0;
  k.mem[G_RCU_GP] = 1;
  const shrinker = kalloc(k, T_SHRINKER); // flags 0: not memcg- nor NUMA-aware, nr_deferred[0] is the shrinker's own
  k.mem[at(k, shrinker, SH_SEEKS, 't')] = c.seeks ?? DEFAULT_SEEKS;
  k.mem[at(k, shrinker, SH_BATCH, 't')] = c.batch ?? 0;
  k.mem[at(k, shrinker, SH_NR_DEFERRED, 't')] = c.nr_deferred ?? 0;
  const sc: ShrinkControl = { nid: 0, memcg: 0, nr_to_scan: 0, nr_scanned: 0 };
  const freed = runAlone(k.fn.do_shrink_slab(k, sc, shrinker, c.priority ?? 0));
  return { k, requests, freed, deferred: k.mem[at(k, shrinker, SH_NR_DEFERRED, 't')] };
}

const overscan = (f: () => unknown): Violation => {
  try {
    f();
  } catch (e) {
    if (e instanceof Violation) return e;
    throw e;
  }
  throw new Error('no violation');
};

describe('do_shrink_slab(): the usual arithmetic', () => {
  it('scans delta = (freeable >> priority) * 4 / seeks, capped at 2 x freeable, and defers nothing when it is done', () => {
    // freeable 10, priority 0, seeks 2: delta 20, total_scan min(0 + 20, 20) = 20 < batch, but >= freeable
    expect(shrink({ count: 10 })).toMatchObject({ requests: [20], freed: 1, deferred: 0 });
    // freeable 300: delta 600, total_scan 600: batches of 128, then 88 (>= freeable? no: 88 < 300 and < 128): stops
    const big = shrink({ count: 300 });
    expect(big.requests).toEqual([128, 128, 128, 128]);
    expect(big.deferred).toBe(600 - 512); // next_deferred = nr + delta - scanned = 88, under 2 x freeable
  });

  it('returns count_objects\' SHRINK_EMPTY and 0 as they are, without touching nr_deferred', () => {
    expect(shrink({ count: SHRINK_EMPTY, nr_deferred: 7 })).toMatchObject({ requests: [], freed: SHRINK_EMPTY, deferred: 7 });
    expect(shrink({ count: 0, nr_deferred: 7 })).toMatchObject({ requests: [], freed: 0, deferred: 7 });
  });

  it('stops at SHRINK_STOP (ret == ~0UL) and defers the rest', () => {
    expect(shrink({ count: 300, stopAfter: 1 })).toMatchObject({ requests: [128], freed: 1, deferred: 600 - 128 });
  });
});

describe('do_shrink_slab(): a negative nr_deferred (set directly in memory)', () => {
  it('gives a negative long total_scan: min() with 2 x freeable keeps it, the signed loop does not run', () => {
    // total_scan = -1000 + 20 = -980 (long, line 376); min(-980, 20) = -980; -980 >= 128 and >= 10 are false.
    // (Were total_scan unsigned long, it would be 2^64 - 980, capped at 20 by min().) No scan, no huge request.
    const o = shrink({ count: 10, nr_deferred: -1000 });
    expect(o.requests).toEqual([]);
    expect(o.freed).toBe(0);
    expect(o.deferred).toBe(0); // next_deferred = max_t(long, -1000 + 20 - 0, 0) = 0
  });

  it('scans what is left when delta outweighs it, within 2 x freeable', () => {
    // total_scan = -5 + 20 = 15 >= freeable 10: one request of 15; next_deferred = max(-5 + 20 - 15, 0) = 0
    expect(shrink({ count: 10, nr_deferred: -5 })).toMatchObject({ requests: [15], deferred: 0 });
  });

  it('shifts arithmetically under priority: -1000 >> 2 is -250', () => {
    // delta = (10 >> 2) * 4 / 2 = 4; total_scan = -250 + 4 = -246: no scan; next_deferred = max(-1000 + 4, 0) = 0
    expect(shrink({ count: 10, nr_deferred: -1000, priority: 2 })).toMatchObject({ requests: [], deferred: 0 });
  });
});

describe('do_shrink_slab(): a scan callback that reports more scanned than asked', () => {
  it('a little more: total_scan -= nr_scanned goes negative as a long and the loop ends (no overscan)', () => {
    // freeable 200: delta 400, total_scan 400; asked 128, reports 500: 400 - 500 = 2^64 - 100 as unsigned,
    // stored back in long total_scan: -100; -100 >= 128 and -100 >= 200 are false
    const o = shrink({ count: 200, report: (n) => n + 372 });
    expect(o.requests).toEqual([128]);
    expect(o.deferred).toBe(0); // max_t(long, 0 + 400 - 500, 0)
  });

  it('~0UL (the model\'s -1): total_scan wraps to total_scan + 1, the loop goes on, and invariant 10 reports the overscan', () => {
    // freeable 3: delta 6, total_scan 6; each pass asks for total_scan and total_scan - ~0UL = total_scan + 1
    const v = overscan(() => shrink({ count: 3, report: () => -1 }));
    expect(v.invariant).toBe('overscan');
    expect(v.message).toMatch(/asked shrinker#\d+ to scan 13 objects in all after it counted 3 \(at most 2 x freeable = 6\)/);
  });

  it('unchecked, the requests keep growing (6, 7, 8, 9) until the callback says SHRINK_STOP', () => {
    const o = shrink({ count: 3, report: () => -1, stopAfter: 4, invariant: false });
    expect(o.requests).toEqual([6, 7, 8, 9]);
    // scanned = 4 x ~0UL = -4 as a long: next_deferred = max_t(long, 0 + 6 - -4, 0) = 10, capped at 2 x freeable = 6
    expect(o.deferred).toBe(6);
  });
});

describe('do_shrink_slab(): where a negative long becomes a huge unsigned long', () => {
  it('a negative shrinker->batch: nr_to_scan = min(batch_size, total_scan) = -1 is 2^64 - 1, which invariant 10 reports', () => {
    const v = overscan(() => shrink({ count: 10, batch: -1 }));
    expect(v.invariant).toBe('overscan');
    expect(v.message).toContain(`to scan ${2 ** 64} objects in all after it counted 10`);
  });

  it('a count of ~0UL - 2 (a long of -3) makes next_deferred 2 x freeable = -6: a negative nr_deferred at quiescence', () => {
    // delta = (u64)(-3) * 4 / 2 = 2^63 - 6; total_scan = min(2^63 - 6, -6) = -6: no scan;
    // next_deferred = max_t(long, 2^63 - 6, 0) = 2^63 - 6, then min(.., 2 * freeable = -6) = -6
    const o = shrink({ count: -3 });
    expect(o.requests).toEqual([]);
    expect(o.deferred).toBe(-6);
    const v = overscan(() => checkOverscan(o.k));
    expect(v.message).toMatch(/nr_deferred\[0\] is -6 at quiescence/);
  });
});

describe('a variant whose scan_objects reports ~0UL scanned', () => {
  it('makes do_shrink_slab() loop past 2 x freeable: invariant 10 (overscan)', async () => {
    const { variant } = await loadVariant('test/fixtures/scan-reports-all.ts');
    const r = check({ variant, runs: 20_000, seed: 1, strategy: 'random', all: true, until: 'overscan' });
    expect(r.failure?.invariant).toBe('overscan');
    expect(r.failure!.message).toMatch(/asked shrinker#\d+ to scan \d+ objects in all after it counted \d+/);
  }, 120_000);
});
