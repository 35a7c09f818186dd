/**
 * The same model, driven by fast-check's `fc.scheduler()` instead of the deterministic engine: every
 * actor is an async loop in which each step awaits a promise the scheduler releases, so fast-check
 * chooses the interleaving (and could shrink it). Built from runScenario's own pieces (layout, kernel,
 * boot, the role generators, the RCU runner, the end-state checks); sequentially consistent memory.
 *
 * Differences from the engine, both only about blocked actors: a blocked actor is released by the
 * scheduler like any other and simply awaits again (the engine never picks it), and a deadlock is
 * reported once `idleLimit` releases in a row made no progress (the engine sees it at once). Used by
 * the bench (5b) to compare time to first failure; not a search strategy of `check`.
 */
import { kernelFor } from '../engine/boot.js';
import fc from 'fast-check';
import { ROLE_BODIES } from '../actors/roles.js';
import { rcu_runner } from '../actors/rcu-runner.js';
import { setup } from '../actors/setup.js';
import { DEFAULT_MAX_STEPS } from '../engine/run.js';
import { checkEndState } from '../invariants/end-state.js';
import { isViolation, Violation, type InvariantName } from '../model/violation.js';

import { G_ACTORS_DONE } from '../model/layout.js';
import { actorsOf, type Scenario } from '../model/scenario.js';
import type { Step, Wait } from '../model/wait.js';
import type { ModelFns } from '../model/kernel.js';
import { scenarioArb } from '../search/scenario-arb.js';
import { type Workload } from '../model/workloads.js';

export interface ScheduledRun {
  violation: Violation | null;
  steps: number;
}

export async function runScenarioScheduled(fns: ModelFns, s: Scenario, sch: fc.Scheduler, maxSteps = DEFAULT_MAX_STEPS): Promise<ScheduledRun> {
  const k = kernelFor(fns, s);
  const { mem } = k;
  const names = [...k.actorNames];
  setup(k, s);
  const gens: Step[] = actorsOf(s).map((a) => ROLE_BODIES[a.role](k, s, a.ops));
  gens.push(rcu_runner(k));
  const runner = gens.length - 1;
  const idleLimit = 64 * gens.length;
  let violation: Violation | null = null;
  let idle = 0;

  const actor = async (a: number): Promise<void> => {
    let wait: Wait | undefined;
    for (;;) {
      await sch.schedule(Promise.resolve(a), names[a]);
      if (violation !== null) return;
      if (wait !== undefined && !wait.ready()) {
        if (++idle > idleLimit) violation = new Violation('liveness', `deadlock: no actor could progress (${names[a]} waits on ${wait.what})`);
        continue;
      }
      idle = 0;
      if (k.step >= maxSteps) {
        violation = new Violation('liveness', `no quiescence after ${maxSteps} steps`);
        return;
      }
      k.actor = a;
      let r: IteratorResult<Wait | undefined, unknown>;
      try {
        r = gens[a].next();
      } catch (e) {
        if (!isViolation(e)) throw e;
        violation = e;
        return;
      }
      k.step++;
      if (r.done) {
        if (a !== runner) Atomics.add(mem, G_ACTORS_DONE, 1);
        return;
      }
      wait = r.value;
    }
  };

  await sch.waitFor(Promise.all(gens.map((_, a) => actor(a))));
  if (violation === null) {
    k.actor = -1;
    try {
      checkEndState(k);
    } catch (e) {
      if (!isViolation(e)) throw e;
      violation = e;
    }
  }
  return { violation, steps: k.step };
}

export interface ScheduledSearch {
  found: boolean;
  invariant: InvariantName | null;
  runs: number;
  timeMs: number;
}

/** Search generated scenarios with fc.scheduler() interleavings until the first violation or the budget. */
export async function searchWithFcScheduler(fns: ModelFns, workloads: readonly Workload[], seed: number, budgetMs: number): Promise<ScheduledSearch> {
  const t0 = performance.now();
  let runs = 0;
  let hit: { invariant: InvariantName; at: number } | null = null;
  await fc.check(
    fc.asyncProperty(scenarioArb(workloads), fc.scheduler(), async (s, sch) => {
      const r = await runScenarioScheduled(fns, s, sch);
      runs++;
      if (r.violation === null) return true;
      hit ??= { invariant: r.violation.invariant, at: performance.now() };
      return false;
    }),
    { numRuns: 100_000_000, seed, endOnFailure: true, interruptAfterTimeLimit: budgetMs },
  );
  const h = hit as { invariant: InvariantName; at: number } | null;
  return h ? { found: true, invariant: h.invariant, runs, timeMs: h.at - t0 } : { found: false, invariant: null, runs, timeMs: performance.now() - t0 };
}
