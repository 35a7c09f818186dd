/** The stress command end to end: exit codes, one JSON object, and no thread left behind. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

/** Runs the CLI; `exitMs` is how long the process took in all (it must exit by itself). */
function shrinkrace(...args: string[]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, exitMs: performance.now() - t0, killed: r.signal !== null };
}

describe('shrinkrace stress', () => {
  it('reference: exits 0, prints steps/s per worker and in total, and exits by itself', () => {
    const r = shrinkrace('stress', '--variant', 'lockless', '--workers', '2', '--duration', '2s');
    expect(r.killed).toBe(false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: variant lockless: no violation in \d+ runs/);
    expect(r.out).toMatch(/steps\/s: total [\d.]+[kM]?; worker 0 [\d.]+[kM]? .*worker 1/);
    expect(r.out).toMatch(/quiescent checks: \d+/);
    expect(r.exitMs).toBeLessThan(2000 + 3000); // the run, calibration and start-up; no thread keeps it alive
  }, 60_000);

  it('free-without-wait --json: one JSON object, use-after-free, exit 1', () => {
    const r = shrinkrace('stress', '--variant', 'free-without-wait', '--workers', '2', '--duration', '30s', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: false, variant: 'free-without-wait', workers: 2, violation: { invariant: 'use-after-free' } });
    expect(j.stepsPerSecond).toBeGreaterThan(0);
    expect(j.perWorker).toHaveLength(2);
  }, 60_000);

  it('a worker whose design throws becomes a clear error report, and the process exits', () => {
    const r = shrinkrace('stress', '--variant', 'test/fixtures/throws.mjs', '--duration', '5s');
    expect(r.killed).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toContain('TypeError: boom: shrink_slab of the design under test threw');
    expect(r.out).toMatch(/found by worker \d, actor reclaimer0, ticket \d+/);
  }, 60_000);

  it('a worker stuck inside a step becomes a liveness report, its pool is terminated, and the process exits', () => {
    const r = shrinkrace('stress', '--variant', 'test/fixtures/hangs.mjs', '--duration', '5s', '--watchdog', '1s');
    expect(r.killed).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toContain('reclaimer0 made no progress for 1000 ms and its worker thread did not answer the stop request');
    expect(r.exitMs).toBeLessThan(10_000);
  }, 60_000);

  it.each([
    [['stress', '--duration', 'soon'], /--duration must look like/],
    [['stress', '--workers', '0'], /--workers must be an integer >= 1/],
    [['stress', '--variant', 'test/fixtures/throws-at-import.mjs'], /failed to load: this variant file is broken at import/],
    [['stress', '--variant', './no-such-file.mjs'], /does not exist/],
  ])('bad input %j exits 2 with one line', (args, msg) => {
    const r = shrinkrace(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(msg);
  });
});
