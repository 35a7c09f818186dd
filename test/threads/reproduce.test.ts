/**
 * From a thread-found failure to a small deterministic counterexample (src/threads/reproduce.ts),
 * without threads: a ticket log that does not reproduce the failure (none, or one that runs a single
 * actor) makes the pipeline re-find it on the base scenario, and what it shrinks to is check-sized.
 * Budgets: re-finding free-without-wait on its base scenario takes ~200 runs (~0.4 s measured).
 */
import { describe, expect, it } from 'vitest';
import { replayToken } from '../../src/api/replay.js';
import { actorsOf } from '../../src/model/scenario.js';
import { boundedText, MAX_TEXT_LINES } from '../../src/threads/bounded-text.js';
import { levelsBelow } from '../../src/threads/cut-repeats.js';
import { siteOf } from '../../src/threads/failure-site.js';
import { reproduce } from '../../src/threads/reproduce.js';
import { sharedBuffers } from '../../src/threads/shared-buffers.js';
import { stressScenarios } from '../../src/threads/stress-scenario.js';
import type { TicketLog } from '../../src/threads/ticket-replay.js';
import { findVariant } from '../../src/variants/registry.js';

const fww = findVariant('free-without-wait')!;
const MESSAGE = 'use-after-free: reclaimer0 at step 2581 touched list_lru_one#0 (@->nr_items); freed by unregisterer0 at step 2000, allocated by setup at step 0';
// stress seed 1, scenario 10: a free-without-wait scenario whose base (each actor's operations once) can fail
const scenarios = stressScenarios(1, 64);

describe('reproducing a thread-found failure', () => {
  it('with no ticket log, re-finds it on the base scenario and shrinks it to a check-sized counterexample', async () => {
    const r = await reproduce({ variant: fww, invariant: 'use-after-free', message: MESSAGE, scenario: scenarios.at(10), base: scenarios.base(10), repeat: 64, log: null, seed: 1, refindMs: 4000, shrinkMs: 3000 });
    expect(r).toMatchObject({ reproduced: true, how: 're-found', logReproduced: false, observed: 'no ticket log', repeat: { threads: 64, counterexample: 1 } });
    expect(r.steps!).toBeLessThan(120); // check gets 8-46 for this bug; unrolled, it was thousands
    expect(r.long).toBe(false);
    const again = await replayToken(r.token!);
    expect(again.run.violation?.invariant).toBe('use-after-free');
    expect(again.text).toBe(r.text);
  }, 60_000);

  it('a ticket log that does not reproduce the failure is reported as such, and the failure is re-found', async () => {
    const s = scenarios.at(10);
    const log: TicketLog = { tickets: 500, overflow: false, ringCap: 1 << 16, picks: new Int32Array(500), opsBegun: actorsOf(s).map((a) => a.ops.length) };
    const r = await reproduce({ variant: fww, invariant: 'use-after-free', message: MESSAGE, scenario: s, base: scenarios.base(10), repeat: 64, log, seed: 2, refindMs: 4000, shrinkMs: 1000 });
    expect(r.logReproduced).toBe(false);
    expect(r.logSteps).toBe(500);
    expect(r.observed).not.toMatch(/^use-after-free/);
    expect(r).toMatchObject({ reproduced: true, how: 're-found' });
  }, 60_000);

  it('repetition levels, sites and bounded text', () => {
    expect(levelsBelow(64)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(levelsBelow(1)).toEqual([]);
    expect(siteOf(MESSAGE)).toBe(siteOf(MESSAGE.replace('reclaimer0', 'reclaimer1').replace('#0', '#7').replace('2581', '12')));
    expect(siteOf(MESSAGE)).not.toBe(siteOf(MESSAGE.replace('@->nr_items', 'spin_lock(&l->lock)')));
    const long = ['VIOLATION use-after-free (variant v, memory sc)', MESSAGE, ...Array.from({ length: 3000 }, (_, i) => `row ${i}`)].join('\n');
    const b = boundedText(long, 'TOKEN', 1838);
    expect(b.long).toBe(true);
    expect(b.traceLines).toBe(3002);
    expect(b.text.split('\n').length).toBeLessThan(12);
    expect(b.text).toContain('1838 schedule choices');
    expect(b.text).toContain('npx shrinkrace replay TOKEN');
    expect(b.text).toContain('--trace-out');
    expect(boundedText('short\ntext', 'T', 3)).toEqual({ text: 'short\ntext', traceLines: 2, long: false });
    expect(MAX_TEXT_LINES).toBeLessThan(2000);
  });

  it('shared buffers are reused across runs, zero-filled', () => {
    const b = sharedBuffers();
    const m1 = b.acquire(1000);
    m1.fill(7);
    b.release(m1);
    const m2 = b.acquire(900);
    expect(m2.buffer).toBe(m1.buffer);
    expect(m2.every((x) => x === 0)).toBe(true);
    const m3 = b.acquire(10); // m2 is in use: a second buffer
    expect(m3.buffer).not.toBe(m2.buffer);
    b.release(m2);
    b.release(m3);
    expect(b.acquire(100_000).length).toBeGreaterThanOrEqual(100_000); // too small ones are replaced
    expect(b.allocated).toBe(3);
  });
});
