/**
 * The held-out set (test/heldout/*.ts): real upstream kernel bugs, written as variant files against the
 * public API and kept out of the built-in bug variants. Each must be found by check() with check's
 * default budget (the CLI's defaults: runs, seed, strategy, scenario generator; the file's own workloads and memory model),
 * breaking the invariant the file expects, with a signature that is none of the reference's known
 * findings: its own bug, not the lifecycle, populate or nokmem race. `npm run heldout` runs the same
 * set through the CLI. A bug that needs more than the default budget fails here; the budget is not raised.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { loadVariant } from '../../src/variants/load.js';
import { FINDINGS } from '../../src/variants/findings.js';
import { CHECK } from '../../src/cli/check-cmd.js';
import { DEFAULT_WORKLOADS } from '../../src/model/workloads.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
const KNOWN = new Set(FINDINGS.flatMap((f) => f.signatures));

// check's CLI defaults, read from its option table rather than restated
const RUNS = CHECK.options.runs.parse(undefined, '--runs');
const SEED = CHECK.options.seed.parse(undefined, '--seed');
const STRATEGY = CHECK.options.strategy.parse(undefined, '--strategy');
const SCENARIOS = CHECK.options.scenarios.parse(undefined, '--scenarios');

describe('held-out real kernel bugs, default check budget', () => {
  it('the set is not empty and the budget is check\'s default', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(1);
    expect([RUNS, SEED, STRATEGY, SCENARIOS]).toEqual([100_000, 1, 'random', 'blend']);
  });

  for (const file of FILES) {
    it(`${file}: found, with its expected invariant and a signature of its own`, async () => {
      const { variant } = await loadVariant(DIR + file);
      const e = variant.expect;
      expect(e.kind).toBe('violates');
      if (e.kind !== 'violates') return;
      const r = check({ variant, runs: RUNS, seed: SEED, strategy: STRATEGY, scenarios: SCENARIOS, workloads: variant.workloads ?? DEFAULT_WORKLOADS, memory: e.memory ?? 'sc' });
      expect(r.error).toBeUndefined();
      expect(r.failure, `${file}: no violation in ${r.runs} runs`).toBeDefined();
      const f = r.failure!;
      expect(f.invariant).toBe(e.invariant);
      expect(KNOWN.has(f.signature), `${file} found a known finding of the reference: ${f.signature}`).toBe(false);
      expect(f.runsToFirstFailure).toBeLessThanOrEqual(RUNS);
    }, 240_000);
  }
});
