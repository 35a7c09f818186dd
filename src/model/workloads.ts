/**
 * Workloads: the model features a search turns on (`--workload a,b`). A scenario of a narrower
 * workload is also a scenario of a wider one (a disabled feature keeps its fields at 0); the
 * arbitraries that generate them are src/search/scenario-arb.ts.
 */
export const WORKLOADS = ['global', 'nonslab', 'nokmem', 'alloc-fail', 'populate', 'lifecycle'] as const;
export type Workload = (typeof WORKLOADS)[number];
export const WORKLOAD_HELP: Record<Workload, string> = {
  global: 'non-memcg-aware shrinkers (global list only) beside memcg-aware ones',
  nonslab: 'SHRINKER_NONSLAB shrinkers',
  nokmem: 'cgroup.memory=nokmem: memcg_kmem_online() is false',
  'alloc-fail': 'allocation failures injected into kzalloc/kvzalloc/idr_alloc',
  populate: 'owners add items between shrinker_alloc() and shrinker_register()',
  lifecycle: 'memcgs created, taken offline (list_lru reparenting) and freed during the run',
};

/** The workloads the reference survives: what `check` and `validate` search by default. */
export const DEFAULT_WORKLOADS: readonly Workload[] = ['global', 'nonslab', 'alloc-fail'];

/**
 * Scenario generators a search can use (`check --scenarios`, src/search/scenario-arb.ts): the uniform
 * size classes, swarm (each scenario draws its features), half of each, dense (search/dense.ts), or
 * blend (search/trial-arb.ts: uniform three runs in four, dense the fourth, searched with random or PCT plans).
 */
export const GENERATORS = ['blend', 'uniform', 'swarm', 'mixed', 'dense'] as const;
export type GeneratorName = (typeof GENERATORS)[number];
/** What check and validate generate when not told (CLI and API): search/trial-arb.ts says why. */
export const DEFAULT_GENERATOR: GeneratorName = 'blend';
