import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, TOKEN_PREFIX, TokenError } from '../../src/sched/token.js';
import { scenarioClassArb, SHRINK_LIMITS } from '../../properties/scenario.js';
import { explicitScheduleArb } from '../../properties/schedule.js';

const replayArb = fc.record({
  variant: fc.oneof(fc.constantFrom('lockless', 'no-recheck'), fc.string({ maxLength: 40 })),
  memory: fc.constant('sc' as const),
  scenario: scenarioClassArb(SHRINK_LIMITS),
  schedule: explicitScheduleArb(3000),
});

describe('replay token codec', () => {
  it('round-trips every (variant, scenario, schedule)', () => {
    fc.assert(fc.property(replayArb, (r) => {
      const t = encodeToken(r);
      expect(t.startsWith(TOKEN_PREFIX)).toBe(true);
      expect(t).toMatch(/^[A-Za-z0-9._-]+$/); // safe to paste in a shell
      expect(decodeToken(t)).toEqual(r);
    }), { numRuns: 500 });
  });

  it('stays compact for long schedules', () => {
    const t = encodeToken({ variant: 'lockless', memory: 'sc', scenario: { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0, producers: [[{ a: 0, b: 0, c: 0 }]], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] }, schedule: new Array(2000).fill(0).map((_, i) => (i % 50 === 0 ? 2 : 0)) });
    expect(t.length).toBeLessThan(200);
  });

  it('refuses damaged tokens with a TokenError', () => {
    const good = encodeToken({ variant: 'lockless', memory: 'sc', scenario: { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 1, nonslabMask: 2, nokmem: 1, failMask: 5, producers: [], reclaimers: [[{ a: 1, b: 2, c: 3 }]], expanders: [], unregisterers: [], lifecycles: [[{ a: 0, b: 1, c: 2 }]] }, schedule: [1, 0, 2] });
    for (const bad of ['garbage', '', 'sr1.', 'sr1.!!!!', good.slice(0, -3), good.slice(0, 10) + (good[10] === 'A' ? 'B' : 'A') + good.slice(11), 'sr2.' + good.slice(4)]) {
      expect(() => decodeToken(bad), bad).toThrow(TokenError);
    }
  });

  it('refuses every truncation of a valid token', () => {
    const good = encodeToken({ variant: 'no-recheck', memory: 'sc', scenario: { nodes: 2, memcgs: 2, unitBits: 2, shrinkers: 2, numaMask: 1, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0, producers: [[{ a: 0, b: 0, c: 0 }]], reclaimers: [[{ a: 1, b: 0, c: 0 }]], expanders: [], unregisterers: [], lifecycles: [] }, schedule: [3, 1, 4, 1, 5] });
    for (let n = 0; n < good.length; n++) expect(() => decodeToken(good.slice(0, n))).toThrow(TokenError);
  });
});
