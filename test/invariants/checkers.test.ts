/**
 * Each invariant checker fires on a design that breaks it and stays quiet on the reference.
 * Budgets (seed 1, default workloads): every fixture below is caught well within 50,000 runs.
 * The reference's quiet side is test/variants/expectations.test.ts (20,000 runs, every checker on).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { loadVariant } from '../../src/variants/load.js';
import type { InvariantName } from '../../src/model/violation.js';

describe.each([
  ['test/fixtures/double-get.ts', 'leak', /registered with refcount \d+ at quiescence/],
  ['test/fixtures/expand-no-free.ts', 'leak', /shrinker_info#\d+ .* is live at quiescence but nothing points to it/],
  ['test/fixtures/del-uncounted.ts', 'conservation', /item\(s\) added, but .* still listed = \d+/],
  ['test/fixtures/del-without-lock.ts', 'list-debug', /list_del on the list of list_lru_one#\d+ without its lock, but \w+ holds its lock and is inside its critical section/],
  ['test/fixtures/no-expand.ts', 'bounds', /WARN_ON_ONCE\(shrinker_id >= map_nr_max\)/],
  ['test/fixtures/never-completes.mjs', 'liveness', /deadlock: every live actor is blocked: .*wait_for_completion/],
  ['test/fixtures/scan-past-cap.ts', 'overscan', /asked shrinker#\d+ to scan \d+ objects in all after it counted \d+/],
  ['test/fixtures/negative-deferred.ts', 'overscan', /nr_deferred\[\d+\] is -\d+ at quiescence/],
] as const)('%s', (file, invariant, message) => {
  it(`fires ${invariant}`, async () => {
    const { variant } = await loadVariant(file);
    // until the checker's invariant: a fixture may first break another (double-get's leaked reference
    // also leaves shrinker_free() waiting forever: a liveness deadlock signed by that leak)
    const r = check({ variant, runs: 50_000, seed: 1, strategy: 'random', all: true, until: invariant, ...(variant.workloads && { workloads: [...variant.workloads] }) });
    expect(r.failure?.invariant).toBe(invariant as InvariantName);
    expect(r.failure!.message).toMatch(message);
  }, 120_000);
});
