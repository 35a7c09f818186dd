/** The stress command end to end: exit codes, one JSON object, harness errors, and no thread left behind. */
import { describe, expect, it } from 'vitest';
import { shrinkrace } from '../helpers/cli.js';

describe('shrinkrace stress', () => {
  it('reference: exits 0, prints steps/s per worker and in total, and exits by itself', () => {
    const r = shrinkrace(['stress', '--variant', 'lockless', '--workers', '2', '--duration', '2s'], { timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: variant lockless: no violation in \d+ runs/);
    expect(r.out).toMatch(/steps\/s: total [\d.]+[kM]?; worker 0 [\d.]+[kM]? .*worker 1/);
    expect(r.out).toMatch(/quiescent checks: \d+/);
    expect(r.ms).toBeLessThan(2000 + 4000); // the run, calibration and start-up; no thread keeps it alive
  }, 60_000);

  it('free-without-wait --json: one JSON object, use-after-free, exit 1', () => {
    const r = shrinkrace(['stress', '--variant', 'free-without-wait', '--workers', '2', '--duration', '30s', '--json'], { timeoutMs: 90_000 });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: false, variant: 'free-without-wait', workers: 2, violation: { invariant: 'use-after-free' } });
    expect(j.stepsPerSecond).toBeGreaterThan(0);
    expect(j.perWorker).toHaveLength(2);
  }, 90_000);

  it('a worker whose design throws is a harness error: exit 3, one line naming the worker, actor and ticket', () => {
    const r = shrinkrace(['stress', '--variant', 'test/fixtures/throws.mjs', '--duration', '5s'], { timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n').filter((l) => !/^stress [^:]+: \d+% /.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^shrinkrace: harness error in stress run \d+ \(seed 1\): .*TypeError: boom: shrink_slab of the design under test threw.*\(worker \d, actor reclaimer0, ticket \d+\)/);
  }, 60_000);

  it('a step that loops without yielding is caught by the loop guard on the worker: a liveness violation naming the loop', () => {
    const r = shrinkrace(['stress', '--variant', 'test/fixtures/hangs.mjs', '--duration', '5s'], { timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/livelock: the loop at hangs\.mjs:\d+ ran more than 10,000,000 times within one step without yielding/);
  }, 60_000);

  it('a worker stuck inside a step the guard cannot see: a liveness report, its pool terminated, and the process exits', () => {
    const r = shrinkrace(['stress', '--variant', 'test/fixtures/blocks-forever.mjs', '--duration', '5s', '--watchdog', '1s'], { timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toContain('reclaimer0 made no progress for 1000 ms and its worker thread did not answer the stop request');
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it.each([
    [['stress', '--variant', 'test/fixtures/throws-at-import.mjs'], /failed to load: this variant file is broken at import/],
    [['stress', '--variant', './no-such-file.mjs'], /does not exist/],
  ])('bad input %j exits 2 with one line', (args, msg) => {
    const r = shrinkrace(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(msg);
  });
});
