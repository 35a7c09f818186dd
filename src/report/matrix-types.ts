/**
 * What a validate run produces, as data: its budgets, one row per design, bug or finding, and the
 * result. The renderers (matrix*.ts, html.ts, markdown.ts) read it; api/validate.ts produces it.
 */
import type { Workload } from '../model/workloads.js';
import type { MemoryMode } from '../model/memory-model.js';

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
  /** the bug signature of the row's counterexample (search/signature.ts), or null */
  signature: string | null;
  token: string | null;
  /** runs the row's budget asked for; `runs` may be fewer when `stopped` */
  runsAsked: number;
  /** the seed the row's search used: a job's own (a finding's or a variant's `seed`), else validate's */
  seed: number;
  /** a finding row's finding (its name, `lockless@...`): the row searched for it the way `check --finding` does */
  finding?: string;
  /** why the row's search ended early: its share of --time, an interrupt, or never started */
  stopped: 'time' | 'interrupt' | 'not-run' | null;
  /** a harness error ended the row's search (never met); its replay token is in `token` when there is one */
  error: string | null;
}

export interface ValidateResult {
  ok: boolean;
  /** Ctrl-C ended it: rows in flight were cut short, rows not started were not run */
  interrupted: boolean;
  /** rows whose search met a harness error */
  harnessErrors: number;
  timeLimitMs: number | null;
  budget: Budget;
  seed: number;
  elapsedMs: number;
  rows: ValidateRow[];
  /** the shard of the rows this run holds (`--shard i/n`: row k of the whole matrix is in shard ((k-1) mod n)+1); absent: every row */
  shard?: { index: number; count: number };
}

