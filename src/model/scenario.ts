/**
 * A scenario: the machine (nodes, memcgs, SHRINKER_UNIT_BITS), the shrinkers registered before the
 * run, and the actors with their operations. Operations carry small integers that each role reads in
 * its own way (actors/roles.ts), so every combination is valid and fast-check can shrink any field.
 */
export const ROLES = ['producer', 'reclaimer', 'expander', 'unregisterer', 'lifecycle'] as const;
export type Role = (typeof ROLES)[number];

export interface OpSpec {
  a: number;
  b: number;
  c: number;
}

export interface ActorSpec {
  /** index into ROLES */
  role: number;
  ops: OpSpec[];
}

export interface Scenario {
  /** nr_node_ids, 1..MAX_NODES */
  nodes: number;
  /** memcgs below root, 1..MAX_MEMCGS-1 */
  memcgs: number;
  /** SHRINKER_UNIT_BITS, 1..32 */
  unitBits: number;
  /** memcg-aware shrinkers allocated and registered before the run */
  shrinkers: number;
  /** bit i set: boot shrinker i is SHRINKER_NUMA_AWARE */
  numaMask: number;
  /** bit i set: boot shrinker i is not SHRINKER_MEMCG_AWARE (global list only) */
  globalMask: number;
  /** bit i set: boot shrinker i is SHRINKER_NONSLAB */
  nonslabMask: number;
  /** 1: cgroup.memory=nokmem, memcg_kmem_online() is false */
  nokmem: number;
  /** bit j set: the j-th allocation of the scheduled run (kzalloc, kvzalloc, idr_alloc) fails */
  failMask: number;
  /** the actor mix: one list of operations per actor, by role */
  producers: OpSpec[][];
  reclaimers: OpSpec[][];
  expanders: OpSpec[][];
  unregisterers: OpSpec[][];
  /** memcg lifecycle actors: create (online), offline (reparent), free */
  lifecycles: OpSpec[][];
}

/** The actors in scheduling order (ids 0..n-1): producers, reclaimers, expanders, unregisterers, lifecycles. */
export function actorsOf(s: Scenario): ActorSpec[] {
  return [s.producers, s.reclaimers, s.expanders, s.unregisterers, s.lifecycles].flatMap((list, role) => list.map((ops) => ({ role, ops })));
}

/** Memcgs below root that exist over the whole run: at boot and created by lifecycle actors. */
export function memcgsCreated(s: Scenario): number {
  return s.memcgs + s.lifecycles.reduce((n, ops) => n + ops.filter((o) => o.a % 3 === 0).length, 0);
}

/** Shrinkers created over the whole run: at boot and by expanders. */
export function shrinkersCreated(s: Scenario): number {
  return s.shrinkers + s.expanders.reduce((n, ops) => n + ops.length, 0);
}

/** Items (cached objects) allocated over the whole run: one per producer operation, and the ones expanders' owners populate. */
export function itemsCreated(s: Scenario): number {
  return s.producers.reduce((n, ops) => n + ops.length, 0) + s.expanders.reduce((n, ops) => n + ops.reduce((m, o) => m + o.b, 0), 0);
}

/** The scenario used for speed figures: two of every racing role, expansion past the first unit. */
export const DEFAULT_SCENARIO: Scenario = {
  nodes: 2,
  memcgs: 2,
  unitBits: 2,
  shrinkers: 2,
  numaMask: 1,
  producers: [
    [{ a: 0, b: 0, c: 0 }, { a: 1, b: 1, c: 1 }, { a: 0, b: 0, c: 2 }],
    [{ a: 1, b: 0, c: 0 }, { a: 2, b: 1, c: 0 }, { a: 0, b: 2, c: 1 }],
  ],
  reclaimers: [
    [{ a: 0, b: 0, c: 0 }, { a: 1, b: 1, c: 0 }, { a: 2, b: 0, c: 0 }],
    [{ a: 2, b: 0, c: 0 }, { a: 0, b: 1, c: 1 }],
  ],
  expanders: [[{ a: 0, b: 0, c: 0 }, { a: 1, b: 0, c: 0 }]],
  unregisterers: [[{ a: 0, b: 0, c: 0 }]],
  globalMask: 0,
  nonslabMask: 0,
  nokmem: 0,
  failMask: 0,
  lifecycles: [],
};

/** Why a scenario cannot run, or null. Used for scenarios from tokens and from users. */
export function scenarioProblem(s: Scenario, max = { nodes: 4, memcgs: 7, unitBits: 32, shrinkers: 64, actors: 15, ops: 4096 }): string | null {
  const int = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(s.nodes, 1, max.nodes)) return `nodes must be 1..${max.nodes} (got ${s.nodes})`;
  if (!int(s.memcgs, 1, max.memcgs)) return `memcgs must be 1..${max.memcgs} (got ${s.memcgs})`;
  if (!int(s.unitBits, 1, max.unitBits)) return `unit bits must be 1..${max.unitBits} (got ${s.unitBits})`;
  if (!int(s.shrinkers, 0, max.shrinkers)) return `initial shrinkers must be 0..${max.shrinkers} (got ${s.shrinkers})`;
  for (const [name, v] of [['numa', s.numaMask], ['global', s.globalMask], ['nonslab', s.nonslabMask]] as const) {
    if (!int(v, 0, 0xffff)) return `${name} mask out of range (got ${v})`;
  }
  if (!int(s.nokmem, 0, 1)) return `nokmem must be 0 or 1 (got ${s.nokmem})`;
  if (!int(s.failMask, 0, 0x7fffffff)) return `allocation failure mask out of range (got ${s.failMask})`;
  if (memcgsCreated(s) > max.memcgs) return `the scenario creates ${memcgsCreated(s)} memcgs (at most ${max.memcgs})`;
  const actors = actorsOf(s);
  if (!int(actors.length, 1, max.actors)) return `a scenario needs 1..${max.actors} actors (got ${actors.length})`;
  for (const a of actors) {
    if (!int(a.ops.length, 0, max.ops)) return `an actor has ${a.ops.length} operations (at most ${max.ops})`;
    for (const op of a.ops) if (![op.a, op.b, op.c].every((v) => int(v, 0, 255))) return 'operation arguments must be 0..255';
  }
  const created = shrinkersCreated(s);
  if (created > max.shrinkers) return `the scenario creates ${created} shrinkers (at most ${max.shrinkers})`;
  if (Math.ceil(created / s.unitBits) > 32) return `${created} shrinkers need more than 32 units of ${s.unitBits} bits`;
  return null;
}
