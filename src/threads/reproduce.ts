/**
 * A thread-found failure made a deterministic counterexample, shrunk as `check` shrinks:
 *  1. replay the ticket log (ticket-replay.ts) on the scenario as the threads ran it;
 *  2. search the deterministic engine (refind.ts) on the base scenario, then 2, 4, ... repetitions
 *     (cut-repeats.ts), smallest first, also replaying the log's picks there; when the log replay
 *     did not reproduce the failure, the threads' own scenario is searched last. The first level with
 *     runs that break the same invariant ends the search, keeping its best few (same site as the
 *     thread's first, failure-site.ts; then fewest switches). Bounded by `refindMs` and runs. With no
 *     hit below, the log replay itself is the one start;
 *  3. each start gets each actor's trailing repetitions cut, and is shrunk with `shrinkFailure` as
 *     check does (it keeps the invariant, not the site), the budget shared among the starts: where
 *     the shrinker ends depends on where it starts. Kept: the fewest choices, then the same site;
 *  4. render, bounded: a counterexample whose text runs past MAX_TEXT_LINES is summarised (how many
 *     choices, how many lines) and points to `replay <token>` and --trace-out.
 * `how` says where the counterexample came from: the ticket log's picks, or a search that re-found it.
 */
import { renderCounterexample, shrinkFailure } from '../search/shrink.js';
import type { InvariantName } from '../model/violation.js';
import type { Scenario } from '../model/scenario.js';
import { runScenario } from '../engine/run.js';
import { explicitChooser, trimSchedule } from '../sched/explicit.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';
import { cutTrailing, levelsBelow, replayCut } from './cut-repeats.js';
import { siteOf } from './failure-site.js';
import { boundedText } from './bounded-text.js';
import { byPreference, hitOf, searchFor, type Hit, type SearchStats, type Target } from './refind.js';
import { unroll } from './stress-scenario.js';
import { replayPicks, scenarioAsRun, type TicketLog } from './ticket-replay.js';

export interface ReproduceInput {
  variant: Variant;
  invariant: InvariantName;
  /** the thread run's violation message (its site is preferred) */
  message: string;
  /** the scenario the threads ran: `unroll(base, repeat)` */
  scenario: Scenario;
  base: Scenario;
  repeat: number;
  log: TicketLog | null;
  seed: number;
  /** budget for re-finding and cutting (default 10 s) */
  refindMs?: number;
  /** budget for shrinkFailure (default 10 s) */
  shrinkMs?: number;
  /** checked between levels: an interrupt skips the search (the log replay still runs) */
  aborted?: () => boolean;
}

export interface LogReplay {
  /** the deterministic engine has a counterexample with the same invariant (from the log or re-found) */
  reproduced: boolean;
  /** where the counterexample came from: the ticket log's picks, or a search that re-found it */
  how?: 'ticket-log' | 're-found';
  /** the ticket log replay itself broke the same invariant */
  logReproduced: boolean;
  /** tickets in the log */
  logSteps: number;
  /** first step where the logged actor could not run in the deterministic engine, if any */
  divergedAt: number | null;
  /** what the ticket log replay saw */
  observed: string;
  /** repetitions of each actor's operations: as the threads ran them, and in the counterexample before shrinking */
  repeat: { threads: number; counterexample: number | null };
  /** the counterexample's message names the same site as the thread's (failure-site.ts) */
  sameSite?: boolean;
  /** the counterexample's message */
  message?: string;
  /** runs of the deterministic engine spent on the log replay, the search, the cuts and the shrinks, and their time */
  search: { runs: number; ms: number };
  /** failing runs the shrinker started from (the best result is kept) */
  starts?: number;
  /** explicit schedule choices before shrinking (of the start kept), and after */
  foundSteps?: number;
  steps?: number;
  /** time spent shrinking, over every start */
  shrinkMs?: number;
  token?: string;
  /** the shrunk counterexample's text, bounded (see `long`) */
  text?: string;
  /** lines of the full text; when over MAX_TEXT_LINES, `text` is a summary that points to the token */
  traceLines?: number;
  long?: boolean;
}

