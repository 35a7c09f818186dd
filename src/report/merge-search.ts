/**
 * Merging the shards of one check (report/merge.ts): the runs are summed, and the signatures are
 * deduplicated as the unsharded search counts them (search/found-log.ts): one entry per signature,
 * its first run the smallest of the shards' (run numbers are global, so it is the unsharded first run),
 * its hits summed, and its replay the one of the shard that met it first. The counterexample is the
 * one of the shard whose own counterexample was met first: that is the unsharded search's primary
 * violation (the first unexpected one), since no other shard met an unexpected one earlier.
 *
 * The verdict is judged as check judges it (api/report.ts writeCheckReport): a harness error in any
 * shard is not a pass; ok means no unexpected signature in any shard, no error and no interrupt.
 * Not merged: a plain check (without --all) stops each shard at its own first new violation, so its
 * runs and hits are those the shards did, not what one search would have done.
 */
import { mergedSettings, MergeError, sameSearch, type MergedBody, type Sharded } from './shard-set.js';
import type { Counterexample, SearchRecord, Summary } from './summary-schema.js';

type Signature = SearchRecord['signatures'][number];

/** Signatures of every shard, one entry each, in the order the unsharded search first met them. */
export function mergeSignatures(lists: readonly (readonly Signature[])[]): Signature[] {
  const by = new Map<string, Signature>();
  for (const list of lists) {
    for (const x of list) {
      const had = by.get(x.signature);
      if (had === undefined) by.set(x.signature, { ...x });
      else by.set(x.signature, { ...(x.firstRun < had.firstRun ? x : had), hits: had.hits + x.hits });
    }
  }
  return [...by.values()].sort((a, b) => a.firstRun - b.firstRun);
}

/** The counterexample met first: a shard's counterexample is its primary signature's shrunk run (same token). */
function firstCounterexample(shards: readonly Sharded[]): Counterexample | null {
  let best: { cx: Counterexample; run: number } | null = null;
  for (const r of shards) {
    const cx = r.summary.counterexample;
    if (cx === null) continue;
    const run = r.summary.search!.signatures.find((x) => x.replay === cx.token)?.firstRun ?? Number.MAX_SAFE_INTEGER;
    if (best === null || run < best.run) best = { cx, run };
  }
  return best?.cx ?? null;
}

export function mergeSearches(shards: readonly Sharded[]): MergedBody {
  for (const r of shards) if (r.summary.search == null) throw new MergeError(`${r.dir} holds no search record (written by an older shrinkrace?): cannot merge it`);
  const search = (r: Sharded): SearchRecord => r.summary.search!;
  sameSearch(shards, 'variant', (r) => search(r).variant);
  sameSearch(shards, 'memory', (r) => search(r).memory);
  sameSearch(shards, 'seed', (r) => search(r).seed);
  sameSearch(shards, 'strategy', (r) => search(r).strategy);
  sameSearch(shards, 'scenario generator', (r) => search(r).scenarios ?? 'not recorded');
  sameSearch(shards, 'workloads', (r) => search(r).workloads);
  sameSearch(shards, '--all', (r) => search(r).all);
  sameSearch(shards, 'runs asked', (r) => search(r).runsAsked);
  const all = shards.map(search);
  const first = all[0];
  const signatures = mergeSignatures(all.map((x) => x.signatures));
  const runs = all.reduce((n, x) => n + x.runs, 0);
  const steps = all.reduce((n, x) => n + x.steps, 0);
  const stopped = all.some((x) => x.stopped === 'interrupt') ? 'interrupt' : all.some((x) => x.stopped === 'time') ? 'time' : null;
  const failedShard = shards.find((r) => search(r).error !== null);
  const error = failedShard ? `shard ${failedShard.shard.index}/${failedShard.shard.count}: ${search(failedShard).error}` : null;
  const cx = firstCounterexample(shards);

  // the verdict, judged as writeCheckReport judges one search
  const expected = shards[0].summary.verdicts[0]?.expected ?? 'passes';
  const observed = error !== null ? `harness error: ${error}` : cx ? `violates ${cx.invariant}`
    : stopped === 'interrupt' ? `interrupted after ${runs} of ${first.runsAsked} runs` : stopped === 'time' ? `passes (${runs} runs in the time budget)` : 'passes';
  const met = cx && error === null ? expected === observed : error === null && stopped !== 'interrupt' && expected === 'passes';
  const unexpected = signatures.some((x) => x.known === null && (!first.all || !x.expected));
  const verdict: Summary['verdicts'][number] = {
    name: shards[0].summary.verdicts[0]?.name ?? first.variant, expected, observed, met, detail: `${runs} runs, ${steps} steps over ${shards.length} shards`,
  };
  return {
    ok: !unexpected && error === null && stopped !== 'interrupt',
    settings: mergedSettings(shards, { runs }),
    verdicts: [verdict],
    counterexample: cx,
    matrix: null,
    bench: null,
    search: { ...first, runs, steps, stopped, error, signatures },
  };
}
