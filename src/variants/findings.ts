/**
 * Findings: races shrinkrace found in the reference (`lockless`, mirroring mm/shrinker.c and v6.13's
 * mm/list_lru.c) under workloads the default search leaves out. Each is kept as an expectation, so
 * `validate` shows it still reproduces (and would notice a model change that hides it).
 */
import type { Workload } from '../model/workloads.js';
import type { InvariantName } from '../model/violation.js';
import type { GeneratorName } from '../model/workloads.js';
import type { Scenario } from '../model/scenario.js';

export interface Finding {
  name: string;
  workloads: readonly Workload[];
  invariant: InvariantName;
  /** its bug signatures (search/signature.ts): a violation with one of them is this finding, known */
  signatures: readonly string[];
  summary: string;
  /** the scenario generator its validate row searches with (default uniform): a race whose ingredients the uniform classes rarely put together */
  scenarios?: GeneratorName;
  /**
   * the seed its validate row (and its tests) search with, instead of validate's: a race so rare that
   * only some seeds meet it within the row's budget; the row then shows it still reproduces
   */
  seed?: number;
  /** the designs that have it (default: the reference only); a row of validate each */
  designs?: readonly string[];
  /**
   * the one scenario its validate row (and its tests) search the schedules of, instead of generated
   * scenarios: the workload that triggers a race the generators almost never build (the actors and
   * operations of its hand-minimal interleaving; unset fields are one node, one memcg, one shrinker)
   */
  scenario?: Partial<Scenario>;
}

const MACHINE: Scenario = { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] };

/** A finding's fixed scenario (Finding.scenario), whole; undefined when its row searches generated ones. */
export function findingScenario(f: Finding): Scenario | undefined {
  return f.scenario && { ...MACHINE, ...f.scenario };
}

