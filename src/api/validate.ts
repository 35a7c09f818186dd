/**
 * validate: check every registered variant under its workloads, and every finding of the reference
 * under its own, and report whether each met its expectation: a correct design must survive its budget,
 * a bug (or a finding) must be caught with the invariant it is known to break. Rows run as tasks on the
 * worker pool (one per core), bounded with p-limit; the pool is destroyed before returning.
 *
 * A row whose search met a harness error is not met (`error` says why; the command exits 3). With a
 * time budget, each row gets a fair share of what is left when it starts (so every row runs); a row
 * that stopped on time says so. An AbortSignal (Ctrl-C) interrupts the rows in flight, which return
 * what they found so far; rows not started are "not run". Neither is ever reported as met.
 */
import type { GeneratorName } from '../model/workloads.js';
import type { Scenario } from '../model/scenario.js';
import pLimit from 'p-limit';
import { availableParallelism } from 'node:os';
import { DEFAULT_WORKLOADS, type Workload } from '../model/workloads.js';
import { createPool } from '../threads/pool.js';
import type { CheckTaskResult } from '../threads/protocol.js';
import { designsOf, FINDINGS, findingRowName, findingScenario } from '../variants/findings.js';
import { findVariant, VARIANTS } from '../variants/registry.js';
import { costProbe } from './cost-probe.js';
import { describeExpectation, expectationUnder, type Expectation } from '../variants/variant.js';
import { MEMORY_MODES, type MemoryMode } from '../model/memory-model.js';
import type { CheckResult } from '../search/check.js';
import { interrupt, newControl, type Control } from '../search/control.js';
import { inShard, type Shard } from '../search/shard.js';

export { BUDGETS, type Budget, type ValidateResult, type ValidateRow } from '../report/matrix-types.js';
import { BUDGETS, type Budget, type ValidateResult, type ValidateRow } from '../report/matrix-types.js';

interface Job {
  name: string;
  variant: string;
  kind: ValidateRow['kind'];
  workloads: readonly Workload[];
  memory: MemoryMode;
  expect: Expectation;
  /** a finding row: the known finding whose signature the search must hit */
  finding?: string;
  /** the finding's scenario generator (variants/findings.ts) */
  scenarios?: GeneratorName;
  /** the finding's fixed scenario (Finding.scenario) */
  scenario?: Scenario;
  /** a finding's own seed (Finding.seed), else validate's */
  seed?: number;
}

/**
 * One row per variant; a bug that shows only under one memory model gets a row for each model (it
 * must pass under the other: the harness tells a missing barrier from a present one). Correct designs
 * are also checked under weak memory. Then one row per finding of the reference.
 */
export function jobs(): Job[] {
  const variants = VARIANTS.flatMap((v): Job[] => {
    const kind = v.expect.kind === 'passes' ? 'design' : 'bug';
    const base = { variant: v.name, kind, workloads: v.workloads ?? DEFAULT_WORKLOADS, ...(v.seed !== undefined && { seed: v.seed }) } as const;
    const modes: readonly MemoryMode[] = v.expect.kind === 'violates' && v.expect.memory === undefined ? ['sc'] : MEMORY_MODES;
    return modes.map((memory) => ({ ...base, name: modes.length > 1 ? `${v.name}@${memory}` : v.name, memory, expect: expectationUnder(v.expect, memory) }));
  });
  const findings = FINDINGS.flatMap((f) => designsOf(f).map((design): Job => ({
    name: findingRowName(f, design), variant: design, kind: 'finding', workloads: f.workloads, memory: 'sc', expect: { kind: 'violates', invariant: f.invariant }, finding: f.name, ...(f.scenarios && { scenarios: f.scenarios }), scenario: findingScenario(f), ...(f.seed !== undefined && { seed: f.seed }),
  })));
  return [...variants, ...findings];
}

function observedOf(r: CheckResult): string {
  if (r.error) return `harness error: ${r.error.message}`;
  if (r.failure) {
    const known = r.violations.find((x) => x.signature === r.failure!.signature)?.known;
    return `violates ${r.failure.invariant}${known ? ` (known: ${known})` : ''}`;
  }
  if (r.stopped === 'interrupt') return `interrupted after ${r.runs} runs`;
  return r.stopped === 'time' ? `passes (${r.runs} runs in its time share)` : 'passes';
}

