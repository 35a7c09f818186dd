/**
 * Edits the scenario shrinker (shrink-scenario.ts) tries, each with the picks (scheduler ids, one per
 * step) to follow on the edited scenario so that every other actor takes the same steps in the same
 * order:
 *  - remove a whole actor: its picks go, later actors are renumbered (ids are actorsOf order, the RCU
 *    runner right after the actors, then weak memory's store-buffer flushes, BUFFER_CAP ids per actor:
 *    a flush is renumbered with the actor whose store it makes visible);
 *  - remove one operation of an actor: the picks of that operation's steps go (which picks those are
 *    is measured by the caller: `spans`);
 *  - merge two actors of one role: the second's operations run after the first's, or among them in the
 *    order they ran, in its place;
 *  - make the machine smaller (nodes, memcgs, boot shrinkers, SHRINKER_UNIT_BITS), clear mask bits
 *    (NUMA, global, NONSLAB, nokmem, injected allocation failures), set operation arguments to 0:
 *    actor ids do not change, the picks are followed as they are.
 * Removals are `structural`: they take steps away. The others are kept only when the run does not get
 * longer (shrink-scenario.ts).
 */
import { BUFFER_CAP } from '../memory/weak.js';
import { isValuePick } from '../sched/follow.js';
import { actorsOf, type OpSpec, type Scenario } from '../model/scenario.js';

export interface Edit {
  /** what the edit does, e.g. "remove actor 2", for tracing a shrink */
  what: string;
  s: Scenario;
  picks: number[];
  structural: boolean;
  /** one of many combined edits (two operations at once): only followed, never searched for */
  pair?: boolean;
}

const LISTS = ['producers', 'reclaimers', 'expanders', 'unregisterers', 'lifecycles'] as const;
type ListName = (typeof LISTS)[number];

/** Actor `a` (actorsOf order) as its role list and position in it. */
export function locate(s: Scenario, a: number): [ListName, number] {
  let base = 0;
  for (const list of LISTS) {
    if (a < base + s[list].length) return [list, a - base];
    base += s[list].length;
  }
  throw new Error(`internal: no actor ${a} in a scenario of ${base}`);
}

function withActorOps(s: Scenario, a: number, ops: OpSpec[] | null): Scenario {
  const [list, j] = locate(s, a);
  const next = ops === null ? s[list].filter((_, i) => i !== j) : s[list].map((o, i) => (i === j ? ops : o));
  return { ...s, [list]: next };
}

/** Scheduler id `id` of a scenario of `m` actors once actor `gone` is removed, or -1 for its own. */
export function renumber(id: number, m: number, gone: number): number {
  if (isValuePick(id)) return id; // which value a load read: the load's, whoever's it is
  if (id < m) return id === gone ? -1 : id < gone ? id : id - 1;
  if (id === m) return m - 1; // the RCU runner
  const n = m + 1;
  const owner = Math.floor((id - n) / BUFFER_CAP);
  const slot = (id - n) % BUFFER_CAP;
  const to = renumber(owner, m, gone);
  return to < 0 ? -1 : n - 1 + to * BUFFER_CAP + slot;
}

/** `s` without actor `a`, and the picks to follow on it. */
export function removeActor(s: Scenario, picks: readonly number[], a: number): Edit {
  const m = actorsOf(s).length;
  return { what: `remove actor ${a}`, s: withActorOps(s, a, null), picks: picks.map((p) => renumber(p, m, a)).filter((p) => p >= 0), structural: true };
}

/** `s` without operation `j` of actor `a`, whose steps are `a`'s picks numbered [from, to) (0-based among `a`'s picks). */
export function removeOp(s: Scenario, picks: readonly number[], a: number, j: number, [from, to]: readonly [number, number]): Edit {
  const ops = actorsOf(s)[a].ops.filter((_, i) => i !== j);
  const n = actorsOf(s).length + 1;
  const flushOfA = (p: number): boolean => p >= n && Math.floor((p - n) / BUFFER_CAP) === a;
  // the operation's own picks go (with the value choices of its loads, right after its steps), and
  // the flushes of `a`'s stores made visible while it ran
  let seen = 0;
  let inside = false;
  let ownStep = false;
  const kept = picks.filter((p) => {
    if (isValuePick(p)) return !ownStep;
    if (p === a) {
      const k = seen++;
      inside = k >= from && k < to;
      ownStep = inside;
      return !inside;
    }
    ownStep = false;
    return !(inside && flushOfA(p));
  });
  return { what: `remove op ${j} of actor ${a}`, s: withActorOps(s, a, ops), picks: kept, structural: true };
}

