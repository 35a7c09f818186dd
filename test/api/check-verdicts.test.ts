/**
 * check() earns its verdicts: `ok` only when every run asked for ran and passed (or the time budget
 * ended the search, and `stopped` says so); a run that throws something other than a Violation is a
 * harness error with a token that replays to the same error; an interrupt is never a pass.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { replayToken } from '../../src/api/replay.js';
import { interrupt, newControl } from '../../src/search/control.js';
import { lockless } from '../../src/variants/designs/lockless.js';
import { loadVariant } from '../../src/variants/load.js';
import type { Variant } from '../../src/variants/variant.js';

const throwing: Variant = {
  name: 'test-throws-inline', summary: 'reclaim throws a TypeError', expect: { kind: 'passes' },
  overrides: {
    *shrink_slab() {
      yield;
      throw new TypeError('inline boom');
    },
  },
};

describe('check verdicts', () => {
  it('a full pass: ok, every run asked for, nothing stopped it', () => {
    const r = check({ variant: lockless, runs: 300, seed: 4, strategy: 'random' });
    expect(r).toMatchObject({ ok: true, runs: 300, runsAsked: 300, stopped: null });
    expect(r.error).toBeUndefined();
  });

  it('a variant that throws: not ok, a harness error naming the run, step and actor, never a pass', () => {
    const r = check({ variant: throwing, runs: 2000, seed: 1, strategy: 'random' });
    expect(r.ok).toBe(false);
    expect(r.failure).toBeUndefined();
    expect(r.error).toMatchObject({ message: expect.stringMatching(/^TypeError: inline boom/), run: expect.any(Number), actor: expect.stringMatching(/^reclaimer\d$/) });
    expect(r.error!.token).toMatch(/^sr1\./);
    expect(r.runs).toBe(r.error!.run);
    expect(r.error!.text).toMatch(/HARNESS ERROR: TypeError: inline boom \(the run stops here\)/);
  });

  it('the token of a harness error replays to the same error, byte for byte', async () => {
    const { variant } = await loadVariant('test/fixtures/throws.mjs');
    const r = check({ variant, runs: 2000, seed: 2, strategy: 'random' });
    const a = await replayToken(r.error!.token!);
    const b = await replayToken(r.error!.token!);
    expect(a.run.error?.message).toMatch(/^TypeError: boom/);
    expect(a.run.violation).toBeNull();
    expect(a.text).toBe(b.text);
    expect(a.text).toBe(r.error!.text);
  });

  it('a ModelError at boot (an exhausted arena) is a harness error in setup', async () => {
    const { variant } = await loadVariant('test/fixtures/arena-exhaust.ts');
    const r = check({ variant, runs: 100, seed: 1, strategy: 'random' });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ message: expect.stringMatching(/^ModelError: arena shrinker_info exhausted/), run: 1, step: 0, actor: 'setup' });
  });

  it('an interrupt is never a pass; a time budget is, and says so', () => {
    const control = newControl();
    interrupt(control);
    const i = check({ variant: lockless, runs: 1000, seed: 1, strategy: 'random', control });
    expect(i).toMatchObject({ ok: false, stopped: 'interrupt', runs: 0 });
    const t = check({ variant: lockless, runs: 1_000_000_000, seed: 1, strategy: 'random', timeLimitMs: 300 });
    expect(t).toMatchObject({ ok: true, stopped: 'time' });
    expect(t.runs).toBeLessThan(t.runsAsked);
  });
});
