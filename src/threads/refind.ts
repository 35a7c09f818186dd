/**
 * Re-finding a thread-found failure in the deterministic engine: runs of one scenario under seeded
 * random schedules (switch rates 2^-1..2^-4) and PCT (depths 1-4, its horizon the length of the runs
 * so far), until one breaks the same invariant at the same site (failure-site.ts), or the budget (a
 * deadline and a number of runs) ends; a hit elsewhere with the same invariant is kept as second
 * best. After the first hit at the same site, a few more runs (POLISH) look for one with fewer
 * context switches: the shrinker's first pass removes switches one by one, so a hit with 5 switches
 * shrinks in a fraction of the time one with 150 does (uniform random scheduling, rate 2^0, makes
 * such hits and is left out). Every run records its picks (actor ids), so a hit replays on cut-down
 * scenarios as well.
 */
import { runScenario } from '../engine/run.js';
import type { InvariantName } from '../invariants/violation.js';
import { actorsOf, type Scenario } from '../model/scenario.js';
import { pctChooser } from '../sched/pct.js';
import { mulberry32 } from '../sched/prng.js';
import { randomChooser } from '../sched/random.js';
import { countSwitches } from '../sched/explicit.js';
import type { Chooser } from '../sched/strategy.js';
import type { ModelFns } from '../variants/model-fns.js';
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

/** Same site first, then fewer switches. */
const better = (a: Hit | null, b: Hit | null): Hit | null =>
  a === null ? b : b === null ? a : a.sameSite !== b.sameSite ? (a.sameSite ? a : b) : b.switches < a.switches ? b : a;

export function searchFor(fns: ModelFns, s: Scenario, t: Target, b: SearchBudget, stats: SearchStats): Hit | null {
  const rnd = mulberry32(b.seed);
  const actors = actorsOf(s).length + 1;
  let horizon = 100;
  let best: Hit | null = null;
  let maxRuns = b.maxRuns;
  for (let i = 0; i < maxRuns && performance.now() < b.until; i++) {
    const picks: number[] = [];
    const r = runScenario(fns, s, recordPicks(chooserOf(i, rnd, actors, horizon), picks));
    stats.runs++;
    horizon = Math.max(horizon, r.steps);
    const hit = hitOf(s, picks, r, t);
    if (hit?.sameSite && !best?.sameSite) maxRuns = Math.min(maxRuns, i + 1 + POLISH);
    best = better(best, hit);
  }
  return best;
}
