/**
 * Bench 5f: time to first failure of every known-bug variant over seeds 1..n (median), check's
 * default strategy against fc.scheduler() driving the same model (fc-scheduler-run.ts) on the same
 * seeds, each run capped at its budget. A seed whose search found nothing counts as its budget (so a
 * median past the budget means "not found in most seeds", and a ratio against a capped median is a
 * lower bound). Weak-memory-only bugs are searched under `--memory weak`; fc.scheduler() is
 * sequentially consistent and cannot show them (n/a).
 */
import { check } from '../search/check.js';
import { DEFAULT_STRATEGY } from '../sched/strategy.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';
import type { SeedDetectionRow, SeedRuns } from '../report/bench-schema.js';
import { searchWithFcScheduler } from './fc-scheduler-run.js';

export interface SeedBudgets {
  seeds: number;
  deterministicMs: number;
  fcSchedulerMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function summarize(found: boolean[], times: number[], runs: number[], budgetMs: number): SeedRuns {
  const n = found.filter(Boolean).length;
  return { found: n, medianMs: median(times), medianRuns: median(runs), capped: median(times) >= budgetMs || n * 2 <= found.length, timesMs: times };
}

export async function detectOverSeeds(v: Variant, b: SeedBudgets): Promise<SeedDetectionRow> {
  const workloads = v.workloads ?? DEFAULT_WORKLOADS;
  const memory = v.expect.kind === 'violates' ? (v.expect.memory ?? 'sc') : 'sc';
  const dF: boolean[] = [], dT: number[] = [], dR: number[] = [];
  const fF: boolean[] = [], fT: number[] = [], fR: number[] = [];
  for (let seed = 1; seed <= b.seeds; seed++) {
    const c = check({ variant: v, runs: 100_000_000, seed, strategy: DEFAULT_STRATEGY, workloads, memory, timeLimitMs: b.deterministicMs, shrinkTimeMs: 1 });
    if (c.error) throw new Error(`bench: ${v.name} seed ${seed}: harness error in run ${c.error.run}: ${c.error.message}`);
    dF.push(c.failure !== undefined);
    dT.push(c.failure ? c.failure.timeToFirstFailureMs : b.deterministicMs);
    dR.push(c.failure ? c.failure.runsToFirstFailure : c.runs);
    if (memory !== 'sc') continue;
    const f = await searchWithFcScheduler(resolveFns(v), workloads, seed, b.fcSchedulerMs);
    fF.push(f.found);
    fT.push(f.found ? f.timeMs : b.fcSchedulerMs);
    fR.push(f.runs);
  }
  const deterministic = summarize(dF, dT, dR, b.deterministicMs);
  const fcScheduler = memory === 'sc' ? summarize(fF, fT, fR, b.fcSchedulerMs) : null;
  let ratio: SeedDetectionRow['ratio'] = { value: null, bound: 'none' };
  if (fcScheduler && !deterministic.capped) ratio = { value: fcScheduler.medianMs / Math.max(deterministic.medianMs, 0.001), bound: fcScheduler.capped ? 'lower' : 'exact' };
  return { variant: v.name, memory, strategy: DEFAULT_STRATEGY, seeds: b.seeds, deterministic, fcScheduler, ratio };
}
