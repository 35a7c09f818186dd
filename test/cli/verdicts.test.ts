/**
 * A pass must be earned: every error inside a run is either a kernel-visible event (a named violation
 * with a trace and a token: exit 1) or a harness error (exit 3, one line with the run's token, which
 * replays to the same error); a run that loops without yielding is a liveness violation; a time
 * budget says how many runs it did. None of these exits 0.
 */
import { describe, expect, it } from 'vitest';
import { shrinkrace } from '../helpers/cli.js';

const tokenIn = (s: string): string => /replay (sr1\.[A-Za-z0-9_-]+)/.exec(s)![1];
/** stderr without the progress lines a non-TTY run prints ("check x: 40% (...)") */
const errLines = (err: string): string[] => err.trimEnd().split('\n').filter((l) => !/^check [^:]+: \d+% /.test(l));

describe('harness errors are never a pass', () => {
  it('a variant whose code throws: exit 3, one line with the run, the error and a token that replays it', () => {
    const r = shrinkrace(['check', '--variant', 'test/fixtures/throws.mjs', '--runs', '2000']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    const lines = errLines(r.err);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^shrinkrace: harness error in run \d+ of seed 1: TypeError: boom: shrink_slab of the design under test threw .*, in reclaimer\d at step \d+; replay: npx shrinkrace replay sr1\./);
    const again = shrinkrace(['replay', tokenIn(lines[0])]);
    expect(again.code).toBe(3);
    expect(again.out).toMatch(/^HARNESS ERROR \(variant .*\): TypeError: boom/);
    expect(again.out).toMatch(/HARNESS ERROR: TypeError: boom: shrink_slab of the design under test threw \(the run stops here\)/);
    expect(again.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a ModelError (the model ran out of room, at boot): exit 3, one line naming it', () => {
    const r = shrinkrace(['check', '--variant', 'test/fixtures/arena-exhaust.ts', '--runs', '100']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(errLines(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/harness error in run 1 of seed 1: ModelError: arena shrinker_info exhausted .* in setup at step 0; replay: npx shrinkrace replay sr1\./);
  });

  it('--json on a harness error: one JSON object with the error, and the one line on stderr', () => {
    const r = shrinkrace(['check', '--variant', 'test/fixtures/throws.mjs', '--runs', '2000', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^TypeError: boom/), replay: expect.stringMatching(/^sr1\./) } });
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('kernel-visible events are violations', () => {
  it.each([
    ['test/fixtures/double-put.ts', 'warn', /WARN: refcount_t: underflow; use-after-free/],
    ['test/fixtures/unlock-not-held.ts', 'lockdep', /lockdep: bad unlock balance: .* mutex_unlock\(&shrinker_mutex\), but nobody holds it/],
  ])('%s: exit 1 with %s, and its token replays it', (file, invariant, msg) => {
    const r = shrinkrace(['check', '--variant', file, '--runs', '20000', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.violation.invariant).toBe(invariant);
    expect(j.violation.message).toMatch(msg);
    const again = shrinkrace(['replay', j.violation.replay]);
    expect(again.code).toBe(1);
    expect(again.out).toContain(j.violation.message);
  });

  it('a variant that loops without yielding is a liveness violation naming the loop, found in seconds', () => {
    const r = shrinkrace(['check', '--variant', 'test/fixtures/hangs.mjs', '--runs', '2000', '--json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.violation.invariant).toBe('liveness');
    expect(j.violation.message).toMatch(/the loop at hangs\.mjs:\d+ ran more than 10,000,000 times within one step without yielding/);
    expect(r.ms).toBeLessThan(30_000);
  });
});

describe('budgets and hints', () => {
  it('--time stops the search, found or not, and says how many runs it did', () => {
    const r = shrinkrace(['check', '--variant', 'lockless', '--runs', '1000000000', '--time', '1s', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: true, stopped: 'time', runsAsked: 1_000_000_000 });
    expect(j.runs).toBeGreaterThan(0);
    expect(j.runs).toBeLessThan(j.runsAsked);
    expect(r.err).toMatch(new RegExp(`note: stopped by --time 1.0s after ${j.runs} of 1000000000 runs`));
  });

  it('a variant that fails only under weak memory, run under sc, gets a one-line hint', () => {
    const r = shrinkrace(['check', '--variant', 'no-mb-after-atomic', '--runs', '200']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^hint: no-mb-after-atomic is expected to violate lost-bit only under --memory weak; under --memory sc it passes by design \(try --memory weak\)$/m);
  });

  it('a seed prints in its one canonical form: -1 is 4294967295, 2147483648 is itself', () => {
    const a = JSON.parse(shrinkrace(['check', '--runs', '50', '--seed', '-1', '--json']).out);
    const b = JSON.parse(shrinkrace(['check', '--runs', '50', '--seed', '4294967295', '--json']).out);
    expect(a.seed).toBe(4294967295);
    expect(b.steps).toBe(a.steps);
    expect(JSON.parse(shrinkrace(['check', '--runs', '50', '--seed', '2147483648', '--json']).out).seed).toBe(2147483648);
  });
});

describe('the watchdog', () => {
  it('a step that never returns (no loop for the guard to count): the worker is terminated, a harness error, exit 3', () => {
    const r = shrinkrace(['check', '--variant', 'test/fixtures/blocks-forever.mjs', '--runs', '2000', '--watchdog', '2s'], { timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(errLines(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/^shrinkrace: harness error in run \d+ of seed 1: Watchdog: no progress for 2s while searching: a step that never returns/m);
    expect(r.ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('any trace length', () => {
  it('a livelock that runs into the step budget: a liveness violation whose 200,000-row trace prints in a few hundred lines', () => {
    const r = shrinkrace(['check', '--variant', 'test/fixtures/spin-reads.mjs', '--runs', '2000'], { timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAILED: variant test-spin-reads \(memory sc\): liveness/);
    expect(r.out).toMatch(/\[[\d,]+ rows of steps [\d,]+-[\d,]+ not shown: every row is in summary\.json/);
    expect(r.out).toMatch(/no quiescence after 200000 steps/);
    expect(r.out.split('\n').length).toBeLessThan(1000);
  }, 120_000);
});
