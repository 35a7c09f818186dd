/**
 * The thread engine's one message protocol: what the pool sends a worker and what the worker answers.
 * Imported by both sides; it holds types and plain data only (no pool code), so worker entry files
 * may import it.
 */
import type { GeneratorName } from '../model/workloads.js';
import type { InvariantName } from '../model/violation.js';
import type { Scenario } from '../model/scenario.js';
import type { StrategyName } from '../sched/strategy.js';
import type { Workload } from '../model/workloads.js';
import type { CheckResult } from '../search/check.js';
import type { Shard } from '../search/shard.js';
import type { MemoryMode } from '../model/memory-model.js';

import type { VariantRef } from '../variants/load.js';

/** Run some of one scenario's actors on this thread, on the shared buffer `sab`. */
export interface RunTask {
  kind: 'run';
  sab: SharedArrayBuffer;
  /** ticket log ring entries (the layout is recomputed from the scenario and this) */
  ringCap: number;
  variant: VariantRef;
  scenario: Scenario;
  /** this worker's index among the run's `workers` (all meet at a spin barrier first) */
  worker: number;
  workers: number;
  /** actor ids this worker steps (the RCU runner's id is the last actor id of the scenario) */
  actors: number[];
  /** seeds this worker's choice of actor and its jitter */
  seed: number;
  /** probability, per step, of a random busy-wait after the step (widens race windows) */
  jitter: number;
}

/** Measure raw Atomics throughput on this thread: adds to one shared word, and to a private one. */
export interface CalibrateTask {
  kind: 'calibrate';
  sab: SharedArrayBuffer;
  worker: number;
  workers: number;
  ms: number;
}

/** Run a deterministic-engine check (search/check.ts) on this thread: validate runs variants in parallel. */
export interface CheckTask {
  kind: 'check';
  variant: VariantRef;
  runs: number;
  seed: number;
  strategy: StrategyName;
  workloads: readonly Workload[];
  memory: MemoryMode;
  /** the search's control block (src/search/control.ts): interrupt flag, progress, heartbeat */
  control?: SharedArrayBuffer;
  timeLimitMs?: number;
  shrinkTimeMs?: number;
  /** report every distinct signature (check --all) */
  all?: boolean;
  until?: string;
  /** strategy exhaustive: most preemptions per schedule */
  preemptions?: number;
  /** run only this shard's runs (search/shard.ts) */
  shard?: Shard;
  /** collect the coverage table (check --coverage) */
  coverage?: boolean;
  /** the scenario generator (search/scenario-arb.ts) */
  scenarios?: GeneratorName;
  /** one fixed scenario instead (a finding's) */
  scenario?: Scenario;
}

export type Task = RunTask | CalibrateTask | CheckTask;

interface Ran {
  worker: number;
  steps: number;
  elapsedMs: number;
}

export type RunResult =
  /** every actor of this worker finished */
  | (Ran & { kind: 'done' })
  /** G_STOP was raised elsewhere; `waits` names what each unfinished actor of this worker waited on */
  | (Ran & { kind: 'stopped'; waits: { actor: number; what: string }[] })
  /** an invariant broke on this thread, at ticket `step` */
  | (Ran & { kind: 'violation'; actor: number; step: number; invariant: InvariantName; message: string })
  /** the variant's code threw something that is not a violation */
  | (Ran & { kind: 'error'; actor: number; step: number; message: string });

export interface CalibrateResult {
  kind: 'calibrated';
  worker: number;
  sharedOps: number;
  privateOps: number;
  elapsedMs: number;
}

export interface CheckTaskResult {
  kind: 'checked';
  result: CheckResult;
}

export type Result = RunResult | CalibrateResult | CheckTaskResult;