export const FINDINGS: readonly Finding[] = [
  {
    name: 'lockless@lifecycle',
    workloads: ['lifecycle'],
    invariant: 'lost-bit',
    // the child's map still live, or since freed with the child (offlined and freed before the check)
    signatures: [
      'lost-bit bit never set, items added in list_lru_add [@->nr_items++], the adder\'s bit set set_shrinker_bit [set_bit(N, @->map) [shrinker N]] on a map still live',
      'lost-bit bit never set, items added in list_lru_add [@->nr_items++], the adder\'s bit set set_shrinker_bit [set_bit(N, @->map) [shrinker N]] on a map since freed',
    ],
    summary: 'list_lru_add() racing memcg offline: the item lands in the parent\'s list (lock_list_lru_of_memcg retries with the parent) but set_shrinker_bit() is called for the dying child (memcg passed by value)',
  },
  {
    name: 'lockless@reparent',
    workloads: ['lifecycle'],
    // rare: it needs two producers on one memcg (one adding then deleting, one adding) and that memcg
    // going offline, the second producer finding the list before the xarray NULL store and locking it
    // after the first's add. Generated scenarios: mixed seed 2 met it at run 141,682 (lazy lists); since
    // offline waits out the kill's grace period (the producers' RCU sections must then begin after it)
    // mixed 6 meets it at run 227,136; mixed 1-5, swarm 1-4 and uniform 1 in none of 250,000 runs each. On its own scenario (below)
    // random schedules meet it in 28 of 20,000 (switchLog2 2), as before the grace period (27)
    scenario: { producers: [[{ a: 0, b: 0, c: 0 }, { a: 0, b: 0, c: 2 }], [{ a: 0, b: 0, c: 0 }]], lifecycles: [[{ a: 1, b: 0, c: 0 }]] },
    invariant: 'list-debug',
    signatures: ["list-debug in list_lru_del (mm/list_lru.c list_lru_del() (v6.13)), at list_del_init(item), op list_del racing the list's lock holder"],
    summary: 'memcg_reparent_list_lrus() stores NULL in the dying memcg\'s xarray slot before it takes the child\'s list lock to splice: a list_lru_del() in between resolves the parent (lock_list_lru_of_memcg retries), takes the parent\'s lock and unlinks an item still linked on the child\'s list, while another CPU that found the child\'s list before the NULL store holds its lock and changes it (upstream: Shakeel Butt, "mm/list_lru: drain before clearing xarray entry on reparent", 2026-06-01)',
  },
  {
    name: 'lockless@populate',
    workloads: ['populate'],
    invariant: 'lost-bit',
    signatures: ['lost-bit bit cleared in shrink_slab_memcg_one [clear_bit(N, @->map) [no shrinker N]]'],
    summary: 'items added between shrinker_alloc() and shrinker_register(): reclaim finds the id in shrinker_idr, shrinker_try_get() fails (refcount 0) and the bit is cleared; after registration the items have no bit',
    designs: ['lockless', 'mainline'], // unfixed upstream (see src/variants/designs/mainline.ts)
  },
  {
    name: 'lockless@nokmem',
    workloads: ['nokmem', 'nonslab', 'global'],
    invariant: 'leak',
    // the leak itself, or what it leads to: shrinker_free() of that shrinker waits forever for its
    // refcount to drop (a hang; mainline's fix 2 removes both, checked on the same scenarios)
    signatures: [
      'leak shrinker refcount, on shrinker, references unbalanced in shrink_slab_memcg_one (1 get, 0 puts)',
      'liveness deadlock, references unbalanced in shrink_slab_memcg_one (1 get, 0 puts), waiting on RCU callbacks (waiting for a grace period to end); wait_for_completion(&shrinker->done)',
    ],
    summary: 'under nokmem, shrink_slab_memcg() skips a non-NONSLAB shrinker with `continue` after shrinker_try_get() succeeded, never putting the reference (reachable through a bit left by a freed NONSLAB shrinker whose id was reused)',
  },
  {
    name: 'lockless@teardown',
    workloads: ['lifecycle', 'alloc-fail'],
    // the uniform classes rarely combine a failing allocation in a new memcg's second node with an
    // expansion at that moment: none in 5 x 100,000 runs (seeds 1-5). Swarm, since a memcg's creation
    // also allocates its obj_cgroup (one more allocation the targeted failure can pick): seed 1 none
    // in 300,000 runs, seed 2 run 225,749, seed 3 run 40,848 (before: seed 1 run 50,279); with the
    // narrower conflict plans (search/schedule-arb.ts) seed 3 meets it at run 40,848 still, reading
    // unit[i] in shrinker_unit_free() of the info expand replaced and RCU-freed (that signature was new then)
    scenarios: 'swarm',
    seed: 3,
    invariant: 'use-after-free',
    // one race, met at whichever access comes second: expand reading or copying the info being freed,
    // shrinker_unit_alloc() reading its size, both sides freeing it, or free_shrinker_info() freeing units
    // of an info that expand already replaced and RCU-freed (mainline's fix 3 removes every one)
    signatures: [
      'use-after-free in expand_one_shrinker_info (mm/shrinker.c:113-148), at @->map_nr_max, on shrinker_info, freed in free_shrinker_info',
      'use-after-free in expand_one_shrinker_info (mm/shrinker.c:113-148), at memcpy: @->unit[N], on shrinker_info, freed in free_shrinker_info',
      'use-after-free in shrinker_unit_alloc (mm/shrinker.c:41-60), at @->map_nr_max, on shrinker_info, freed in free_shrinker_info',
      'use-after-free in an RCU callback (kvfree_rcu), double free, at kvfree, on shrinker_info, freed in free_shrinker_info',
      'use-after-free in shrinker_unit_free (mm/shrinker.c:21-39), at @->unit[N], on shrinker_info, freed in an RCU callback (kvfree_rcu)',
      'use-after-free in shrinker_unit_free (mm/shrinker.c:21-39), at @->unit[N] = NULL, on shrinker_info, freed in an RCU callback (kvfree_rcu)',
      'use-after-free in shrinker_unit_free (mm/shrinker.c:21-39), at @->map_nr_max, on shrinker_info, freed in an RCU callback (kvfree_rcu)',
      'use-after-free in shrinker_unit_free (mm/shrinker.c:21-39), double free, at kfree, on shrinker_info_unit, freed in shrinker_unit_free',
    ],
    summary: 'alloc_shrinker_info() fails for a new memcg after publishing a node\'s info, drops shrinker_mutex, then free_shrinker_info() kvfree()s the infos while a concurrent expand_shrinker_info() (the memcg is already visible to mem_cgroup_iter()) reads, copies and kvfree_rcu()s them (mm-shrinker.c lines 99-102 vs 113-148, 150-177)',
  },
];

/**
 * The known finding a signature is, for a variant: the reference's findings are known for the
 * reference and for everything built on it (its known bugs, variant files), not for the other
 * built-in designs, which have none recorded (a fix, like mainline's, must not count them as known).
 */
export function knownFinding(variant: { name: string; isDesign: boolean }, signature: string): Finding | null {
  return FINDINGS.find((f) => f.signatures.includes(signature) && (!variant.isDesign || designsOf(f).includes(variant.name))) ?? null;
}

export const designsOf = (f: Finding): readonly string[] => f.designs ?? ['lockless'];

/** The validate row of finding `f` on `design`: the finding's name, with the design's name in front. */
export const findingRowName = (f: Finding, design: string): string => f.name.replace(/^lockless@/, `${design}@`);
