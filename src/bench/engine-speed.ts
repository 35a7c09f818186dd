/**
 * Bench 5a: model steps per second on DEFAULT_SCENARIO, against bare generator stepping.
 *
 * model: runScenario(lockless, DEFAULT_SCENARIO, random chooser), a new seed per run.
 * bare:  the same number of actors, each a generator that only yields, stepped by the same kind of
 *        loop (runnable list, the same random chooser) for the same total number of steps as a model
 *        run. What the ratio measures is the model's own cost per step (accesses, checks, waits) over
 *        the cost of stepping generators at all.
 * The two alternate in short rounds inside one budget, so machine noise hits both alike.
 */
import { runScenario } from '../engine/run.js';
import { DEFAULT_SCENARIO } from '../model/scenario.js';
import { randomChooser } from '../sched/random.js';
import { resolveFns } from '../variants/registry.js';
import { lockless } from '../variants/designs/lockless.js';

export interface EngineSpeed {
  modelStepsPerSecond: number;
  bareStepsPerSecond: number;
  /** bare / model */
  ratio: number;
}

function* bare(n: number): Generator<undefined, void, unknown> {
  for (let i = 0; i < n; i++) yield undefined;
}

/** One bare run: `actors` generators of `steps / actors` yields each, picked like the engine picks. */
export function bareRun(actors: number, steps: number, seed: number): number {
  const chooser = randomChooser(seed);
  const per = Math.max(0, Math.ceil(steps / actors) - 1); // the call that returns done is a step too, as in the engine
  const gens = Array.from({ length: actors }, () => bare(per));
  const done = new Array<boolean>(actors).fill(false);
  const runnable: number[] = [];
  let live = actors;
  let current = -1;
  let n = 0;
  while (live > 0) {
    runnable.length = 0;
    for (let a = 0; a < actors; a++) if (!done[a]) runnable.push(a);
    const a = chooser.pick(runnable, current, n);
    current = a;
    n++;
    if (gens[a].next().done) {
      done[a] = true;
      live--;
    }
  }
  return n;
}

export function engineSpeed(budgetMs: number, seed: number, onTick?: (fraction: number) => void): EngineSpeed {
  const fns = resolveFns(lockless);
  const probe = runScenario(fns, DEFAULT_SCENARIO, randomChooser(seed));
  const actors = probe.actorNames.length;
  const rounds = 10;
  const slice = budgetMs / (2 * rounds);
  let modelSteps = 0, modelMs = 0, bareSteps = 0, bareMs = 0, i = 0;
  for (let round = 0; round < rounds; round++) {
    let t0 = performance.now();
    while (performance.now() - t0 < slice) modelSteps += runScenario(fns, DEFAULT_SCENARIO, randomChooser(seed + ++i)).steps;
    modelMs += performance.now() - t0;
    t0 = performance.now();
    while (performance.now() - t0 < slice) bareSteps += bareRun(actors, probe.steps, seed + ++i);
    bareMs += performance.now() - t0;
    onTick?.((round + 1) / rounds);
  }
  const modelStepsPerSecond = modelSteps / (modelMs / 1000);
  const bareStepsPerSecond = bareSteps / (bareMs / 1000);
  return { modelStepsPerSecond, bareStepsPerSecond, ratio: bareStepsPerSecond / modelStepsPerSecond };
}
