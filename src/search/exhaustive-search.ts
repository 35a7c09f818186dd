/**
 * check --strategy exhaustive: every schedule of small scenarios (exhaustive-scenarios.ts) with at
 * most K preemptions (sched/exhaustive.ts). Each scenario is explored by cost: its schedules with 0
 * preemptions, then those with 1, ... K; the next such pass run is always the one expected to be
 * cheapest over all scenarios (the last pass's schedules times the run's steps and actors), so every
 * scenario gets its cheap passes before any gets an expensive one, and a bug needing one preemption in
 * the 30th scenario is met before two-preemption passes of the first. This goes on until every pass is
 * run, or the run budget, the time budget or an interrupt ends it. Verdicts as check's (search/check.ts): a failing run is signed and counted by
 * signature (found-log.ts); a known finding never hides a new bug; the first other violation ends the
 * search unless `all`; `until` stops at that known finding; a harness error ends it as an error, never
 * a pass; what was found is shrunk or listed by finish.ts. The result says how much of the bounded
 * space was covered: `exhaustive.complete` only when every schedule of every scenario was run.
 *
 * Weak memory: a store becoming visible while the actor that ran last could go on costs a preemption
 * like a switch to another actor (EXHAUSTIVE_FLUSHES), so K bounds every departure from running one
 * actor at a time with its stores held back until it blocks or ends; at those points, which store
 * becomes visible first and who runs next are free choices.
 */
import { runScenario } from '../engine/run.js';
import { actorsOf } from '../model/scenario.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';
import { trimSchedule } from '../sched/explicit.js';
import { walk, walkerChooser } from '../sched/exhaustive.js';
import { resolveFns } from '../variants/registry.js';
import type { CheckOptions, CheckResult } from './check-types.js';
import { beat, interrupted, setRuns } from './control.js';
import { EXHAUSTIVE_DRAWS, exhaustiveScenarios } from './exhaustive-scenarios.js';
import { endSearch, untilMet } from './finish.js';
import { FoundLog, type FoundSignature } from './found-log.js';
import { harnessErrorOfRun, harnessErrorOfSearch, type HarnessError } from './harness-error.js';

export const DEFAULT_PREEMPTIONS = 2;
/**
 * Early flushes' own bound under weak memory; undefined: they count as preemptions. Measured on the three
 * weak-memory bugs: no-mb-after-atomic and no-mb-before-atomic need no early flush at all (their shrunk
 * scenarios fail with 0 preemptions: the stores held back until the actor blocks are the race); counting
 * early flushes apart (bound 0) explored the same schedules within 1% at K <= 1; plain-publish was found by
 * neither policy (K <= 3, or a separate bound of 3 or 6, 30,000 runs a pass). So one bound, the simpler one.
 */
export const EXHAUSTIVE_FLUSHES: number | undefined = undefined;

