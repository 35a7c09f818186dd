/**
 * Strategy `portfolio`: the other strategies taking turns on one budget. In round r, each member runs a
 * slice of SLICE_RUNS x 2^r runs (its own seed for that round, below): random (check's default search,
 * scenarios and plans from the chosen generator), PCT, coverage-guided (guided-search.ts) and
 * bounded exhaustive over small scenarios (exhaustive-search.ts). Given one scenario (`scenario`, a
 * finding's), random and PCT only: the other two draw their own scenarios.
 *
 * Why slices that double: each member is a different bet. Random over blend is the fastest at most known
 * bugs, PCT the only one to meet the reference's teardown race in a 30 s budget (BENCHMARKS section f),
 * and coverage and exhaustive explore what neither samples well. Round-robin keeps every bet within a
 * factor of the number of members of its own speed. The doubling lets a member that must start over each
 * slice go deeper each time while spending at most twice its last slice: a coverage corpus and an
 * exhaustive walk are not carried from one slice to the next.
 *
 * One search: every slice records into one FoundLog (SliceInto), with runs numbered across the
 * portfolio and first hits timed from its start. The same keep-going rules apply (known findings,
 * `all`, `until`). The run budget, the time budget and an interrupt bound the whole. A harness error in
 * any slice ends it as an error, never a pass. Only the end shrinks and lists (finish.ts), once for
 * each signature. Deterministic from `seed`. Not with `shard` or `coverage` (check-options.ts refuses
 * them): a slice's corpus or walk is one sequential history, and the coverage table is one search's.
 */
import { resolveFns } from '../variants/registry.js';
import { DEFAULT_GENERATOR, DEFAULT_WORKLOADS } from '../model/workloads.js';
import type { StrategyName } from '../sched/strategy.js';
import type { CheckOptions, CheckResult } from './check-types.js';
import { interrupted } from './control.js';
import { endSearch, untilMet } from './finish.js';
import { FoundLog } from './found-log.js';
import type { HarnessError } from './harness-error.js';

/** Runs of each member's first slice; slice r has SLICE_RUNS x 2^r. */
export const SLICE_RUNS = 2000;
/** The members, in the order they take their turn. */
export const PORTFOLIO: readonly StrategyName[] = ['random', 'pct', 'coverage', 'exhaustive'];

/** Member `m`'s seed in round `r`: distinct per (seed, round, member), the same on every run. */
export const sliceSeed = (seed: number, round: number, m: number): number => (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + round * 0x9e3779b1 + m * 0x85ebca6b) | 0;

/** `run` is check() itself (passed in: check.ts imports this file). */
export function checkPortfolio(o: CheckOptions, run: (o: CheckOptions) => CheckResult): CheckResult {
  const memory = o.memory ?? 'sc';
  const t0 = performance.now();
  const log = new FoundLog(o.variant, resolveFns(o.variant), memory);
  const members = o.scenario === undefined ? PORTFOLIO : PORTFOLIO.filter((m) => m === 'random' || m === 'pct');
  let runs = 0, steps = 0, doShrinkSlab = 0, passes = 0, visits = 0;
  let stopped: CheckResult['stopped'] = null;
  let error: HarnessError | undefined;
  // the search ends at the first entry that stops a plain search: a known finding never does
  // (as check.ts: `until` met, or without `all` the first signature that is not a known finding)
  const stopAt = () => log.entries.find((e) => untilMet(o, e)) ?? (!o.all ? log.entries.find((e) => e.known === null) : undefined) ?? null;
  for (let round = 0; error === undefined && runs < o.runs && stopped === null && stopAt() === null; round++) {
    for (let m = 0; m < members.length && runs < o.runs; m++) {
      const left = o.timeLimitMs === undefined ? undefined : o.timeLimitMs - (performance.now() - t0);
      if (left !== undefined && left <= 0) { stopped = 'time'; break; }
      if (interrupted(o.control)) { stopped = 'interrupt'; break; }
      const r = run({
        ...o, strategy: members[m], runs: Math.min(SLICE_RUNS * 2 ** round, o.runs - runs), seed: sliceSeed(o.seed, round, m),
        timeLimitMs: left, into: { log, runOffset: runs, t0 },
        ...(o.onProgress && { onProgress: (done: number) => o.onProgress!(done, o.runs) }), // (a slice's own total is its slice)
      });
      runs += r.runs;
      steps += r.steps;
      doShrinkSlab += r.doShrinkSlab;
      passes += r.passes;
      visits += r.visits;
      if (r.error !== undefined) { error = r.error; break; }
      if (r.stopped !== null) { stopped = r.stopped; break; }
      if (stopAt() !== null) break;
    }
  }
  const base = {
    variant: o.variant.name, memory, workloads: o.workloads ?? DEFAULT_WORKLOADS, strategy: o.strategy, ...(o.scenario === undefined && { scenarios: o.scenarios ?? DEFAULT_GENERATOR }),
    seed: o.seed, runs, runsAsked: o.runs, stopped, steps, doShrinkSlab, passes, visits, all: o.all === true,
  };
  return endSearch(o, log, stopAt(), base, error, t0);
}