/**
 * `s` with actor `second`'s operations appended to actor `first`'s (the same role), or interleaved with
 * them as `order` says (true: `first`'s next operation), and `second` removed: its picks become
 * `first`'s, less one (the step that started `second` is gone; the step that ended one operation runs
 * into the next, whichever actor's it was).
 */
export function mergeActors(s: Scenario, picks: readonly number[], first: number, second: number, order?: readonly boolean[]): Edit {
  const actors = actorsOf(s);
  const m = actors.length;
  const n = m + 1;
  const owner = (p: number): number => (p < n ? p : Math.floor((p - n) / BUFFER_CAP));
  const moved = (p: number): number => (p === second ? first : p > m && owner(p) === second ? p + (first - second) * BUFFER_CAP : p);
  const at = picks.indexOf(second);
  const kept = picks.flatMap((p, i) => (i === at ? [] : [renumber(moved(p), m, second)]));
  const [fa, sa] = [[...actors[first].ops], [...actors[second].ops]];
  const ops = order === undefined ? [...fa, ...sa] : order.map((takeFirst) => (takeFirst ? fa.shift()! : sa.shift()!));
  const merged = withActorOps(s, first, ops);
  return { what: `merge actor ${second} into ${first}${order ? ' (interleaved)' : ''}`, s: withActorOps(merged, second, null), picks: kept, structural: true };
}

/**
 * One memcg fewer, each operation still aimed at the memcg it picked (actors/roles.ts pickMemcg: value
 * v picks memcg (v % n + 1) % n of n, root included), or at the one below it when it picked the last.
 */
function fewerMemcgs(s: Scenario): Scenario {
  const n = s.memcgs + 1;
  const aim = (v: number): number => {
    const t = Math.min(((v % n) + 1) % n, n - 2);
    return t === 0 ? n - 2 : t - 1;
  };
  const retarget = (key: 'a' | 'b' | 'c') => (ops: OpSpec[]): OpSpec[] => ops.map((o) => ({ ...o, [key]: aim(o[key]) }));
  return { ...s, memcgs: s.memcgs - 1, producers: s.producers.map(retarget('b')), reclaimers: s.reclaimers.map(retarget('a')), expanders: s.expanders.map(retarget('c')) };
}

/** Bits set in `v`, lowest first. */
const bitsOf = (v: number): number[] => Array.from({ length: 31 }, (_, i) => i).filter((i) => (v >>> i) & 1);

/** Smaller machines, cleared mask bits, zeroed operation arguments: actor ids unchanged. */
export function simplerScenarios(s: Scenario): [string, Scenario][] {
  const out: [string, Scenario][] = [];
  if (s.nodes > 1) out.push(['one node fewer', { ...s, nodes: s.nodes - 1 }]);
  if (s.memcgs > 1) out.push(['one memcg fewer', { ...s, memcgs: s.memcgs - 1 }], ['one memcg fewer, targets kept', fewerMemcgs(s)]);
  if (s.shrinkers > 0) out.push(['one boot shrinker fewer', { ...s, shrinkers: s.shrinkers - 1 }]);
  if (s.unitBits > 1) out.push(['smaller units', { ...s, unitBits: s.unitBits - 1 }]);
  if (s.nokmem) out.push(['kmem online', { ...s, nokmem: 0 }]);
  for (const mask of ['numaMask', 'globalMask', 'nonslabMask', 'failMask'] as const) {
    const bits = bitsOf(s[mask]);
    if (bits.length > 1) out.push([`${mask} 0`, { ...s, [mask]: 0 }]);
    for (const b of bits) out.push([`${mask} bit ${b} clear`, { ...s, [mask]: s[mask] & ~(1 << b) }]);
  }
  actorsOf(s).forEach((actor, a) => actor.ops.forEach((op, j) => {
    for (const key of ['a', 'b', 'c'] as const) {
      if (op[key] === 0) continue;
      const ops = actor.ops.map((o, i) => (i === j ? { ...o, [key]: 0 } : o));
      out.push([`actor ${a} op ${j} ${key}=0`, withActorOps(s, a, ops)]);
    }
  }));
  return out;
}
