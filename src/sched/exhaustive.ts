/**
 * Bounded exhaustive search over a choice tree: depth-first, each path replayed from scratch by the
 * caller's `run` (a scenario or litmus run is short, and a replay needs no state snapshots), the next
 * path being the deepest choice with an untried sibling, as in CHESS (Musuvathi, Qadeer, PLDI 2007,
 * "Iterative context bounding"). A path's cost is its number of preemptions: choosing at a point where
 * the default (`dflt`: keep running the actor that ran last) was possible, something else. Points where
 * it was not (that actor blocked or finished, or the first step) are free: every choice there costs 0.
 * Paths costing more than the bound are never run; with `deepen`, schedules are explored by cost, 0
 * preemptions first (each pass re-runs the cheaper paths it walks through, counted in `runs` only), so
 * a shallow bug is met before the deep end of the bounded space.
 *
 * Choices at index >= `split` are of a second class (under weak memory: a store becoming visible);
 * they count as preemptions, or, with `flushes`, against a bound of their own.
 *
 * No partial-order reduction (sleep sets, DPOR): a step's footprint is only known after it runs (the
 * model yields before each access, sync/access.ts), many accesses go to the buffer directly (Atomics
 * on `k.mem`, Wait.ready() closures, engine counters), and sleep sets combined with preemption bounding
 * lose schedules of the bounded space unless the bound is adapted (Coons, Musuvathi, McKinley, "Bounded
 * partial-order reduction", OOPSLA 2013). So equivalent interleavings are all run; the counts are of
 * schedules, not of Mazurkiewicz traces.
 */
import type { Chooser } from './strategy.js';

/**
 * Called by the run at each choice point, in order: `width` choices, the free default `dflt`, whether
 * every choice is free here, where the second class starts. Returns the index to take.
 */
export type Follow = (width: number, dflt: number, free: boolean, split: number) => number;

export interface WalkOptions {
  /** most preemptions a schedule may make (Infinity: every schedule) */
  preemptions: number;
  /** most second-class choices off the default, bounded apart; undefined: they count as preemptions */
  flushes?: number;
  /** explore schedules by cost, `from` preemptions first, then one more, up to the bound */
  deepen?: boolean;
  /** schedules costing less were explored before (by an earlier walk): re-run, not new (default 0) */
  from?: number;
  /** stop after this many runs (re-runs included) */
  maxRuns: number;
  /** asked before each run; true ends the walk (a time budget, an interrupt) */
  stop?: () => boolean;
}

export interface WalkResult {
  /** distinct schedules run (complete paths of the bounded tree) */
  schedules: number;
  /** runs, counting the re-runs of cheaper paths that deepening walks through */
  runs: number;
  /** every schedule within the bound was run */
  complete: boolean;
  /** the highest bound whose every schedule was run (-1: not even those without a preemption) */
  doneUpTo: number;
  /** a deepening pass found no schedule of its cost: there is none of any higher cost either */
  saturated: boolean;
}

/**
 * `run(follow, fresh)` runs one path, calling `follow` at each choice point; `fresh` is false for a
 * re-run of a path an earlier deepening pass ran already. It returns false to end the walk.
 */
export function walk(run: (follow: Follow, fresh: boolean) => boolean | void, o: WalkOptions): WalkResult {
  const bound = o.preemptions;
  let schedules = 0;
  let runs = 0;
  const from = o.from ?? 0;
  let doneUpTo = from - 1;
  for (let c = o.deepen ? from : bound; ; c++) {
    const pass = walkPass(run, o, c, o.deepen ? c : from, o.maxRuns - runs);
    schedules += pass.schedules;
    runs += pass.runs;
    if (!pass.complete) return { schedules, runs, complete: false, doneUpTo, saturated: false };
    doneUpTo = c;
    // no schedule costs c: none costs more (drop the last preemption of one that did: it costs c)
    if (o.deepen && pass.schedules === 0) return { schedules, runs, complete: true, doneUpTo: bound, saturated: true };
    if (c >= bound) break;
  }
  return { schedules, runs, complete: true, doneUpTo: bound, saturated: false };
}

interface Pass {
  schedules: number;
  runs: number;
  complete: boolean;
}

