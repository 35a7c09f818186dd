/**
 * A set of shard reports to merge (report/merge.ts): one search cut into pieces, every piece once.
 * completeShards checks the set (the same command, the same count n, every index 1..n exactly once)
 * and sameSearch that the pieces are of one search; either refuses with a MergeError, one line naming
 * the directories that disagree.
 */
import type { Summary } from './summary-schema.js';

export class MergeError extends Error {
  override name = 'MergeError';
}

/** One shard's report: where it was read from (named in every error) and its parsed summary.json. */
export interface ShardReport {
  dir: string;
  summary: Summary;
}

/** A shard's report with its shard known to be there. */
export type Sharded = ShardReport & { shard: { index: number; count: number } };

/** The reports as one complete set of shards 1..n, in shard order; a MergeError otherwise. */
export function completeShards(reports: readonly ShardReport[]): Sharded[] {
  if (reports.length === 0) throw new MergeError('merge needs the report directory of every shard');
  const sharded = reports.map((r): Sharded => {
    if (r.summary.shard == null) throw new MergeError(`${r.dir} is not a shard: its ${r.summary.command} ran without --shard`);
    return { ...r, shard: r.summary.shard };
  });
  const first = sharded[0];
  for (const r of sharded) {
    if (r.summary.command !== first.summary.command) throw new MergeError(`${r.dir} is a ${r.summary.command} report but ${first.dir} is a ${first.summary.command} report: not one search`);
    if (r.shard.count !== first.shard.count) {
      throw new MergeError(`${r.dir} is shard ${r.shard.index}/${r.shard.count} but ${first.dir} is shard ${first.shard.index}/${first.shard.count}: not the same split`);
    }
  }
  const n = first.shard.count;
  const byIndex = new Map<number, Sharded>();
  for (const r of sharded) {
    const had = byIndex.get(r.shard.index);
    if (had !== undefined) throw new MergeError(`shard ${r.shard.index}/${n} given twice (overlapping): ${had.dir} and ${r.dir}`);
    byIndex.set(r.shard.index, r);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')}: give the report directory of every shard`);
  return [...byIndex.values()].sort((a, b) => a.shard.index - b.shard.index);
}

/** Every shard must agree with the first on each field `key` picks out; else one line naming both. */
export function sameSearch<T>(shards: readonly Sharded[], what: string, key: (r: Sharded) => T): void {
  const show = (v: T): string => (Array.isArray(v) ? v.join(',') : String(v));
  const want = show(key(shards[0]));
  for (const r of shards.slice(1)) {
    const got = show(key(r));
    if (got !== want) throw new MergeError(`${r.dir} is not the same search as ${shards[0].dir}: ${what} ${got} vs ${want}`);
  }
}

/** What a merge of one kind (check, validate) fills in; merge.ts adds the rest. */
export type MergedBody = Omit<Summary, 'schema' | 'version' | 'runId' | 'command' | 'createdAt' | 'shard'>;

/** The merged report's settings: the first shard's, without its shard, with how many were merged and from which runs. */
export function mergedSettings(shards: readonly Sharded[], extra: Summary['settings']): Summary['settings'] {
  const { shard: _, ...rest } = shards[0].summary.settings;
  return { ...rest, ...extra, shards: shards.length, mergedFrom: shards.map((r) => r.summary.runId) };
}
