/**
 * Cutting a stress scenario's repetitions before shrinking. A stress scenario is `unroll(base,
 * repeat)`: each actor runs its base operations `repeat` times, so a failure found on threads sits in
 * a run of thousands of steps, too long for the shrinker to bring down to what `check` prints. Two
 * cuts, each kept only when the run still breaks the same invariant (at the same site, when the run
 * being cut had it):
 *  - levels: the base scenario (each actor's operations once), then 2, 4, ... repetitions
 *    (reproduce.ts searches each level in turn, smallest first);
 *  - trailing repetitions, per actor: the same picks (actor ids) replayed (as a projection, else
 *    step for step: ticket-replay.ts) with that actor's operations cut to 1, 2, 4, ... repetitions,
 *    then to 0, 1, 2, ... single operations.
 */
import type { OpSpec, Scenario } from '../model/scenario.js';
import type { ModelFns } from '../model/kernel.js';
import { hitOf, type Hit, type SearchStats, type Target } from './refind.js';
import { replayPicks } from './ticket-replay.js';

/** Repetition levels below `repeat`, smallest first: 1, 2, 4, ... */
export function levelsBelow(repeat: number): number[] {
  const out: number[] = [];
  for (let r = 1; r < repeat; r *= 2) out.push(r);
  return out;
}

/** Single-operation cuts tried per actor, once its repetitions are cut. */
const MAX_OP_CUTS = 8;

const LISTS = ['producers', 'reclaimers', 'expanders', 'unregisterers', 'lifecycles'] as const;

/** `s` with the `j`-th actor of `list` running `ops`. */
function withOps(s: Scenario, list: (typeof LISTS)[number], j: number, ops: OpSpec[]): Scenario {
  return { ...s, [list]: s[list].map((o, i) => (i === j ? ops : o)) };
}

/** `picks` on a cut-down scenario: as a projection, else step for step. */
export function replayCut(fns: ModelFns, s: Scenario, picks: ArrayLike<number>, t: Target): Hit | null {
  for (const mode of ['skip', 'step'] as const) {
    const p = replayPicks(fns, s, picks, mode);
    const h = hitOf(s, p.picks, p.run, t);
    if (h) return h;
  }
  return null;
}

/**
 * Per actor, the fewest repetitions of its base operations with which `hit`'s picks still fail, then
 * the fewest of the operations left (0, 1, 2, ... up to MAX_OP_CUTS; an actor with none stays, so
 * actor ids and the picks keep their meaning).
 */
export function cutTrailing(fns: ModelFns, base: Scenario, hit: Hit, t: Target, until: number, stats: SearchStats): Hit {
  const tryKeep = (list: (typeof LISTS)[number], j: number, keep: number): boolean => {
    if (performance.now() >= until || keep >= hit.s[list][j].length) return false;
    const s = withOps(hit.s, list, j, hit.s[list][j].slice(0, keep));
    const h = replayCut(fns, s, hit.picks, t);
    stats.runs += 2;
    if (h === null || (hit.sameSite && !h.sameSite)) return false;
    hit = h;
    return true;
  };
  for (const list of LISTS) {
    for (let j = 0; j < hit.s[list].length; j++) {
      const per = base[list][j]?.length ?? 0;
      const reps = per === 0 ? 0 : Math.ceil(hit.s[list][j].length / per);
      levelsBelow(reps).some((r) => tryKeep(list, j, r * per));
      Array.from({ length: Math.min(hit.s[list][j].length, MAX_OP_CUTS) }, (_, n) => n).some((n) => tryKeep(list, j, n));
    }
  }
  return hit;
}
