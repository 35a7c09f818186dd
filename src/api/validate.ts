/**
 * validate: check every registered variant under its workloads, and every finding of the reference
 * under its own, and report whether each met its expectation: a correct design must survive its budget,
 * a bug (or a finding) must be caught with the invariant it is known to break. Rows run as tasks on the
 * worker pool (one per core), bounded with p-limit; the pool is destroyed before returning.
 */
import pLimit from 'p-limit';
import { availableParallelism } from 'node:os';
import { DEFAULT_WORKLOADS, type Workload } from '../../properties/scenario.js';
import { createPool } from '../threads/pool.js';
import type { CheckTaskResult } from '../threads/protocol.js';
import { FINDINGS } from '../variants/findings.js';
import { findVariant, VARIANTS } from '../variants/registry.js';
import { costProbe } from './cost-probe.js';
import { describeExpectation, expectationUnder, type Expectation } from '../variants/variant.js';
import { MEMORY_MODES, type MemoryMode } from '../memory/model.js';
import type { CheckResult } from './check.js';

export type Budget = 'quick' | 'full';
export const BUDGETS: Record<Budget, { passes: number; bugs: number }> = {
  quick: { passes: 20_000, bugs: 200_000 },
  full: { passes: 200_000, bugs: 1_000_000 },
};

export interface ValidateRow {
  name: string;
  variant: string;
  kind: 'design' | 'bug' | 'finding';
  workloads: readonly Workload[];
  memory: MemoryMode;
  expected: string;
  observed: string;
  met: boolean;
  runs: number;
  elapsedMs: number;
  timeToFirstFailureMs: number | null;
  shrunkChoices: number | null;
  doShrinkSlabPerPass: number;
  visitsPerPass: number;
  /** the fixed nokmem reclaim-cost probe (cost-probe.ts): set bits visited per pass */
  probeVisitsPerPass: number;
  token: string | null;
}

export interface ValidateResult {
  ok: boolean;
  budget: Budget;
  seed: number;
  elapsedMs: number;
  rows: ValidateRow[];
}

interface Job {
  name: string;
  variant: string;
  kind: ValidateRow['kind'];
  workloads: readonly Workload[];
  memory: MemoryMode;
  expect: Expectation;
}

/**
 * One row per variant; a bug that shows only under one memory model gets a row for each model (it
 * must pass under the other: the harness tells a missing barrier from a present one). Correct designs
 * are also checked under weak memory. Then one row per finding of the reference.
 */
export function jobs(): Job[] {
  const variants = VARIANTS.flatMap((v): Job[] => {
    const kind = v.expect.kind === 'passes' ? 'design' : 'bug';
    const base = { variant: v.name, kind, workloads: v.workloads ?? DEFAULT_WORKLOADS } as const;
    const modes: readonly MemoryMode[] = v.expect.kind === 'violates' && v.expect.memory === undefined ? ['sc'] : MEMORY_MODES;
    return modes.map((memory) => ({ ...base, name: modes.length > 1 ? `${v.name}@${memory}` : v.name, memory, expect: expectationUnder(v.expect, memory) }));
  });
  const findings = FINDINGS.map((f): Job => ({ name: f.name, variant: 'lockless', kind: 'finding', workloads: f.workloads, memory: 'sc', expect: { kind: 'violates', invariant: f.invariant } }));
  return [...variants, ...findings];
}

function row(j: Job, r: CheckResult, probe: number): ValidateRow {
  const f = r.failure;
  const met = j.expect.kind === 'passes' ? r.ok : f?.invariant === j.expect.invariant;
  return {
    name: j.name, variant: j.variant, kind: j.kind, workloads: j.workloads, memory: j.memory, expected: describeExpectation(j.expect),
    observed: f ? `violates ${f.invariant}` : 'passes', met, runs: r.runs, elapsedMs: r.elapsedMs,
    timeToFirstFailureMs: f ? f.timeToFirstFailureMs : null, shrunkChoices: f ? f.steps : null,
    doShrinkSlabPerPass: r.passes > 0 ? r.doShrinkSlab / r.passes : 0, visitsPerPass: r.passes > 0 ? r.visits / r.passes : 0, probeVisitsPerPass: probe, token: f ? f.token : null,
  };
}

export async function validate(o: { budget: Budget; seed: number; onRow?: (r: ValidateRow, done: number, total: number) => void }): Promise<ValidateResult> {
  const t0 = performance.now();
  const threads = Math.max(1, Math.min(availableParallelism(), 4));
  const pool = createPool(threads);
  const limit = pLimit(threads);
  const all = jobs();
  let done = 0;
  try {
    const rows = await Promise.all(all.map((j) => limit(async () => {
      const runs = j.expect.kind === 'passes' ? BUDGETS[o.budget].passes : BUDGETS[o.budget].bugs;
      const res = (await pool.run({ kind: 'check', variant: { name: j.variant }, runs, seed: o.seed, strategy: 'random', workloads: j.workloads, memory: j.memory })) as CheckTaskResult;
      const r = row(j, res.result, costProbe(findVariant(j.variant)!).visitsPerPass);
      o.onRow?.(r, ++done, all.length);
      return r;
    })));
    return { ok: rows.every((r) => r.met), budget: o.budget, seed: o.seed, elapsedMs: performance.now() - t0, rows };
  } finally {
    await pool.destroy();
  }
}
