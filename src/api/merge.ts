/**
 * `merge`: the report directories of a sharded search (`check --shard i/n`, `validate --shard i/n`)
 * into one report of the whole search, written into a fresh run directory reports/merge-<...>/
 * (summary.json, report.md, report.html; report/report-dir.ts). Every input is read and checked
 * (report/merge.ts) before anything is created, so a refused merge leaves nothing behind.
 *
 * A directory given may be a report directory (it holds summary.json) or a directory holding exactly
 * one (as a CI job's downloaded artifact does: shards/shard-2/check-mainline-<...>/summary.json).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mergeSummaries, MergeError, type ShardReport } from '../report/merge.js';
import { writeReportDir } from '../report/report-dir.js';
import { createRunDir } from '../report/reports-dir.js';
import { readSummary, SummaryError, type Summary } from '../report/summary-schema.js';

export { MergeError } from '../report/merge.js';

/** DIR/summary.json, or the summary.json of the one report directory under DIR. */
export function summaryPathIn(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new MergeError(`${dir} is not a directory`);
  const own = join(dir, 'summary.json');
  if (existsSync(own)) return own;
  const under = readdirSync(dir).map((n) => join(dir, n, 'summary.json')).filter((p) => existsSync(p));
  if (under.length === 1) return under[0];
  throw new MergeError(under.length === 0 ? `no summary.json in ${dir} (nor in a directory under it)` : `${dir} holds ${under.length} reports; give the report directory itself`);
}

/** Read and validate every shard's summary.json; a damaged one is a MergeError naming it. */
export function readShardReports(dirs: readonly string[]): ShardReport[] {
  return dirs.map((dir) => {
    const path = summaryPathIn(dir);
    try {
      return { dir: join(path, '..'), summary: readSummary(path) };
    } catch (e) {
      if (e instanceof SummaryError) throw new MergeError(`${path}: ${e.message}`);
      throw e;
    }
  });
}

export interface MergeResult {
  /** the merged report directory */
  dir: string;
  summary: Summary;
}

/** Merge the shards' reports in `dirs` into a new run directory under `reportsDir`. */
export function mergeReports(dirs: readonly string[], reportsDir: string): MergeResult {
  const merged = mergeSummaries(readShardReports(dirs));
  const name = merged.command === 'check' ? merged.verdicts[0]?.name ?? null : merged.command;
  const dir = createRunDir(reportsDir, 'merge', name);
  const summary = { ...merged, runId: basename(dir) };
  writeReportDir(dir, summary);
  return { dir, summary };
}
