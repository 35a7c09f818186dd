/**
 * Merging the reports of a sharded search (`check --shard i/n`, `validate --shard i/n`) into the report
 * of the whole search, as vitest's `--merge-reports` does for `--shard`. Pure data: summaries in, one
 * summary out; reading the directories and writing the merged one is api/merge.ts.
 *
 * The shards must be one search cut into pieces, every piece once: the same command, the same count
 * n and every index 1..n exactly once, and the same search (check: variant, memory, seed, strategy,
 * workloads, --all and runs asked; validate: budget and seed). Anything else is a MergeError, one line
 * naming the directories that disagree, and nothing is merged (shard-set.ts checks the set). The merge
 * of a check is merge-search.ts; of a validate matrix, merge-matrix.ts.
 */
import { mergeMatrices } from './merge-matrix.js';
import { mergeSearches } from './merge-search.js';
import { completeShards, MergeError, type ShardReport } from './shard-set.js';
import type { Summary } from './summary-schema.js';

export { MergeError, type ShardReport } from './shard-set.js';

/** The report of the whole search: a MergeError when the reports are not every shard of one search. */
export function mergeSummaries(reports: readonly ShardReport[], now = new Date()): Summary {
  const shards = completeShards(reports);
  const s = shards[0].summary;
  const merged = s.command === 'check' ? mergeSearches(shards) : s.command === 'validate' ? mergeMatrices(shards) : null;
  if (merged === null) throw new MergeError(`${shards[0].dir}: only check and validate reports can be merged (this is a ${s.command} report)`);
  return { ...merged, schema: s.schema, version: s.version, runId: 'merge', command: s.command, createdAt: now.toISOString(), shard: null };
}
