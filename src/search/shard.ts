/**
 * Shards: one search split over n machines, as vitest's `--shard i/n` splits a test suite. The work
 * (check's runs, validate's rows) is numbered 1, 2, 3 ... in an order fixed by the seed alone, and
 * item k belongs to shard ((k - 1) mod n) + 1. Round robin rather than contiguous blocks, so every
 * shard meets early and late runs alike (fast-check grows its values with the run index) and the
 * shards of a search take about the same time. The union of the n shards is exactly the unsharded
 * search: check runs every shard's items with the same generated values, and numbers them by their
 * global index, so a signature's first run is the same number in a shard as in the whole search.
 *
 * A shard is written 1-based, as the user types it: `--shard 3/4` is {index: 3, count: 4}.
 */
/** A shard written wrong; the CLI turns it into a usage error (one line, exit 2). */
export class ShardError extends Error {
  override name = 'ShardError';
}

export interface Shard {
  /** 1..count */
  readonly index: number;
  /** how many shards the search is split into (at least 1) */
  readonly count: number;
}

/** The largest shard count accepted: a CI matrix holds at most 256 jobs. */
export const MAX_SHARDS = 256;

/** Parse `i/n` ("3/4"); anything else, or i outside 1..n, is one clear line naming the flag. */
export function parseShard(raw: string, flagName = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (m === null) throw new ShardError(`${flagName} must be i/n, shard i of n (e.g. 2/4) (got "${raw}")`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new ShardError(`${flagName}: the shard count must be from 1 to ${MAX_SHARDS} (got "${raw}")`);
  if (index < 1 || index > count) throw new ShardError(`${flagName}: the shard index must be from 1 to ${count} (got "${raw}")`);
  return { index, count };
}

/** Whether item k (1-based, in the search's fixed order) belongs to `shard`; every item does without one. */
export function inShard(k: number, shard: Shard | undefined): boolean {
  return shard === undefined || (k - 1) % shard.count === shard.index - 1;
}

/** `3/4`, as the user wrote it. */
export const shardText = (s: Shard): string => `${s.index}/${s.count}`;