function row(j: Job, r: CheckResult, probe: number, seed: number): ValidateRow {
  const f = r.failure;
  // a finding row is met by its own signature, not just its invariant (a different race breaking the
  // same invariant is news, not the finding)
  const hit = j.finding === undefined ? j.expect.kind === 'violates' && f?.invariant === j.expect.invariant : f !== undefined && FINDINGS.find((x) => x.name === j.finding)!.signatures.includes(f.signature);
  const met = r.error === undefined && r.stopped !== 'interrupt' && (j.expect.kind === 'passes' ? r.ok : hit);
  return {
    name: j.name, variant: j.variant, kind: j.kind, workloads: j.workloads, memory: j.memory, expected: describeExpectation(j.expect),
    observed: observedOf(r), met, runs: r.runs, elapsedMs: r.elapsedMs,
    timeToFirstFailureMs: f ? f.timeToFirstFailureMs : null, shrunkChoices: f ? f.steps : null,
    doShrinkSlabPerPass: r.passes > 0 ? r.doShrinkSlab / r.passes : 0, visitsPerPass: r.passes > 0 ? r.visits / r.passes : 0, probeVisitsPerPass: probe,
    signature: f ? f.signature : null, token: f ? f.token : (r.error?.token ?? null), runsAsked: r.runsAsked, stopped: r.stopped, error: r.error ? r.error.message : null,
    seed, ...(j.finding !== undefined && { finding: j.finding }),
  };
}

function notRun(j: Job, runsAsked: number, seed: number): ValidateRow {
  return {
    name: j.name, variant: j.variant, kind: j.kind, workloads: j.workloads, memory: j.memory, expected: describeExpectation(j.expect),
    observed: 'not run (interrupted)', met: false, runs: 0, elapsedMs: 0, timeToFirstFailureMs: null, shrunkChoices: null,
    doShrinkSlabPerPass: 0, visitsPerPass: 0, probeVisitsPerPass: 0, signature: null, token: null, runsAsked, stopped: 'not-run', error: null,
    seed, ...(j.finding !== undefined && { finding: j.finding }),
  };
}

export interface ValidateOptions {
  budget: Budget;
  seed: number;
  /** the whole matrix's time budget: each row gets a fair share of what is left when it starts */
  timeLimitMs?: number;
  signal?: AbortSignal;
  onRow?: (r: ValidateRow, done: number, total: number) => void;
  /** run only this shard's rows (search/shard.ts): row k of jobs() is in shard ((k-1) mod n)+1 */
  shard?: Shard;
}

export async function validate(o: ValidateOptions): Promise<ValidateResult> {
  const t0 = performance.now();
  const threads = Math.max(1, Math.min(availableParallelism(), 4));
  const pool = createPool(threads);
  const limit = pLimit(threads);
  const all = jobs().filter((_, i) => inShard(i + 1, o.shard));
  const controls = new Set<Control>();
  const onAbort = (): void => controls.forEach(interrupt);
  o.signal?.addEventListener('abort', onAbort);
  let started = 0;
  let done = 0;
  try {
    const rows = await Promise.all(all.map((j) => limit(async () => {
      const runs = j.expect.kind === 'passes' ? BUDGETS[o.budget].passes : BUDGETS[o.budget].bugs;
      const seed = j.seed ?? o.seed; // a finding's or a variant's own seed, else validate's
      if (o.signal?.aborted) {
        const r = notRun(j, runs, seed);
        o.onRow?.(r, ++done, all.length);
        return r;
      }
      const share = o.timeLimitMs === undefined ? undefined : Math.max(1, ((o.timeLimitMs - (performance.now() - t0)) * threads) / (all.length - started));
      started++;
      const control = newControl();
      controls.add(control);
      let r: ValidateRow;
      try {
        const res = (await pool.run({
          kind: 'check', variant: { name: j.variant }, runs, seed, strategy: 'random', workloads: j.workloads, memory: j.memory,
          control: control.buffer as SharedArrayBuffer, timeLimitMs: share, until: j.finding, scenarios: j.scenarios, scenario: j.scenario,
        })) as CheckTaskResult;
        r = row(j, res.result, costProbe(findVariant(j.variant)!).visitsPerPass, seed);
      } catch (e) {
        const message = `the worker thread failed: ${e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e)}`;
        r = { ...notRun(j, runs, seed), observed: `harness error: ${message}`, stopped: null, error: message };
      } finally {
        controls.delete(control);
      }
      o.onRow?.(r, ++done, all.length);
      return r;
    })));
    const harnessErrors = rows.filter((r) => r.error !== null).length;
    return {
      ok: rows.every((r) => r.met), interrupted: o.signal?.aborted ?? false, harnessErrors, timeLimitMs: o.timeLimitMs ?? null,
      budget: o.budget, seed: o.seed, elapsedMs: performance.now() - t0, rows, ...(o.shard && { shard: o.shard }),
    };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
}
