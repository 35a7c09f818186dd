/** KERNEL_SOURCE agrees with the `lines N-M` comment above each reference function, and those lines exist. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_SOURCE } from '../../src/kernel/sources.js';
import { locklessFns } from '../../src/kernel/index.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'src/kernel');
const REFERENCE = readFileSync(join(DIR, 'reference/mm-shrinker.c'), 'utf8').split('\n');

describe('KERNEL_SOURCE', () => {
  it('names, for every function with a `lines N-M` comment, those lines of the vendored mm/shrinker.c', () => {
    let checked = 0;
    for (const f of readdirSync(DIR).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(DIR, f), 'utf8');
      for (const m of src.matchAll(/\/\*\* lines (\d+)-(\d+)[^]*?\*\/\s*\n\s*\*?(\w+)\(/g)) {
        const [, from, to, name] = m;
        expect(KERNEL_SOURCE[name as keyof typeof KERNEL_SOURCE], name).toBe(`mm/shrinker.c:${from}-${to}`);
        expect(Number(to)).toBeLessThanOrEqual(REFERENCE.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('covers every generator function of the reference model', () => {
    const missing = Object.entries(locklessFns).filter(([, f]) => f.constructor.name === 'GeneratorFunction').map(([n]) => n)
      .filter((n) => KERNEL_SOURCE[n as keyof typeof KERNEL_SOURCE] === undefined);
    expect(missing).toEqual([]);
  });

  it('the cited line ranges hold the function they name', () => {
    // spot checks: the first line of the range contains the kernel function's name
    for (const name of ['shrink_slab_memcg', 'do_shrink_slab', 'shrinker_free', 'set_shrinker_bit', 'expand_one_shrinker_info']) {
      const [from, to] = KERNEL_SOURCE[name as keyof typeof KERNEL_SOURCE]!.split(':')[1].split('-').map(Number);
      expect(REFERENCE.slice(from - 1, to).join('\n')).toContain(`${name}(`);
    }
  });
});
