/** What check (search/check.ts) takes and returns. */
import type { InvariantName } from '../model/violation.js';
import type { Scenario } from '../model/scenario.js';
import type { StrategyName } from '../sched/strategy.js';
import type { MemoryMode } from '../model/memory-model.js';
import type { Variant } from '../variants/variant.js';
import type { Workload } from '../model/workloads.js';
import type { Control } from './control.js';
import type { GeneratorName } from '../model/workloads.js';
import type { HarnessError } from './harness-error.js';
import type { CoverageReport } from './coverage-report.js';
import type { Shard } from './shard.js';
import type { FoundLog } from './found-log.js';

export interface CheckOptions {
  variant: Variant;
  runs: number;
  seed: number;
  strategy: StrategyName;
  /** memory model (default sc) */
  memory?: MemoryMode;
  /** model features the generated scenarios use (default DEFAULT_WORKLOADS) */
  workloads?: readonly Workload[];
  /** the scenario generator (search/trial-arb.ts; default DEFAULT_GENERATOR, blend) */
  scenarios?: GeneratorName;
  /** search the schedules of this one scenario instead of generated ones (a finding's, Finding.scenario) */
  scenario?: Scenario;
  /** keep searching after a violation and report every distinct signature (`--all`) */
  all?: boolean;
  /** stop as soon as this known finding (its name), this bug signature or a violation of this invariant is found, and shrink it (validate's finding rows); with `all`, every other signature is only listed on the way */
  until?: string;
  /** stop shrinking after this long (the best counterexample so far is kept); with `all`, per signature */
  shrinkTimeMs?: number;
  /** stop searching after this long, found or not (`--time`; bench: time to first failure within a budget) */
  timeLimitMs?: number;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  /** strategy exhaustive: most preemptions per schedule (default 2; search/exhaustive-search.ts) */
  preemptions?: number;
  /** interrupt flag and progress counters shared with another thread (src/search/control.ts) */
  control?: Control;
  /** count the reference lines and interleaving pairs the runs reach (`--coverage`; search/coverage-report.ts) */
  coverage?: boolean;
  /** run only this shard's runs (search/shard.ts; `--shard i/n`): all are generated, run numbers stay global */
  shard?: Shard;
  /** internal (search/portfolio.ts): one slice of a larger search, which finishes it (see SliceInto) */
  into?: SliceInto;
}

/**
 * A strategy run as one slice of a portfolio search: it records what it finds into the portfolio's log,
 * numbers its runs after the `runOffset` runs before it and times them from the portfolio's start `t0`,
 * and returns without shrinking or listing anything (violations: []); the portfolio finishes the search.
 */
export interface SliceInto {
  log: FoundLog;
  runOffset: number;
  t0: number;
}

export interface FoundFailure {
  invariant: InvariantName;
  /** the bug's name (search/signature.ts): shrinking kept it */
  signature: string;
  message: string;
  token: string;
  /** the failure's full text: what `replay token` prints */
  text: string;
  /** explicit schedule length after shrinking (trailing zeros dropped) */
  steps: number;
  /** steps the shrunk run executed */
  runSteps: number;
  switches: number;
  runsToFirstFailure: number;
  timeToFirstFailureMs: number;
  /** explicit schedule length of the failure as found, before shrinking */
  foundSteps: number;
  shrinkMs: number;
  scenario: Scenario;
  schedule: number[];
}

/** One distinct signature a search found (every one with `all`; known findings always). */
export interface SignatureReport {
  signature: string;
  invariant: InvariantName;
  /** the known finding it is, or null */
  known: string | null;
  /** the variant expects this invariant broken */
  expected: boolean;
  firstRun: number;
  hits: number;
  /** its replay token (shrunk when the search shrank it) and schedule choices */
  replay: string;
  steps: number;
  shrunk: boolean;
}

export interface CheckResult {
  /** no new violation (known findings do not count; with `all`, none unexpected), no harness error, every run asked for ran (or the time budget ended it) */
  ok: boolean;
  variant: string;
  memory: MemoryMode;
  workloads: readonly Workload[];
  strategy: StrategyName;
  /** the scenario generator the runs were drawn from (absent: one given scenario was searched, or a strategy that draws its own) */
  scenarios?: GeneratorName;
  seed: number;
  /** runs executed (a shard: its own; runs generated is runsAsked unless the search stopped early) */
  runs: number;
  runsAsked: number;
  /** the shard this search ran (absent: the whole search) */
  shard?: Shard;
  /** searched with `all` (every distinct signature reported) */
  all?: boolean;
  /** why the search ended before `runsAsked` runs without a verdict: its time budget, or an interrupt */
  stopped: 'time' | 'interrupt' | null;
  steps: number;
  elapsedMs: number;
  /** over every run: do_shrink_slab calls and reclaim passes (their ratio is the reclaim cost) */
  doShrinkSlab: number;
  passes: number;
  /** set bits visited by memcg walks, over every run */
  visits: number;
  /** the first violation that is not a known finding (with `all`: the first unexpected one), shrunk */
  failure?: FoundFailure;
  /** every distinct signature found: known findings, and with `all` everything */
  violations: SignatureReport[];
  error?: HarnessError;
  /**
   * strategy exhaustive: its scenarios, distinct schedules run, the bound, whether every schedule within it was run; how many
   * scenarios were explored up to the bound, and the bound every scenario was explored up to (-1: not even 0)
   */
  exhaustive?: { scenarios: number; schedules: number; preemptions: number; complete: boolean; explored: number; lowest: number };
  /** with `coverage`: the coverage table of the search's runs */
  coverage?: CoverageReport;
}
