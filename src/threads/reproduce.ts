/**
 * A thread-found failure made a deterministic counterexample, shrunk as `check` shrinks:
 *  1. replay the ticket log (ticket-replay.ts) on the scenario as the threads ran it;
 *  2. search the deterministic engine (refind.ts) on the base scenario, then 2, 4, ... repetitions
 *     (cut-repeats.ts), smallest first; the ticket log's picks are tried first at each level; when
 *     the log replay did not reproduce the failure, the threads' own scenario is searched last. The
 *     first level with a run that breaks the same invariant ends the search (within a level, a run at
 *     the same site as the thread's is preferred, failure-site.ts). Bounded by `refindMs` and runs;
 *  3. the smallest hit (else the log replay) gets each actor's trailing repetitions cut, and is
 *     shrunk with `shrinkFailure` as check does (which keeps the invariant, not the site);
 *  4. render, bounded: a counterexample whose text runs past MAX_TEXT_LINES is summarised (how many
 *     choices, how many lines) and points to `replay <token>` and --trace-out.
 * `how` says where the counterexample came from: the ticket log's picks, or a search that re-found it.
 */
import { renderCounterexample, shrinkFailure } from '../api/check.js';
import type { InvariantName } from '../invariants/violation.js';
import type { Scenario } from '../model/scenario.js';
import { trimSchedule } from '../sched/explicit.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';
import { cutTrailing, levelsBelow, replayCut } from './cut-repeats.js';
import { siteOf } from './failure-site.js';
import { boundedText } from './bounded-text.js';
import { hitOf, searchFor, type Hit, type SearchStats, type Target } from './refind.js';
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
  /** runs of the deterministic engine spent on the log replay, the search and the cuts, and their time */
  search: { runs: number; ms: number };
  /** explicit schedule choices before shrinking, and after */
  foundSteps?: number;
  steps?: number;
  shrinkMs?: number;
  token?: string;
  /** the shrunk counterexample's text, bounded (see `long`) */
  text?: string;
  /** lines of the full text; when over MAX_TEXT_LINES, `text` is a summary that points to the token */
  traceLines?: number;
  long?: boolean;
}

type Candidate = { hit: Hit; level: number; how: 'ticket-log' | 're-found' };
/** Within one level: a hit at the same site before another, then the one with fewer context switches. */
const better = (a: Candidate | null, b: Candidate | null): Candidate | null =>
  a === null ? b : b === null ? a : a.hit.sameSite !== b.hit.sameSite ? (a.hit.sameSite ? a : b) : b.hit.switches < a.hit.switches ? b : a;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function reproduce(i: ReproduceInput): Promise<LogReplay> {
  const fns = resolveFns(i.variant);
  const t: Target = { invariant: i.invariant, site: siteOf(i.message) };
  const stats: SearchStats = { runs: 0 };
  const t0 = performance.now();
  const until = t0 + (i.aborted?.() ? 0 : (i.refindMs ?? 10_000));
  const log = i.log;
  let best: Candidate | null = null;
  let observed = log === null ? 'no ticket log' : `the ticket log overflowed (${log.tickets} steps, ring of ${log.ringCap})`;
  let divergedAt: number | null = null;
  const asRun = log === null ? i.scenario : scenarioAsRun(log.opsBegun, i.scenario);
  if (log !== null && !log.overflow) {
    const p = replayPicks(fns, asRun, log.picks);
    stats.runs++;
    divergedAt = p.divergedAt;
    const v = p.run.violation;
    observed = v ? `${v.invariant}: ${v.message}` : p.run.error ? `harness error: ${p.run.error.message}` : 'no violation';
    const h = hitOf(asRun, p.picks, p.run, t);
    if (h) best = { hit: h, level: i.repeat, how: 'ticket-log' };
  }
  const logReproduced = best !== null;
  const levels: [number, Scenario][] = levelsBelow(i.repeat).map((r) => [r, unroll(i.base, r)]);
  if (!logReproduced) levels.push([i.repeat, asRun]);
  // smallest level first; the first level with a hit ends the search (a hit at the same site preferred within it)
  for (let l = 0; l < levels.length; l++) {
    await tick();
    if (i.aborted?.() || performance.now() >= until) break;
    const [r, s] = levels[l];
    let here: Candidate | null = null;
    if (log !== null && !log.overflow) { // the log's own picks, on fewer repetitions
      const h = replayCut(fns, s, log.picks, t);
      stats.runs += 2;
      here = h && { hit: h, level: r, how: 'ticket-log' };
    }
    const share = (until - performance.now()) / (levels.length - l);
    const h = searchFor(fns, s, t, { until: performance.now() + share, maxRuns: 50_000, seed: (i.seed * 7919 + r) | 0 }, stats);
    here = better(here, h && { hit: h, level: r, how: 're-found' });
    if (here) {
      best = here;
      break;
    }
  }
  const base = { logReproduced, logSteps: log?.tickets ?? 0, divergedAt, observed };
  if (best === null) {
    return { reproduced: false, ...base, repeat: { threads: i.repeat, counterexample: null }, search: { runs: stats.runs, ms: performance.now() - t0 } };
  }
  const cut = cutTrailing(fns, i.base, best.hit, t, Math.max(until, performance.now() + 1000), stats);
  const again = replayPicks(fns, cut.s, cut.picks);
  const found = trimSchedule(again.run.schedule);
  const search = { runs: stats.runs, ms: performance.now() - t0 };
  const t1 = performance.now();
  const shrinkMs = i.aborted?.() ? Math.min(1000, i.shrinkMs ?? 10_000) : (i.shrinkMs ?? 10_000);
  const [small, schedule] = shrinkFailure(i.variant, cut.s, found, i.invariant, i.seed, shrinkMs);
  const shrunkIn = performance.now() - t1;
  const shown = renderCounterexample(i.variant, small, schedule);
  const text = boundedText(shown.text, shown.token, schedule.length);
  return {
    reproduced: true, how: best.how, ...base, repeat: { threads: i.repeat, counterexample: best.level }, sameSite: siteOf(shown.message) === t.site,
    message: shown.message, search, foundSteps: found.length, steps: schedule.length, shrinkMs: shrunkIn, token: shown.token, ...text,
  };
}
