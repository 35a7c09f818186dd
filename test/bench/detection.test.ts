/**
 * Bench 5a/5b pieces: fc.scheduler() drives the real model (a known bug is found, the reference
 * survives the same search), bare generator stepping takes the steps it is asked for, and the engine
 * speed figure is a ratio of two measurements made in the same call.
 */
import { describe, expect, it } from 'vitest';
import { bareRun, engineSpeed } from '../../src/bench/engine-speed.js';
import { searchWithFcScheduler } from '../../src/bench/fc-scheduler-run.js';
import { resolveFns } from '../../src/variants/registry.js';
import { freeWithoutGracePeriod } from '../../src/variants/bugs/free-without-grace-period.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { DEFAULT_WORKLOADS } from '../../src/model/workloads.js';

describe('fc.scheduler driver', () => {
  it('finds a known bug with the invariant it is known to break', async () => {
    const r = await searchWithFcScheduler(resolveFns(freeWithoutGracePeriod), DEFAULT_WORKLOADS, 1, 30_000);
    expect(r.found).toBe(true);
    expect(r.invariant).toBe((freeWithoutGracePeriod.expect as { invariant: string }).invariant);
    expect(r.runs).toBeGreaterThan(0);
  }, 60_000);

  it('finds nothing in the reference within a short budget', async () => {
    const r = await searchWithFcScheduler(resolveFns(lockless), DEFAULT_WORKLOADS, 1, 1500);
    expect(r.found).toBe(false);
    expect(r.runs).toBeGreaterThan(10);
  }, 60_000);
});

describe('engine speed', () => {
  it('bare stepping runs the asked number of steps (rounded up per actor)', () => {
    expect(bareRun(4, 100, 1)).toBe(100);
    expect(bareRun(3, 100, 1)).toBe(102);
  });

  it('measures both sides and reports their ratio', () => {
    const e = engineSpeed(400, 1);
    expect(e.modelStepsPerSecond).toBeGreaterThan(0);
    expect(e.bareStepsPerSecond).toBeGreaterThan(0);
    expect(e.ratio).toBeCloseTo(e.bareStepsPerSecond / e.modelStepsPerSecond, 9);
  });
});
