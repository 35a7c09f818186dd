/**
 * The validation matrix's columns (one row per validate job, src/api/validate.ts), defined once: each
 * column's header, its cell and one line saying what it shows, so validate.md, validate.json and
 * report.html show and explain the same full set of columns, and the terminal table (matrix-text.ts)
 * picks the ones that decide. Also the lines that follow a row up: its replay line when it has a
 * counterexample, else the check that re-runs its search.
 */
import type { ValidateRow } from './matrix-types.js';

/**
 * A matrix row as api/validate builds it or as summary.json holds it: there, workloads and memory are
 * plain strings, memory may be absent, and summaries written before validate recorded runsAsked,
 * stopped, error, seed and finding lack them.
 */
export type MatrixRowView = Omit<ValidateRow, 'workloads' | 'memory' | 'runsAsked' | 'stopped' | 'error' | 'signature' | 'seed'> &
  { workloads: readonly string[]; memory?: string } & Partial<Pick<ValidateRow, 'runsAsked' | 'stopped' | 'error' | 'signature' | 'seed'>>;

export interface MatrixColumn {
  /** the row field it shows (validate.json's legend is keyed by it) */
  field: keyof MatrixRowView & string;
  head: string;
  cell: (r: MatrixRowView) => string;
  help: string;
}

export const seconds = (ms: number | null): string => (ms === null ? '-' : `${(ms / 1000).toFixed(2)}s`);
/** interrupted and not-run rows are not met, but they are not UNEXPECTED either: nobody looked */
export const verdictText = (r: MatrixRowView): string =>
  (r.met ? 'as expected' : r.stopped === 'not-run' ? 'not run' : r.stopped === 'interrupt' && !r.error ? 'interrupted' : 'UNEXPECTED');

export const MATRIX_COLUMNS: readonly MatrixColumn[] = [
  { field: 'name', head: 'name', cell: (r) => r.name, help: 'the job: a variant (with @sc or @weak when it runs under both memory models), or a finding of the reference design' },
  { field: 'kind', head: 'kind', cell: (r) => r.kind, help: 'design: a correct design, must pass; bug: a known bug, must break the expected invariant; finding: a known race of the reference design (lockless) under its own workloads, must break it too' },
  { field: 'memory', head: 'memory', cell: (r) => r.memory ?? 'sc', help: 'sc: sequentially consistent; weak: per-actor store buffers and loads that may read older values (the LKMM), which expose a missing barrier' },
  { field: 'workloads', head: 'workloads', cell: (r) => r.workloads.join(',') || '-', help: 'the model features the generated scenarios switch on (`shrinkrace variants` lists them)' },
  { field: 'expected', head: 'expected', cell: (r) => r.expected, help: 'what the row must show: passes, or the invariant it must break ("weak memory only": it must pass under sc)' },
  { field: 'observed', head: 'observed', cell: (r) => r.observed, help: 'what the search found: passes, or the first invariant a run broke (or a harness error, an interrupt: never met)' },
  { field: 'runs', head: 'runs', cell: (r) => String(r.runs), help: 'scenario x schedule runs executed; a search stops at its first failure, else spends its budget' },
  { field: 'timeToFirstFailureMs', head: 'time to first failure', cell: (r) => seconds(r.timeToFirstFailureMs), help: 'wall time from the start of the row\'s search to its first failing run, before shrinking' },
  { field: 'shrunkChoices', head: 'shrunk choices', cell: (r) => (r.shrunkChoices === null ? '-' : String(r.shrunkChoices)), help: 'schedule choices left in the counterexample after shrinking: the length of what its replay line re-runs' },
  { field: 'doShrinkSlabPerPass', head: 'do_shrink_slab/pass', cell: (r) => r.doShrinkSlabPerPass.toFixed(2), help: 'do_shrink_slab() calls per reclaim pass (shrink_slab call), averaged over the row\'s runs: the reclaim work a pass does' },
  { field: 'visitsPerPass', head: 'bits visited/pass', cell: (r) => r.visitsPerPass.toFixed(2), help: 'set shrinker-map bits the memcg walk visited per reclaim pass, averaged over the row\'s runs: what the walk pays to find that work' },
  { field: 'probeVisitsPerPass', head: 'nokmem probe: bits/pass', cell: (r) => r.probeVisitsPerPass.toFixed(1), help: 'bits visited per pass in one fixed run (cgroup.memory=nokmem, 8 shrinkers, one NONSLAB item, 10 passes; api/cost-probe.ts): high when a design leaves bits it never acts on' },
  { field: 'met', head: 'verdict', cell: verdictText, help: 'as expected when observed matches expected; not run / interrupted after Ctrl-C; else UNEXPECTED' },
];

/** validate.json's legend: what each row field holds. */
export function fieldLegend(): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(MATRIX_COLUMNS.map((c) => [c.field, c.help]));
  out.variant = 'the variant the row checks (the name without its @memory suffix; the reference for a finding)';
  out.elapsedMs = 'wall time of the row\'s whole search, shrinking included';
  out.token = 'the counterexample\'s replay token (or the harness error\'s): npx shrinkrace replay <token> prints its trace byte for byte';
  out.runsAsked = 'runs the row\'s budget asked for; runs is fewer when the search stopped early';
  out.stopped = 'why the search ended before its budget: time (its share of --time), interrupt (Ctrl-C), not-run; null when it did not';
  out.error = 'the harness error that ended the row\'s search (a bug in shrinkrace or in the variant\'s code, never a verdict), else null';
  return out;
}

export const replayCommand = (token: string): string => `npx shrinkrace replay ${token}`;

/**
 * The check that re-runs a row's search (the row's own seed, its whole budget of runs), to look at a row
 * with no counterexample. A finding row searched for its finding with the finding's workloads and its
 * own scenario or generator: `--finding` does the same (check-cmd.ts), so the line names it instead of
 * workloads. `seed` is validate's, for rows of summaries that did not record their own.
 */
export function checkCommand(r: MatrixRowView, seed: number): string {
  const how = r.finding !== undefined ? ` --finding ${r.finding}` : `${r.workloads.length ? ` --workload ${r.workloads.join(',')}` : ''} --memory ${r.memory ?? 'sc'}`;
  return `npx shrinkrace check --variant ${r.variant}${how} --seed ${r.seed ?? seed} --runs ${r.runsAsked ?? r.runs}`;
}

/** What to run to look at a row: its replay line, or for an unmet row with no counterexample its check line; null when neither applies. */
export function followUp(r: MatrixRowView, seed: number): string | null {
  if (r.token !== null) return replayCommand(r.token);
  return r.met ? null : checkCommand(r, seed);
}

/** Rows grouped by workload list: the commonest first. */
export function workloadGroups(rows: readonly MatrixRowView[]): { workloads: string; names: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const key = r.workloads.join(',') || '-';
    const names = groups.get(key) ?? [];
    names.push(r.name);
    groups.set(key, names);
  }
  return [...groups].map(([workloads, names]) => ({ workloads, names })).sort((a, b) => b.names.length - a.names.length);
}
