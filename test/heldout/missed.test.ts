/**
 * Held-out bugs the default search misses (test/heldout/missed/*.ts): real upstream kernel bugs, as
 * variant files, that check's default budget does not find yet (each file says which search does).
 * Here each is found by that search, with its expected invariant and a signature that is none of the
 * reference's known findings, and its token replays it: the model expresses the bug, the default search
 * is what falls short. test/heldout/heldout.test.ts holds the others to the default budget.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { check } from '../../src/search/check.js';
import { loadVariant } from '../../src/variants/load.js';
import { FINDINGS } from '../../src/variants/findings.js';
import { replayToken } from '../../src/api/replay.js';

const KNOWN = new Set(FINDINGS.flatMap((f) => f.signatures));
const file = (name: string): string => fileURLToPath(new URL(`./missed/${name}`, import.meta.url));

describe('held-out bugs past the default budget, found by the search each names', () => {
  it('list-lru-memcg-uaf.ts (5161b48712dc): PCT over dense scenarios, a use-after-free of the memcg in list_lru_add', async () => {
    const { variant } = await loadVariant(file('list-lru-memcg-uaf.ts'));
    const r = check({ variant, runs: 30_000, seed: 1, strategy: 'pct', scenarios: 'dense', workloads: variant.workloads, shrinkTimeMs: 3000 });
    expect(r.error).toBeUndefined();
    const f = r.failure!;
    expect(f, `not found in ${r.runs} runs`).toBeDefined();
    expect(f.invariant).toBe('use-after-free');
    expect(f.signature).toMatch(/^use-after-free in list_lru_add .* on mem_cgroup, freed in an RCU callback/);
    expect(KNOWN.has(f.signature)).toBe(false);
    const again = await replayToken(f.token);
    expect(again.run.violation?.message).toBe(f.message);
    expect(again.signature).toBe(f.signature);
  }, 240_000);
});