/** `flushes` and `draws` (scenarios drawn per class) are for measurements and tests; check() uses the defaults. */
export function checkExhaustive(o: CheckOptions, flushes = EXHAUSTIVE_FLUSHES, draws = EXHAUSTIVE_DRAWS): CheckResult {
  const fns = resolveFns(o.variant);
  const memory = o.memory ?? 'sc';
  const workloads = o.workloads ?? DEFAULT_WORKLOADS;
  const K = o.preemptions ?? DEFAULT_PREEMPTIONS;
  const t0 = performance.now();
  const at0 = o.into?.t0 ?? t0; // first hits are timed from the start of the whole search (a portfolio's)
  const off = o.into?.runOffset ?? 0; // a portfolio slice numbers its runs after the slices before it
  let runs = 0, steps = 0, doShrinkSlab = 0, passes = 0, visits = 0;
  let schedules = 0, complete = true;
  let level: number[] = []; // per scenario, the bound up to which its every schedule was run
  const log = o.into?.log ?? new FoundLog(o.variant, fns, memory);
  let error: HarnessError | undefined;
  let stopAt: FoundSignature | null = null;
  let stopped: CheckResult['stopped'] = null;
  const every = Math.max(1, Math.floor(o.runs / 100));
  const stop = (): boolean => {
    if (interrupted(o.control)) stopped = 'interrupt';
    else if (o.timeLimitMs !== undefined && performance.now() - t0 >= o.timeLimitMs) stopped = 'time';
    return stopped !== null;
  };
  try {
    const list = exhaustiveScenarios(fns, o.seed, workloads, memory, draws);
    const queue = list.map((x, i) => ({ i, c: 0, est: 0 }));
    level = list.map(() => -1);
    while (queue.length > 0) {
      let q = 0;
      for (let j = 1; j < queue.length; j++) if (queue[j].est < queue[q].est) q = j;
      const { i, c } = queue.splice(q, 1)[0];
      const s = list[i].scenario;
      const n = actorsOf(s).length + 1; // the RCU callback runner is the last actor
      const w = walk((follow, fresh) => {
        beat(o.control);
        const r = runScenario(fns, s, walkerChooser(n, follow), { memory });
        runs++;
        setRuns(o.control, off + runs);
        steps += r.steps;
        doShrinkSlab += r.stats.doShrinkSlab;
        passes += r.stats.passes;
        visits += r.stats.visits;
        if (o.onProgress && runs % every === 0) o.onProgress(off + runs, o.runs);
        if (r.error !== null) {
          error = harnessErrorOfRun(o.variant, s, r.schedule, r.error, off + runs, memory);
          return false;
        }
        if (r.violation === null || !fresh) return true; // a re-run of a cheaper schedule was counted before
        const e = log.record(s, trimSchedule(r.schedule), r.violation.invariant, off + runs, performance.now() - at0);
        if (untilMet(o, e) || (!o.all && e.known === null)) {
          stopAt = e;
          return false;
        }
        return true; // keep going: a known finding never hides a new bug
      }, { preemptions: c, from: c, flushes, deepen: true, maxRuns: o.runs - runs, stop });
      schedules += w.schedules;
      if (!w.complete) {
        complete = false;
        break;
      }
      // a pass that found no schedule of its cost leaves none of a higher cost: the scenario is done
      level[i] = w.saturated ? K : c;
      if (level[i] < K) queue.push({ i, c: c + 1, est: Math.max(1, w.schedules) * list[i].steps * (n - 1) / (c + 1) });
    }
  } catch (e) {
    error = harnessErrorOfSearch(e, off + runs + 1, o.seed);
  }
  const exhaustive = { scenarios: level.length, schedules, preemptions: K, complete, explored: level.filter((l) => l >= K).length, lowest: Math.min(K, ...level) };
  const base = { variant: o.variant.name, memory, workloads, strategy: o.strategy, seed: o.seed, runs, runsAsked: o.runs, stopped, steps, doShrinkSlab, passes, visits, exhaustive };
  return endSearch(o, log, stopAt, base, error, t0);
}

const num = (n: number): string => n.toLocaleString('en-US');

/** What an exhaustive check covered, in one line: the last line of `check --strategy exhaustive`, and in its JSON. */
export function exhaustiveStatement(r: CheckResult): string | null {
  const x = r.exhaustive;
  if (x === undefined) return null;
  const news = r.violations.filter((v) => v.known === null && !v.expected).length;
  const verdict = r.violations.length === 0 ? 'no violation' : news === 0 ? `no new violation (${r.violations.length} known or expected signature(s))` : `${news} new violation signature(s)`;
  const bound = `<= ${x.preemptions} preemption${x.preemptions === 1 ? '' : 's'}`;
  if (x.complete) return `all ${num(x.schedules)} schedules with ${bound} explored over ${x.scenarios} scenarios, ${verdict}`;
  const why = r.error ? 'a harness error' : r.failure ? 'a violation' : r.stopped === 'interrupt' ? 'an interrupt' : r.stopped === 'time' ? 'the time budget' : 'the run budget';
  const lowest = x.lowest < 0 ? 'not every scenario explored even without preemptions' : `every scenario explored to <= ${x.lowest}`;
  return `${why} stopped it after ${num(x.schedules)} schedules; the bound was not exhausted: ${x.explored} of ${x.scenarios} scenarios explored to ${bound}, ${lowest}; ${verdict}`;
}
