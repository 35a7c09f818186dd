/**
 * Merging the shards of one validate (report/merge.ts): row k of the whole matrix ran in shard
 * ((k-1) mod n)+1 (api/validate.ts), so the rows are dealt back in that order and the merged matrix
 * reads exactly as the unsharded one. Its verdicts are the rows'; it is ok iff every row met its
 * expectation; its elapsed time is the longest shard's (the shards ran side by side).
 */
import { mergedSettings, MergeError, sameSearch, type MergedBody, type Sharded } from './shard-set.js';
import type { Summary } from './summary-schema.js';

/** Deal the shards' lists back round robin: item k of the whole came from list (k mod n), position floor(k / n). */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let k = 0; ; k++) {
    const list = lists[k % lists.length];
    const item = list[Math.floor(k / lists.length)];
    if (item === undefined) return out;
    out.push(item);
  }
}

type Matrix = NonNullable<Summary['matrix']>;

export function mergeMatrices(shards: readonly Sharded[]): MergedBody {
  for (const r of shards) if (r.summary.matrix === null) throw new MergeError(`${r.dir} holds no validation matrix: cannot merge it`);
  const matrix = (r: Sharded): Matrix => r.summary.matrix!;
  sameSearch(shards, 'budget', (r) => matrix(r).budget);
  sameSearch(shards, 'seed', (r) => matrix(r).seed);
  // round robin gives shard i one row more than shard j > i, or as many: anything else is another matrix
  const sizes = shards.map((r) => matrix(r).rows.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  shards.forEach((r, i) => {
    const want = Math.max(0, Math.ceil((total - i) / shards.length));
    if (sizes[i] !== want) throw new MergeError(`${r.dir} holds ${sizes[i]} rows where shard ${r.shard.index}/${r.shard.count} of a ${total}-row matrix holds ${want}: not the same matrix`);
    if (r.summary.verdicts.length !== sizes[i]) throw new MergeError(`${r.dir}: ${r.summary.verdicts.length} verdicts for ${sizes[i]} rows: a damaged report`);
  });
  const rows = interleave(shards.map((r) => matrix(r).rows));
  const first = matrix(shards[0]);
  return {
    ok: rows.every((r) => r.met),
    settings: mergedSettings(shards, {}),
    verdicts: interleave(shards.map((r) => r.summary.verdicts)),
    counterexample: null,
    matrix: { budget: first.budget, seed: first.seed, elapsedMs: Math.max(...shards.map((r) => matrix(r).elapsedMs)), rows },
    bench: null,
    search: null,
  };
}
