/**
 * check: search generated (scenario, schedule) pairs for a violation, then shrink it.
 *
 *  1. search: fast-check generates scenarios and strategy plans (random seed, or PCT parameters) from
 *     `seed`, together (trial-arb.ts: the default generator pairs its dense scenarios with their
 *     plans); each run records its explicit schedule. A failing run is signed (search/signature.ts)
 *     and counted by signature (found-log.ts). A known finding of the design is listed and the search
 *     goes on (it never hides a new bug); the first other violation ends it, or with `all` nothing
 *     does: every distinct signature is reported. With `shard` i/n (search/shard.ts), every run is
 *     generated but only runs k with (k-1) mod n = i-1 are executed, numbered by k: n shards with
 *     `all` find exactly what the whole search finds (`merge` puts their reports together).
 *  2. shrink: src/search/shrink.ts, keeping only candidates with the same signature.
 *  3. render: the shrunk run is re-run with tracing, and its token is the replay line.
 *
 * A verdict must be earned: `ok` means every one of the runs asked for ran and nothing new was found,
 * or the time budget ended the search (then `stopped` says so). A run that ends in a harness error
 * (anything thrown that is not a Violation) ends the search with `error`: never a pass. Ctrl-C (the
 * control block's interrupt flag) ends it with `stopped: 'interrupt'`, keeping what was found so far.
 * The CLI and the tests call this same function.
 */
import fc from 'fast-check';
import { runScenario } from '../engine/run.js';
import { CoverageMap } from '../engine/coverage.js';
import { coverageReport } from './coverage-report.js';
import { checkGuided } from './guided-search.js';
import type { Scenario } from '../model/scenario.js';
import { trimSchedule } from '../sched/explicit.js';
import { chooserFor } from '../sched/plan.js';
import { resolveFns } from '../variants/registry.js';
import { DEFAULT_GENERATOR, DEFAULT_WORKLOADS } from '../model/workloads.js';
import { trialArb } from './trial-arb.js';
import { beat, interrupted, setRuns } from './control.js';
import { harnessErrorOfRun, harnessErrorOfSearch, type HarnessError } from './harness-error.js';
import type { HarnessFault } from '../engine/harness-fault.js';
import { renderCounterexample, shrinkFailure } from './shrink.js';
import type { CheckOptions, CheckResult } from './check-types.js';
import { FoundLog, type FoundSignature } from './found-log.js';
import { endSearch, untilMet } from './finish.js';
import { checkExhaustive } from './exhaustive-search.js';
import { inShard } from './shard.js';
import { assertCheckOptions } from './check-options.js';
import { checkPortfolio } from './portfolio.js';

export { renderCounterexample, shrinkFailure };
export { CheckOptionsError } from './check-options.js';
export type { HarnessError };
export type { CheckOptions, CheckResult, FoundFailure, SignatureReport } from './check-types.js';

/** Thrown inside the property to end fast-check's loop at once when the control block says so. */
const INTERRUPT = new Error('interrupted');

type Fault = { s: Scenario; schedule: number[]; fault: HarnessFault; run: number };

export function check(o: CheckOptions): CheckResult {
  assertCheckOptions(o);
  if (o.strategy === 'exhaustive') return checkExhaustive(o);
  if (o.strategy === 'coverage') return checkGuided(o);
  if (o.strategy === 'portfolio') return checkPortfolio(o, check);
  const fns = resolveFns(o.variant);
  const memory = o.memory ?? 'sc';
  // the generator the runs are drawn from (none when one given scenario is searched)
  const generator = o.scenario === undefined ? o.scenarios ?? DEFAULT_GENERATOR : undefined;
  const t0 = performance.now();
  const at0 = o.into?.t0 ?? t0; // first hits are timed from the start of the whole search (a portfolio's)
  const off = o.into?.runOffset ?? 0; // a portfolio slice numbers its runs after the slices before it
  let runs = 0; // runs executed (a shard's own)
  let k = 0; // runs generated: the global run number, the same in a shard as in the whole search
  let steps = 0;
  let doShrinkSlab = 0;
  let passes = 0;
  let visits = 0;
  const log = o.into?.log ?? new FoundLog(o.variant, fns, memory);
  let fault: Fault | null = null;
  let stopAt: FoundSignature | null = null;
  const every = Math.max(1, Math.floor(o.runs / 100));
  const cov = o.coverage ? new CoverageMap() : undefined;
  const out = fc.check(
    fc.property(trialArb(o.workloads, generator ?? DEFAULT_GENERATOR, o.strategy, o.scenario), ([s, plan]) => {
      if (interrupted(o.control)) throw INTERRUPT;
      beat(o.control);
      // a shard lets fast-check generate every run (so run k is the same values in every shard) and executes its own
      if (!inShard(++k, o.shard)) return true;
      const r = runScenario(fns, s, chooserFor(plan, s), { memory, ...(cov && { coverage: cov }) });
      runs++;
      setRuns(o.control, off + k);
      steps += r.steps;
      doShrinkSlab += r.stats.doShrinkSlab;
      passes += r.stats.passes;
      visits += r.stats.visits;
      if (o.onProgress && k % every === 0) o.onProgress(off + k, o.runs);
      if (r.error !== null) {
        fault = { s, schedule: r.schedule, fault: r.error, run: off + k };
        return false;
      }
      if (r.violation === null) return true;
      const e = log.record(s, trimSchedule(r.schedule), r.violation.invariant, off + k, performance.now() - at0);
      if (untilMet(o, e)) {
        stopAt = e;
        return false;
      }
      if (o.all || e.known !== null) return true; // keep going: a known finding never hides a new bug
      stopAt = e;
      return false;
    }),
    { numRuns: o.runs, seed: o.seed | 0, endOnFailure: true, ...(o.timeLimitMs !== undefined && { interruptAfterTimeLimit: o.timeLimitMs }) },
  );
  let stopped: CheckResult['stopped'] = null;
  let error: HarnessError | undefined;
  const f = fault as Fault | null;
  if (f !== null) {
    error = harnessErrorOfRun(o.variant, f.s, f.schedule, f.fault, f.run, memory);
  } else if (stopAt === null) {
    if (out.failed && out.errorInstance === INTERRUPT) stopped = 'interrupt';
    // the time budget ran out before the first run: fast-check reports a failure with no error and no counterexample
    else if (out.interrupted && o.timeLimitMs !== undefined && out.errorInstance == null) stopped = 'time';
    else if (out.failed) error = harnessErrorOfSearch(out.errorInstance, off + k + 1, o.seed);
    else if (out.interrupted && o.timeLimitMs !== undefined) stopped = 'time';
    else if (k < o.runs) error = harnessErrorOfSearch(new Error(`the search ended after ${k} of ${o.runs} runs without a verdict`), off + k + 1, o.seed);
  }
  const base = { variant: o.variant.name, memory, workloads: o.workloads ?? DEFAULT_WORKLOADS, strategy: o.strategy, ...(generator && { scenarios: generator }), seed: o.seed, runs, runsAsked: o.runs, stopped, steps, doShrinkSlab, passes, visits, all: o.all === true, ...(o.shard && { shard: o.shard }), ...(cov && { coverage: coverageReport(cov) }) };
  return endSearch(o, log, stopAt, base, error, t0);
}