type Candidate = { hit: Hit; level: number; how: 'ticket-log' | 're-found' };
/** Shrinker starts tried, best first; the shrink budget is shared among them. */
const STARTS = 4;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function reproduce(i: ReproduceInput): Promise<LogReplay> {
  const fns = resolveFns(i.variant);
  const t: Target = { invariant: i.invariant, site: siteOf(i.message) };
  const stats: SearchStats = { runs: 0 };
  const t0 = performance.now();
  const until = t0 + (i.aborted?.() ? 0 : (i.refindMs ?? 10_000));
  const log = i.log;
  const logOk = log !== null && !log.overflow;
  let observed = log === null ? 'no ticket log' : `the ticket log overflowed (${log.tickets} steps, ring of ${log.ringCap})`;
  let divergedAt: number | null = null;
  let fromLog: Candidate | null = null;
  const asRun = log === null ? i.scenario : scenarioAsRun(log.opsBegun, i.scenario);
  if (logOk) {
    const p = replayPicks(fns, asRun, log.picks);
    stats.runs++;
    divergedAt = p.divergedAt;
    const v = p.run.violation;
    observed = v ? `${v.invariant}: ${v.message}` : p.run.error ? `harness error: ${p.run.error.message}` : 'no violation';
    const h = hitOf(asRun, p.picks, p.run, t);
    if (h) fromLog = { hit: h, level: i.repeat, how: 'ticket-log' };
  }
  const levels: [number, Scenario][] = levelsBelow(i.repeat).map((r) => [r, unroll(i.base, r)]);
  if (fromLog === null) levels.push([i.repeat, asRun]);
  // smallest level first; the first level with a hit ends the search
  let starts: Candidate[] = [];
  for (let l = 0; l < levels.length && starts.length === 0; l++) {
    await tick();
    if (i.aborted?.() || performance.now() >= until) break;
    const [r, s] = levels[l];
    const share = (until - performance.now()) / (levels.length - l);
    starts = searchFor(fns, s, t, { until: performance.now() + share, maxRuns: 50_000, seed: (i.seed * 7919 + r) | 0 }, stats, STARTS)
      .map((hit) => ({ hit, level: r, how: 're-found' }));
    if (logOk) { // the log's own picks, on fewer repetitions
      const h = replayCut(fns, s, log.picks, t);
      stats.runs += 2;
      if (h) starts.push({ hit: h, level: r, how: 'ticket-log' });
    }
    starts = starts.sort((a, b) => byPreference(a.hit, b.hit)).slice(0, STARTS);
  }
  if (starts.length === 0 && fromLog) starts = [fromLog];
  const base = { logReproduced: fromLog !== null, logSteps: log?.tickets ?? 0, divergedAt, observed };
  if (starts.length === 0) {
    return { reproduced: false, ...base, repeat: { threads: i.repeat, counterexample: null }, search: { runs: stats.runs, ms: performance.now() - t0 } };
  }
  // each start: cut its repetitions, shrink (budgets shared among the starts); keep the best result
  const shrinkMs = i.aborted?.() ? Math.min(1000, i.shrinkMs ?? 10_000) : (i.shrinkMs ?? 10_000);
  const cutUntil = Math.max(until, performance.now() + 1000);
  const shrinkUntil = cutUntil + shrinkMs;
  let best: { c: Candidate; s: Scenario; schedule: number[]; found: number; sameSite: boolean } | null = null;
  let shrunkIn = 0;
  for (let n = 0; n < starts.length; n++) {
    if (n > 0 && (i.aborted?.() || performance.now() >= shrinkUntil - 50)) break;
    const c = starts[n];
    const cut = cutTrailing(fns, i.base, c.hit, t, performance.now() + Math.max(250, (cutUntil - performance.now()) / (starts.length - n)), stats);
    const found = trimSchedule(replayPicks(fns, cut.s, cut.picks).run.schedule);
    const t1 = performance.now();
    const [s, schedule] = shrinkFailure(i.variant, cut.s, found, i.invariant, i.seed, Math.max(1, (shrinkUntil - t1) / (starts.length - n)));
    shrunkIn += performance.now() - t1;
    const v = runScenario(fns, s, explicitChooser(schedule)).violation;
    const sameSite = v !== null && siteOf(v.message) === t.site;
    // the smallest wins (the shrinker keeps the invariant, not the site: a same-site start may end
    // elsewhere, and insisting on the site can cost 10x the length); the same site breaks ties
    if (best === null || schedule.length < best.schedule.length || (schedule.length === best.schedule.length && sameSite && !best.sameSite)) {
      best = { c, s, schedule, found: found.length, sameSite };
    }
  }
  const b = best!;
  const shown = renderCounterexample(i.variant, b.s, b.schedule);
  return {
    reproduced: true, how: b.c.how, ...base, repeat: { threads: i.repeat, counterexample: b.c.level }, sameSite: b.sameSite, message: shown.message,
    search: { runs: stats.runs, ms: performance.now() - t0 }, starts: starts.length, foundSteps: b.found, steps: b.schedule.length, shrinkMs: shrunkIn, token: shown.token,
    ...boundedText(shown.text, shown.token, b.schedule.length),
  };
}
