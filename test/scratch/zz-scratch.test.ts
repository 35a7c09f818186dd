import { it } from 'vitest';
import { check } from '../../src/api/check.js';
import { findVariant } from '../../src/variants/registry.js';
import { WORKLOADS } from '../../properties/scenario.js';

it('scratch', () => {
  for (const name of ["lockless", "rwsem", "legacy"]) {
    for (const [strategy, workloads, runs] of [['random', undefined, 20000], ['random', WORKLOADS, 20000], ['pct', WORKLOADS, 5000]] as const) {
      const t0 = performance.now();
      const r = check({ variant: findVariant(name)!, runs, seed: 7, strategy, workloads, shrinkTimeMs: 5000 });
      console.log(name, strategy, workloads ? 'all' : 'default', r.ok, r.runs, Math.round(performance.now() - t0), 'ms', r.failure?.invariant, r.failure?.runsToFirstFailure, r.failure?.message);
      if (r.failure) console.log(r.failure.token);
    }
  }
}, 1_200_000);
