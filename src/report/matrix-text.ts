/**
 * The validation matrix for the terminal, in at most 120 columns: the columns that decide (name, kind,
 * memory, expected, observed, runs, time to first failure, verdict), a short legend for the ones that
 * are not obvious, one line per row worth a look (`<name>: npx shrinkrace replay <token>`, or for an
 * unmet row with no counterexample the check that re-runs its search), the overall verdict and, when a
 * row is UNEXPECTED, what to do next. The full matrix, every column explained, is in validate.md,
 * validate.json and report.html (matrix-columns.ts). A follow-up line is the only one that may pass
 * 120 columns: a command with a long token is not broken, so it can be copied.
 */
import type { ValidateResult } from './matrix-types.js';
import { followUp, seconds, verdictText, workloadGroups, type MatrixRowView } from './matrix-columns.js';
import { wrapCell } from './wrap-cell.js';

export const TERMINAL_WIDTH = 120;

/**
 * An expected or observed outcome in a few words: "violates lost-bit (weak memory only)" ->
 * "lost-bit*", "violates use-after-free" -> "use-after-free", "harness error: ..." -> "harness error"
 * (the CLI prints the message), "passes (N runs in its time share)" -> "passes (time)".
 */
function outcome(s: string): string {
  const m = /^violates (\S+)( \(\w+ memory only\))?$/.exec(s);
  if (m) return `${m[1]}${m[2] ? '*' : ''}`;
  for (const [re, short] of [[/^harness error\b/, 'harness error'], [/^interrupted\b/, 'interrupted'], [/^not run\b/, 'not run'], [/^passes \(.*time/, 'passes (time)']] as const) {
    if (re.test(s)) return short;
  }
  return s;
}

/** 20000 -> "20k", 1000000 -> "1M", 1234 -> "1234". */
function compact(n: number): string {
  const unit = (d: number, u: string): string => `${Number.isInteger(n / d) ? n / d : (n / d).toFixed(1)}${u}`;
  return n < 10_000 ? String(n) : n < 1_000_000 ? unit(1000, 'k') : unit(1_000_000, 'M');
}

interface TextColumn { head: string; cell: (r: MatrixRowView) => string; right?: boolean; shrink?: boolean }

const COLUMNS: readonly TextColumn[] = [
  { head: 'name', cell: (r) => r.name, shrink: true },
  { head: 'kind', cell: (r) => r.kind },
  { head: 'memory', cell: (r) => r.memory ?? 'sc' },
  { head: 'expected', cell: (r) => outcome(r.expected), shrink: true },
  { head: 'observed', cell: (r) => outcome(r.observed), shrink: true },
  { head: 'runs', cell: (r) => compact(r.runs), right: true },
  { head: '1st failure', cell: (r) => seconds(r.timeToFirstFailureMs), right: true },
  { head: 'verdict', cell: verdictText },
];

const clip = (s: string, w: number): string => (s.length <= w ? s : `${s.slice(0, Math.max(0, w - 1))}…`);

/** Column widths that fit `max`: the widest shrinkable column gives a character until the table fits. */
function widths(rows: readonly string[][], max: number): number[] {
  const w = COLUMNS.map((c, i) => rows.reduce((m, r) => Math.max(m, r[i].length), c.head.length));
  const total = (): number => w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
  while (total() > max) {
    let k = -1;
    COLUMNS.forEach((c, i) => { if (c.shrink && w[i] > 8 && (k < 0 || w[i] > w[k])) k = i; });
    if (k < 0) break;
    w[k]--;
  }
  return w;
}

function legend(rows: readonly MatrixRowView[]): string[] {
  const groups = workloadGroups(rows);
  const others = groups.slice(1).map((g) => `${g.workloads} (${g.names.join(', ')})`);
  const entries = [
    'kind: design must pass; bug (a known bug) and finding (a known race of the reference) must break the expected invariant',
    'memory: sc = sequentially consistent; weak = per-actor store buffers (they expose a missing smp_mb__*())',
    'expected, observed: passes, or the invariant a run broke; * = under this memory model only (under sc it must pass)',
    'runs: scenario x schedule runs (k = 1,000; M = 1,000,000), up to the first failure; 1st failure: wall time to it',
    ...(rows.some((r) => r.stopped === 'time') ? ['passes (time): the row\'s share of --time ran out before its budget of runs'] : []),
    ...(groups.length ? [`workloads: ${groups[0].workloads}${others.length ? `; except ${others.join('; ')}` : ''}`] : []),
    'more columns in validate.md and report.html: shrunk choices, do_shrink_slab/pass, bits visited/pass, nokmem probe',
  ];
  return entries.flatMap((e) => wrapCell(e, TERMINAL_WIDTH));
}

/** What to do when a row is UNEXPECTED, by why it is: one line, at most 120 columns. */
function nextStep(unmet: readonly MatrixRowView[]): string {
  if (unmet.some((r) => r.error)) return 'next: a harness error is a bug in shrinkrace or in the variant\'s code, not a verdict: run its line above to see it';
  if (unmet.every((r) => r.stopped === 'interrupt' || r.stopped === 'not-run')) return 'next: validate was interrupted; run it again to the end (or the check lines above, one row at a time)';
  const replays = unmet.some((r) => r.token !== null);
  const checks = unmet.some((r) => r.token === null);
  if (replays && checks) return 'next: replay the UNEXPECTED rows that have a token and read the trace; re-run the others\' check with more --runs';
  if (replays) return 'next: replay each UNEXPECTED row and read its trace: legal kernel interleaving = design bug, impossible = model bug';
  return 'next: re-run the check line of each UNEXPECTED row; a known bug still not caught needs more --runs or another --seed';
}

/** The overall verdict, then (when a row is UNEXPECTED) which rows and what to do next. */
function verdictLines(v: ValidateResult, rows: readonly MatrixRowView[]): string[] {
  const unmet = rows.filter((r) => verdictText(r) === 'UNEXPECTED');
  const tail = `(budget ${v.budget}, seed ${v.seed}, ${(v.elapsedMs / 1000).toFixed(1)}s)`;
  const cut = rows.length - rows.filter((r) => r.met).length - unmet.length;
  const interrupted = v.interrupted ? [`INTERRUPTED (Ctrl-C): ${cut} of ${rows.length} rows were cut short or not run; their verdicts are not known`] : [];
  if (unmet.length === 0) return [...interrupted, ...(v.interrupted ? [] : [`every row met its expectation ${tail}`])];
  return [...interrupted, ...wrapCell(`${unmet.length} of ${rows.length} rows UNEXPECTED ${tail}: ${unmet.map((r) => r.name).join(', ')}`, TERMINAL_WIDTH), nextStep(unmet)];
}

export function matrixText(v: ValidateResult): string {
  const rows: readonly MatrixRowView[] = v.rows;
  const cells = rows.map((r) => COLUMNS.map((c) => c.cell(r)));
  const w = widths(cells, TERMINAL_WIDTH);
  const line = (c: readonly string[]): string => c.map((x, i) => (COLUMNS[i].right ? clip(x, w[i]).padStart(w[i]) : clip(x, w[i]).padEnd(w[i]))).join('  ').trimEnd();
  const follow = rows.flatMap((r) => { const f = followUp(r, v.seed); return f === null ? [] : [`${r.name}: ${f}`]; });
  return [
    line(COLUMNS.map((c) => c.head)), w.map((n) => '-'.repeat(n)).join('  '), ...cells.map(line), '',
    ...legend(rows), '',
    ...(follow.length ? ['to look at a row (a replay prints its trace byte for byte):', ...follow, ''] : []),
    ...verdictLines(v, rows),
  ].join('\n');
}
