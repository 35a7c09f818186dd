/**
 * Shards (src/search/shard.ts): `i/n` is parsed strictly; run k is in exactly one shard; and the n
 * shards of a check are the unsharded search cut into pieces: their runs, steps and signatures
 * (first run, hits, replay) put together are exactly what the whole search found, with global run
 * numbers, so a harness error is met at the same run in its shard as in the whole search.
 */
import { describe, expect, it } from 'vitest';
import { check, type CheckOptions, type CheckResult, type SignatureReport } from '../../src/search/check.js';
import { inShard, parseShard, ShardError, type Shard } from '../../src/search/shard.js';
import { WORKLOADS } from '../../src/model/workloads.js';
import { findVariant } from '../../src/variants/registry.js';
import type { Variant } from '../../src/variants/variant.js';

const N = 3;
const shardsOf = (o: CheckOptions): CheckResult[] => Array.from({ length: N }, (_, i) => check({ ...o, shard: { index: i + 1, count: N } }));
const sum = (rs: CheckResult[], f: (r: CheckResult) => number): number => rs.reduce((n, r) => n + f(r), 0);

/** The shards' signatures put together by hand: min first run (and its entry), hits summed. */
function union(rs: CheckResult[]): SignatureReport[] {
  const by = new Map<string, SignatureReport>();
  for (const x of rs.flatMap((r) => r.violations)) {
    const had = by.get(x.signature);
    by.set(x.signature, had === undefined ? x : { ...(x.firstRun < had.firstRun ? x : had), hits: had.hits + x.hits });
  }
  return [...by.values()].sort((a, b) => a.firstRun - b.firstRun);
}

describe('parseShard', () => {
  it('reads i/n as written', () => {
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/2', '3/2', 'x', '1/0', '2/', '/2', '-1/2', '1.5/2', '1/2/3', ''])('refuses %j with one line naming the flag', (raw) => {
    expect(() => parseShard(raw, '--shard')).toThrow(ShardError);
    expect(() => parseShard(raw, '--shard')).toThrow(/^--shard/);
  });
});

describe('inShard', () => {
  it('puts every run in exactly one shard, round robin', () => {
    for (let n = 1; n <= 5; n++) {
      for (let k = 1; k <= 40; k++) {
        const owners = Array.from({ length: n }, (_, i): Shard => ({ index: i + 1, count: n })).filter((s) => inShard(k, s));
        expect(owners.map((s) => s.index)).toEqual([((k - 1) % n) + 1]);
      }
    }
    expect(inShard(17, undefined)).toBe(true);
  });
});

describe('the shards of a check are the whole search', () => {
  it('plain check (known findings listed, not shrunk): runs, steps and every signature field, replay included', () => {
    const o: CheckOptions = { variant: findVariant('lockless')!, runs: 1200, seed: 7, strategy: 'random', workloads: WORKLOADS };
    const whole = check(o);
    const parts = shardsOf(o);
    expect(whole.violations.length).toBeGreaterThan(0); // lockless@populate under the populate workload
    expect(parts.map((r) => r.runs)).toEqual([400, 400, 400]);
    expect(sum(parts, (r) => r.runs)).toBe(whole.runs);
    expect(sum(parts, (r) => r.steps)).toBe(whole.steps);
    expect(sum(parts, (r) => r.doShrinkSlab)).toBe(whole.doShrinkSlab);
    expect(union(parts)).toEqual(whole.violations);
    expect(parts.every((r) => r.ok === whole.ok && r.runsAsked === 1200)).toBe(true);
    parts.forEach((r, i) => {
      expect(r.shard).toEqual({ index: i + 1, count: N });
      for (const x of r.violations) expect(((x.firstRun - 1) % N) + 1).toBe(i + 1); // run numbers stay global
    });
  }, 60_000);

  it('--all on a bug variant: every signature, its first run and hits, and the verdict', () => {
    // a known bug that claims to pass: every signature it meets is unexpected, so the verdict fails
    const v: Variant = { ...findVariant('free-without-wait')!, name: 'test-shard-claims-to-pass', expect: { kind: 'passes' } };
    const o: CheckOptions = { variant: v, runs: 1500, seed: 7, strategy: 'random', workloads: WORKLOADS, all: true, shrinkTimeMs: 1 };
    const whole = check(o);
    const parts = shardsOf(o);
    const key = (x: SignatureReport): object => ({ signature: x.signature, known: x.known, expected: x.expected, firstRun: x.firstRun, hits: x.hits });
    expect(whole.violations.length).toBeGreaterThan(3);
    expect(whole.ok).toBe(false);
    expect(union(parts).map(key)).toEqual(whole.violations.map(key));
    expect(sum(parts, (r) => r.runs)).toBe(whole.runs);
    expect(parts.filter((r) => r.violations.length > 0).every((r) => !r.ok)).toBe(true);
    // the primary failure (first unexpected signature) is found, as first, by the shard that owns its run
    const owner = parts[(whole.failure!.runsToFirstFailure - 1) % N];
    expect(owner.failure?.signature).toBe(whole.failure!.signature);
    expect(owner.failure?.runsToFirstFailure).toBe(whole.failure!.runsToFirstFailure);
  }, 60_000);

  it('a harness error is met at the same global run by the shard that owns it', () => {
    const throwing: Variant = {
      name: 'test-shard-throws', summary: 'reclaim throws', expect: { kind: 'passes' },
      overrides: {
        *shrink_slab() {
          yield;
          throw new TypeError('shard boom');
        },
      },
    };
    const o: CheckOptions = { variant: throwing, runs: 2000, seed: 1, strategy: 'random' };
    const whole = check(o);
    expect(whole.error?.run).toBeGreaterThan(0);
    const u = whole.error!.run;
    const r = check({ ...o, shard: { index: ((u - 1) % N) + 1, count: N } });
    expect(r.ok).toBe(false);
    expect(r.error?.run).toBe(u);
    expect(r.error?.token).toBe(whole.error!.token);
    expect(r.runs).toBe(Math.floor((u - 1) / N) + 1);
  });
});
