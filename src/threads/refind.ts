/**
 * Re-finding a thread-found failure in the deterministic engine: runs of one scenario (half of them
 * with each actor cut to a random prefix of its operations) under seeded random schedules (switch
 * rates 2^-1..2^-4) and PCT (depths 1-4, its horizon the length of the full runs so far), until one breaks the same invariant at the same site (failure-site.ts), or the budget (a
 * deadline and a number of runs) ends; a hit elsewhere with the same invariant is kept as second
 * best. After the first hit at the same site, a few more runs (POLISH) look for more hits and for
 * ones with fewer context switches: the shrinker's first pass removes switches one by one, so a hit
 * with 5 switches shrinks in a fraction of the time one with 150 does (uniform random scheduling,
 * rate 2^0, makes such hits and is left out), and where the shrinker ends depends on where it
 * starts, so the best few are kept. Every run records its picks (actor ids), so a hit replays on
 * cut-down scenarios as well.
 */
import { runScenario } from '../engine/run.js';
import type { InvariantName } from '../model/violation.js';
import { actorsOf, type OpSpec, type Scenario } from '../model/scenario.js';
import { pctChooser } from '../sched/pct.js';
import { mulberry32 } from '../sched/prng.js';
import { randomChooser } from '../sched/random.js';
import { countSwitches } from '../sched/explicit.js';
import type { Chooser } from '../sched/strategy.js';
import type { ModelFns } from '../model/kernel.js';
import { siteOf } from './failure-site.js';
import { recordPicks } from './ticket-replay.js';

/** What is being looked for: the thread run's invariant, and the site its message names. */
export interface Target {
  invariant: InvariantName;
  site: string;
}

/** A failing deterministic run: its scenario, the actor each step ran, and what it broke. */
export interface Hit {
  s: Scenario;
  picks: number[];
  message: string;
  sameSite: boolean;
  /** context switches in the run's explicit schedule */
  switches: number;
}

/** Runs after the first hit at the same site that may still find one with fewer switches. */
export const POLISH = 200;

export interface SearchBudget {
  /** performance.now() deadline */
  until: number;
  maxRuns: number;
  seed: number;
}

export interface SearchStats {
  runs: number;
}

/** The chooser of search run `i`: random with switch rates 2^-1..2^-4, and PCT of depth 1..4, alternately. */
function chooserOf(i: number, rnd: () => number, actors: number, horizon: number): Chooser {
  const j = i >> 1;
  if ((i & 1) === 0) return randomChooser(rnd(), 1 + (j % 4));
  return pctChooser(actors, { seed: rnd(), depth: 1 + (j % 4), horizon });
}

/** A hit from a finished run, when it broke `t.invariant`. */
export function hitOf(s: Scenario, picks: number[], r: { violation: { invariant: InvariantName; message: string } | null; schedule: number[] }, t: Target): Hit | null {
  const v = r.violation;
  if (v?.invariant !== t.invariant) return null;
  return { s, picks, message: v.message, sameSite: siteOf(v.message) === t.site, switches: countSwitches(r.schedule) };
}

/** Ranks hits: same site first, then fewer switches, then fewer steps. */
export function byPreference(a: Hit, b: Hit): number {
  return Number(b.sameSite) - Number(a.sameSite) || a.switches - b.switches || a.picks.length - b.picks.length;
}

/** Up to `keep` hits, best first (byPreference): each is a different start for the shrinker. */
/**
 * `s` with each actor's operations cut to a random prefix (at least one). The threads check the
 * end-state invariants at every quiescent point of a run, the deterministic engine only at its end:
 * a bit lost mid-run and set again later is seen by the first and not the second, unless the run
 * ends there. Cutting every actor short at random ends runs at such points.
 */
function randomPrefix(s: Scenario, rnd: () => number): Scenario {
  const cut = (list: OpSpec[][]): OpSpec[][] => list.map((ops) => (ops.length <= 1 ? ops : ops.slice(0, 1 + (rnd() % ops.length))));
  return { ...s, producers: cut(s.producers), reclaimers: cut(s.reclaimers), expanders: cut(s.expanders), unregisterers: cut(s.unregisterers), lifecycles: cut(s.lifecycles) };
}

export function searchFor(fns: ModelFns, s0: Scenario, t: Target, b: SearchBudget, stats: SearchStats, keep = 1): Hit[] {
  const rnd = mulberry32(b.seed);
  const actors = actorsOf(s0).length + 1;
  let horizon = 100;
  const hits: Hit[] = [];
  let maxRuns = b.maxRuns;
  for (let i = 0; i < maxRuns && performance.now() < b.until; i++) {
    const picks: number[] = [];
    const s = (i & 2) === 0 ? s0 : randomPrefix(s0, rnd); // half the runs of each chooser kind on prefixes
    const r = runScenario(fns, s, recordPicks(chooserOf(i, rnd, actors, horizon), picks));
    stats.runs++;
    if (s === s0) horizon = Math.max(horizon, r.steps);
    const hit = hitOf(s, picks, r, t);
    if (hit === null) continue;
    if (hit.sameSite && !hits.some((h) => h.sameSite)) maxRuns = Math.min(maxRuns, i + 1 + POLISH);
    hits.push(hit);
    hits.sort(byPreference);
    hits.length = Math.min(hits.length, keep);
  }
  return hits;
}
