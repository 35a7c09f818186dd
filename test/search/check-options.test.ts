/**
 * check() called from JavaScript with options its types do not allow: one CheckOptionsError line
 * naming the option, before any run (not a crash deep in rendering, as `memory: false` once was).
 */
import { describe, expect, it } from 'vitest';
import { check, CheckOptionsError, type CheckOptions } from '../../src/api/index.js';
import { findVariant } from '../../src/variants/registry.js';

const good = { variant: findVariant('lockless')!, runs: 5, seed: 1, strategy: 'random' } as const;
const bad = (o: Record<string, unknown>): CheckOptions => ({ ...good, ...o }) as unknown as CheckOptions;

describe('check() options at run time', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a memory mode that is not one', { memory: false }, /^check: memory must be one of sc, weak \(got false\)$/],
    ['an unknown strategy', { strategy: 'dfs' }, /^check: strategy must be one of random, pct, exhaustive, coverage, portfolio \(got "dfs"\)$/],
    ['an unknown generator', { scenarios: 'dens' }, /^check: scenarios must be one of blend, uniform, swarm, mixed, dense \(got "dens"\)$/],
    ['an unknown workload', { workloads: ['global', 'nokmemm'] }, /^check: each workload must be one of .* \(got "nokmemm"\)$/],
    ['workloads not an array', { workloads: 'global' }, /^check: workloads must be an array$/],
    ['runs not a whole number', { runs: 2.5 }, /^check: runs must be a whole number >= 0 \(got 2.5\)$/],
    ['a seed that is not an integer', { seed: '1' }, /^check: seed must be an integer \(got 1\)$/],
    ['no variant', { variant: undefined }, /^check: variant must be a variant/],
  ])('%s: CheckOptionsError, one line', (_, o, message) => {
    let e: unknown;
    try {
      check(bad(o));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(CheckOptionsError);
    expect((e as Error).message).toMatch(message);
    expect((e as Error).message).not.toContain('\n');
  });

  it('valid options run', () => {
    const r = check({ ...good, memory: 'weak', scenarios: 'dense', workloads: ['lifecycle'] });
    expect(r.runs).toBe(5);
    expect(r.scenarios).toBe('dense');
  });
});
