/**
 * A variant file can re-type any modeled kernel function and call every other: each top-level function
 * of the kernel model (src/kernel, list_lru and its item cache included) is exported from 'shrinkrace'
 * (src/index.ts). The synchronisation primitives (src/sync) export their kernel API (READ_ONCE,
 * spin_lock, rcu_read_lock, ...) with `export *`; their private plumbing (a trace line, a store target)
 * is not kernel code and stays private.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const files = readdirSync(SRC + 'kernel').filter((f) => f.endsWith('.ts')).map((f) => `kernel/${f}`);

/** Names of the top-level functions a file declares (function, function*, const f = (...) =>). */
function topLevelFunctions(file: string): string[] {
  const text = readFileSync(SRC + file, 'utf8');
  const names: string[] = [];
  for (const m of text.matchAll(/^(?:export )?function\*?\s*(\w+)|^(?:export )?const (\w+) = (?:\(|async \()/gm)) names.push(m[1] ?? m[2]);
  return names;
}

describe('the public API exports every modeled function', () => {
  it.each(files)('%s', (file) => {
    const names = topLevelFunctions(file);
    const missing = names.filter((n) => !(n in api));
    expect(missing).toEqual([]);
  });

  it('finds the functions it checks (the scan is not vacuous)', () => {
    expect(topLevelFunctions('kernel/list-lru.ts')).toContain('lock_list_lru_of_memcg');
    expect(topLevelFunctions('kernel/memcontrol.ts')).toContain('memcg_index');
  });
});
