/**
 * stress within bounds: memory (one shared buffer per run in flight, however many runs; RSS sampled),
 * interrupt (an aborted signal stops the runs in flight and returns the partial result), and harness
 * errors that name the worker, actor and ticket. RSS itself is not asserted on: on a noisy 2-core
 * machine it moves by tens of MB with the other processes; the buffer count is what kept it flat
 * (measured: 10 min of `stress --variant lockless` stays within 10% of its RSS at 1 min).
 */
import { describe, expect, it } from 'vitest';
import { stress } from '../../src/threads/stress.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { loadVariant } from '../../src/variants/load.js';

describe('stress within bounds', () => {
  it('reuses one shared buffer per run in flight, and samples RSS', async () => {
    const progress: number[] = [];
    const r = await stress({ variant: lockless, workers: 2, durationMs: 3000, seed: 5, calibrateMs: 20, memoryIntervalMs: 500, parallel: 1, onProgress: (p) => progress.push(p.rssMb) });
    expect(r.ok).toBe(true);
    expect(r.runs).toBeGreaterThan(10);
    expect(r.memory.sharedBuffers).toBe(1);
    expect(r.memory.samples.length).toBeGreaterThanOrEqual(3);
    expect(r.memory.rssPeakMb).toBeGreaterThanOrEqual(Math.max(r.memory.rssStartMb, r.memory.rssEndMb));
    expect(progress.length).toBe(r.runs);
    expect(progress.every((mb) => mb > 10)).toBe(true);
  }, 60_000);

  it('an aborted signal stops the runs in flight and returns what was done, interrupted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 800);
    const t0 = performance.now();
    const r = await stress({ variant: lockless, workers: 2, durationMs: 60_000, seed: 6, signal: ac.signal });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(800 + 3000); // not the 60 s asked for; no calibration either
    expect(r).toMatchObject({ interrupted: true, ok: false });
    expect(r.violation).toBeUndefined(); // the stopped runs are not violations
    expect(r.calibration).toBeUndefined();
    expect(r.steps).toBeGreaterThan(0);
  }, 60_000);

  it('a signal aborted before the start runs nothing', async () => {
    const r = await stress({ variant: lockless, workers: 2, durationMs: 60_000, seed: 6, signal: AbortSignal.abort() });
    expect(r).toMatchObject({ interrupted: true, runs: 0, steps: 0 });
  }, 30_000);

  it('a design that throws is a harness error naming the worker, actor and ticket, with the error class and first line', async () => {
    const { variant, ref } = await loadVariant('test/fixtures/throws.mjs');
    const r = await stress({ variant, variantRef: ref, workers: 2, durationMs: 5000, seed: 1, calibrateMs: 20 });
    expect(r.violation?.invariant).toBe('error');
    expect(r.violation!.message).toMatch(/^TypeError: boom: shrink_slab of the design under test threw .*\(worker \d, actor reclaimer0, ticket \d+\)$/);
    expect(r.violation!.message).toContain(`worker ${r.violation!.worker}`);
    expect(r.violation!.message).toContain(`ticket ${r.violation!.step}`);
  }, 60_000);
});