/** One depth-first pass with bound `c`; only paths costing `lo` or more are new. */
function walkPass(run: (follow: Follow, fresh: boolean) => boolean | void, o: WalkOptions, c: number, lo: number, maxRuns: number): Pass {
  const fb = o.flushes;
  // per depth of the last path: its choice point, the position taken (0: the default, p: the p-th other
  // index ascending), and the costs spent before it
  const width: number[] = [], dflt: number[] = [], free: boolean[] = [], split: number[] = [], pos: number[] = [];
  const cost0: number[] = [], cost1: number[] = [];
  let prefix = 0; // positions of the next path taken from `pos`; past it, the default
  let schedules = 0;
  let runs = 0;
  const indexOf = (d: number, p: number): number => (p === 0 ? dflt[d] : p - 1 < dflt[d] ? p - 1 : p);
  /** [class-0, class-1] cost of position p at depth d */
  const costOf = (d: number, p: number): 0 | 1 | 2 => (p === 0 || free[d] ? 0 : fb !== undefined && indexOf(d, p) >= split[d] ? 2 : 1);
  for (;;) {
    if (runs >= maxRuns || o.stop?.()) return { schedules, runs, complete: false };
    let depth = 0;
    let k0 = 0, k1 = 0;
    const follow: Follow = (w, df, fr, sp) => {
      const d = depth++;
      let p = 0;
      if (d < prefix) {
        p = pos[d];
        if (w !== width[d] || df !== dflt[d] || fr !== free[d] || sp !== split[d]) {
          throw new Error(`exhaustive search: the run is not deterministic: choice point ${d} differs on replay (width ${width[d]} -> ${w})`);
        }
      }
      width[d] = w; dflt[d] = df; free[d] = fr; split[d] = sp; pos[d] = p;
      cost0[d] = k0; cost1[d] = k1;
      const k = costOf(d, p);
      if (k === 1) k0++;
      else if (k === 2) k1++;
      return indexOf(d, p);
    };
    const cost = prefixCost(prefix);
    const fresh = cost >= lo;
    runs++;
    if (fresh) schedules++;
    const go = run(follow, fresh);
    if (depth < prefix) throw new Error(`exhaustive search: the run is not deterministic: it ended after ${depth} of the ${prefix} choices it replays`);
    if (go === false) return { schedules, runs, complete: false };
    // next path: the deepest choice point with an untried sibling within the bounds
    let d = depth - 1;
    let next = -1;
    for (; d >= 0; d--) {
      if (!free[d] && cost0[d] >= c && (fb === undefined || cost1[d] >= fb)) continue; // only the default fits
      for (let p = pos[d] + 1; p < width[d]; p++) {
        const k = costOf(d, p);
        if (k === 0 || (k === 1 && cost0[d] < c) || (k === 2 && cost1[d] < fb!)) {
          next = p;
          break;
        }
      }
      if (next >= 0) break;
    }
    if (d < 0) return { schedules, runs, complete: true };
    pos[d] = next;
    prefix = d + 1;
  }

  /** class-0 cost of the next path: its prefix's costs, the tail being all defaults */
  function prefixCost(n: number): number {
    if (n === 0) return 0;
    return cost0[n - 1] + (costOf(n - 1, pos[n - 1]) === 1 ? 1 : 0);
  }
}

/**
 * A scenario run's chooser driven by the walker. `actors` ids are actors (the RCU callback runner
 * last); ids at or past it are store-buffer flushes (memory/weak.ts), the second class, as are reads
 * of an older visible value (memory/views.ts: a choice inside a step, default the latest). The default is
 * the actor that ran last (a flush does not change it: the actor it interrupted goes on for free);
 * when that actor cannot run, every choice is free and the default is the lowest runnable id.
 */
export function walkerChooser(actors: number, follow: Follow): Chooser {
  let last = -1;
  return {
    pick(runnable) {
      let split = runnable.length;
      let li = -1;
      for (let i = 0; i < runnable.length; i++) {
        const a = runnable[i];
        if (a === last) li = i;
        if (a >= actors) {
          split = i;
          break;
        }
      }
      const a = runnable[follow(runnable.length, li < 0 ? 0 : li, li < 0, split)];
      if (a < actors) last = a;
      return a;
    },
    // a stale read (weak memory) is of the second class, as a store becoming visible late is
    value: (width) => follow(width, 0, false, 0),
  };
}
