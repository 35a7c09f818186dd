/**
 * Properties over whole runs, shared by the test suite: a variant expected to pass survives every
 * generated (scenario, plan); every run is reproducible from its recorded schedule.
 */
import fc from 'fast-check';
import { runScenario } from '../src/engine/run.js';
import { chooserFor } from '../src/sched/plan.js';
import { explicitChooser } from '../src/sched/explicit.js';
import type { StrategyName } from '../src/sched/strategy.js';
import { resolveFns } from '../src/variants/registry.js';
import type { Variant } from '../src/variants/variant.js';
import { scenarioArb } from '../src/search/scenario-arb.js';
import { planArb } from '../src/search/schedule-arb.js';

/** No generated run of `v` breaks an invariant. The failure message carries the run's violation. */
export function survivesProperty(v: Variant, strategy: StrategyName) {
  const fns = resolveFns(v);
  return fc.property(scenarioArb(), planArb(strategy), (s, plan) => {
    const r = runScenario(fns, s, chooserFor(plan, s));
    if (r.violation !== null) throw new Error(r.violation.message);
  });
}

/** Replaying a run's recorded schedule gives the same steps, schedule and outcome. */
export function replayIsExactProperty(v: Variant) {
  const fns = resolveFns(v);
  return fc.property(scenarioArb(), planArb('random'), (s, plan) => {
    const a = runScenario(fns, s, chooserFor(plan, s));
    const b = runScenario(fns, s, explicitChooser(a.schedule));
    return a.steps === b.steps && a.schedule.join() === b.schedule.join() && a.violation?.message === b.violation?.message;
  });
}
