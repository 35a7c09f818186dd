/**
 * Bench 5e: distinct bug signatures each search strategy finds in the same fixed budget, on the
 * reference (`lockless`) with every workload and `all` (the search goes on past each violation). A
 * strategy that finds more of the reference's known findings (variants/findings.ts), or anything new,
 * in the same time is the stronger search. Search time only: each signature is listed, not shrunk.
 */
import { check } from '../search/check.js';
import { STRATEGIES, type StrategyName } from '../sched/strategy.js';
import { lockless } from '../variants/designs/lockless.js';
import { WORKLOADS } from '../model/workloads.js';
import type { SignatureRow } from '../report/bench-schema.js';

export function signaturesPerStrategy(budgetMs: number, seed: number, strategies: readonly StrategyName[] = STRATEGIES, onRow?: (r: SignatureRow) => void): SignatureRow[] {
  return strategies.map((strategy) => {
    const c = check({ variant: lockless, runs: 100_000_000, seed, strategy, workloads: WORKLOADS, all: true, timeLimitMs: budgetMs, shrinkTimeMs: 1 });
    // a measurement that met a harness error is not a measurement: the bench fails, never a figure
    if (c.error) throw new Error(`bench: signatures, strategy ${strategy}: harness error in run ${c.error.run}: ${c.error.message}`);
    const row: SignatureRow = {
      strategy, runs: c.runs, timeMs: c.elapsedMs,
      known: [...new Set(c.violations.filter((v) => v.known !== null).map((v) => v.known!))].sort(),
      signatures: c.violations.length,
      unknown: c.violations.filter((v) => v.known === null).map((v) => v.signature),
    };
    onRow?.(row);
    return row;
  });
}
