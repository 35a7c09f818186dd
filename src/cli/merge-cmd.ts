/**
 * `shrinkrace merge DIR...`: the reports of every shard of one search (`check --shard i/n`, `validate
 * --shard i/n`, e.g. the jobs of a CI matrix) merged into one report (api/merge.ts), as vitest's
 * `--merge-reports` merges `--shard` runs. Exit as the unsharded command would: 0 ok, 1 the merged
 * verdict fails (an unexpected signature; validate: a row not met), 3 a shard met a harness error;
 * 2 when the reports are not every shard of one search (one line, nothing written).
 */
import { mergeReports, MergeError, type MergeResult } from '../api/merge.js';
import type { Summary } from '../report/summary-schema.js';
import { jsonOpt, reportsDirOpt } from './common-options.js';
import { parseCommand, type CommandSpec } from './options.js';
import { EXIT_HARNESS, UsageError } from './usage.js';

export const MERGE = {
  name: 'merge',
  summary: 'merge the reports of every shard of a search (check/validate --shard i/n) into one report',
  positional: { name: 'DIR...', help: 'each shard\'s report directory (or a directory holding exactly one, as a downloaded CI artifact does)', many: true },
  options: {
    json: jsonOpt,
    'reports-dir': reportsDirOpt,
  },
  notes: [
    'The shards must be one search (the same variant, seed, strategy, scenario generator, memory, workloads, --all and --runs; validate: budget and seed), ' +
    'every shard 1..n once. Runs are summed; a signature found by several shards is listed once, with the smallest first run, ' +
    'the hits summed and the replay of the shard that met it first: with --all, the merged report is the one the unsharded search writes.',
  ],
} satisfies CommandSpec;

/** One line per signature of a merged check: new, known or expected; first run, hits, replay. */
function signatureLines(search: NonNullable<Summary['search']>): string[] {
  const sigs = search.signatures;
  if (sigs.length === 0) return [];
  const isNew = (x: (typeof sigs)[number]): boolean => x.known === null && !x.expected;
  const lines = [`bug signatures found: ${sigs.length} (${sigs.filter(isNew).length} new, ${sigs.filter((x) => !isNew(x)).length} known or expected)`];
  for (const x of sigs) {
    const tag = isNew(x) ? 'NEW     ' : x.known !== null ? `known (${x.known})` : 'expected';
    lines.push(`  ${tag}  ${x.signature}`, `            first at run ${x.firstRun}, ${x.hits} run(s): npx shrinkrace replay ${x.replay}`);
  }
  return lines;
}

export function mergeText(m: MergeResult): string[] {
  const s = m.summary;
  const verdict = s.ok ? 'ok' : 'FAILED';
  const shards = `${String(s.settings.shards)} shards`;
  if (s.search) {
    const q = s.search;
    const head = `${verdict}: merged ${shards} of check ${q.variant} (seed ${q.seed}, strategy ${q.strategy}${q.scenarios ? `, scenarios ${q.scenarios}` : ''}, memory ${q.memory}, workloads ${q.workloads.join(',')}${q.all ? ', --all' : ''}): ` +
      `${q.runs} of ${q.runsAsked} runs, ${s.verdicts[0]?.observed ?? ''}${q.error ? '' : ` (expected: ${s.verdicts[0]?.expected ?? '?'})`}`;
    return [head, ...signatureLines(q)];
  }
  const rows = s.matrix?.rows ?? [];
  return [`${verdict}: merged ${shards} of validate (budget ${s.matrix?.budget}, seed ${s.matrix?.seed}): ${rows.length} rows, ${rows.filter((r) => !r.met).length} not met`,
    ...rows.filter((r) => !r.met).map((r) => `  ${r.name}: expected ${r.expected}, observed ${r.observed}`)];
}

export function mergeExit(s: Summary): number {
  if (s.search?.error || s.matrix?.rows.some((r) => r.error)) return EXIT_HARNESS;
  return s.ok ? 0 : 1;
}

export function mergeCommand(argv: string[]): number {
  const { values: o, positionals: dirs } = parseCommand(MERGE, argv);
  if (dirs.length === 0) throw new UsageError('merge needs the report directory of every shard (see: shrinkrace merge --help)');
  let m: MergeResult;
  try {
    m = mergeReports(dirs, o['reports-dir']);
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(`merge: ${e.message}`);
    throw e;
  }
  if (o.json) process.stdout.write(JSON.stringify({ ...m.summary, reportDir: m.dir }) + '\n');
  else for (const line of mergeText(m)) process.stdout.write(line + '\n');
  (o.json ? process.stderr : process.stdout).write(`report: ${m.dir}/report.html\n`);
  return mergeExit(m.summary);
}
