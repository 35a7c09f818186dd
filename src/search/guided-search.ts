/**
 * Strategy `coverage`: a coverage-guided search. Every run counts the sites and interleaving pairs it
 * reaches (engine/coverage.ts); a (scenario, plan) pair that reached something new joins a corpus,
 * and later runs are mutants of corpus entries (search/mutate.ts: a new schedule seed or PCT change
 * points, one op or scenario field, an actor or op added or removed), interleaved with fresh pairs
 * from the same arbitraries the plain search draws (one run in FRESH_EVERY, and every run until the
 * corpus has an entry). Deterministic from `seed`: the fresh pairs come from fast-check's sampler
 * seeded per batch, the mutations from one mulberry32 stream.
 *
 * Everything else is check's (search/check.ts): violations are signed and counted by FoundLog, the
 * same keep-going rules (known findings, `all`, `until`), the runs / time / interrupt budgets and the
 * control block, a harness error is never a pass, and the ending shrinks and lists the same way.
 * Not supported: `shard` (a corpus is one sequential history), refused as a harness error.
 */
import fc from 'fast-check';
import { CoverageMap } from '../engine/coverage.js';
import { runScenario } from '../engine/run.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';
import type { Scenario } from '../model/scenario.js';
import { trimSchedule } from '../sched/explicit.js';
import { chooserFor, type Plan } from '../sched/plan.js';
import { mulberry32 } from '../sched/prng.js';
import { resolveFns } from '../variants/registry.js';
import type { CheckOptions, CheckResult } from './check-types.js';
import { beat, interrupted, setRuns } from './control.js';
import { coverageReport } from './coverage-report.js';
import { endSearch, untilMet } from './finish.js';
import { FoundLog, type FoundSignature } from './found-log.js';
import { harnessErrorOfRun, harnessErrorOfSearch, type HarnessError } from './harness-error.js';
import { mutatePlan, mutateScenario } from './mutate.js';
import { scenarioArb } from './scenario-arb.js';
import { planArb } from './schedule-arb.js';

/** one run in this many is a fresh pair, the others mutants of the corpus */
export const FRESH_EVERY = 4;
const BATCH = 64;
const MAX_CORPUS = 1024;

interface Entry {
  s: Scenario;
  plan: Plan;
}

/** Fresh (scenario, plan) pairs from the plain search's arbitraries, random and PCT plans alike. */
function* freshPairs(seed: number, workloads: CheckOptions['workloads']): Generator<Entry> {
  const arb = fc.tuple(scenarioArb(workloads), fc.oneof(planArb('random'), planArb('pct')));
  for (let batch = 0; ; batch++) {
    for (const [s, plan] of fc.sample(arb, { seed: (seed + batch * 0x9e3779b1) | 0, numRuns: BATCH })) yield { s, plan };
  }
}

export function checkGuided(o: CheckOptions): CheckResult {
  const fns = resolveFns(o.variant);
  const memory = o.memory ?? 'sc';
  const workloads = o.workloads ?? DEFAULT_WORKLOADS;
  const t0 = performance.now();
  const at0 = o.into?.t0 ?? t0; // first hits are timed from the start of the whole search (a portfolio's)
  const off = o.into?.runOffset ?? 0; // a portfolio slice numbers its runs after the slices before it
  const cov = new CoverageMap();
  const log = o.into?.log ?? new FoundLog(o.variant, fns, memory);
  const rng = mulberry32(o.seed ^ 0x2c0e5a6e);
  const fresh = freshPairs(o.seed, workloads);
  const corpus: Entry[] = [];
  const every = Math.max(1, Math.floor(o.runs / 100));
  let runs = 0, steps = 0, doShrinkSlab = 0, passes = 0, visits = 0;
  let stopped: CheckResult['stopped'] = null;
  let stopAt: FoundSignature | null = null;
  let error: HarnessError | undefined;
  if (o.shard) error = harnessErrorOfSearch(new Error('strategy coverage cannot be sharded: its corpus is one sequential history'), 1, o.seed);
  while (error === undefined && runs < o.runs) {
    if (interrupted(o.control)) { stopped = 'interrupt'; break; }
    if (o.timeLimitMs !== undefined && performance.now() - t0 >= o.timeLimitMs) { stopped = 'time'; break; }
    beat(o.control);
    let e: Entry;
    if (corpus.length === 0 || rng() % FRESH_EVERY === 0) e = fresh.next().value as Entry;
    else {
      const parent = corpus[rng() % corpus.length];
      e = rng() % 2 === 0 ? { s: parent.s, plan: mutatePlan(parent.plan, rng) } : { s: mutateScenario(parent.s, rng, workloads), plan: parent.plan };
    }
    const r = runScenario(fns, e.s, chooserFor(e.plan, e.s), { memory, coverage: cov });
    runs++;
    setRuns(o.control, off + runs);
    steps += r.steps;
    doShrinkSlab += r.stats.doShrinkSlab;
    passes += r.stats.passes;
    visits += r.stats.visits;
    if (o.onProgress && runs % every === 0) o.onProgress(off + runs, o.runs);
    if (cov.fresh > 0 && corpus.length < MAX_CORPUS) corpus.push(e);
    if (r.error !== null) {
      error = harnessErrorOfRun(o.variant, e.s, r.schedule, r.error, off + runs, memory);
      break;
    }
    if (r.violation === null) continue;
    const found = log.record(e.s, trimSchedule(r.schedule), r.violation.invariant, off + runs, performance.now() - at0);
    if (untilMet(o, found)) { stopAt = found; break; }
    if (o.all || found.known !== null) continue; // keep going: a known finding never hides a new bug
    stopAt = found;
    break;
  }
  const base = {
    variant: o.variant.name, memory, workloads, strategy: o.strategy, seed: o.seed, runs, runsAsked: o.runs, stopped, steps, doShrinkSlab, passes, visits,
    all: o.all === true, ...(o.coverage && { coverage: coverageReport(cov) }),
  };
  return endSearch(o, log, stopAt, base, error, t0);
}

