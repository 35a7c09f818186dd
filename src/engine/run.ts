/**
 * The deterministic engine: one thread, one shared buffer, a scheduler that picks which actor takes
 * the next step. A run is fully determined by (variant, scenario, schedule): the chooser's picks are
 * recorded as an explicit schedule (sched/explicit.ts), which replays the run step for step.
 *
 * A run ends at the first violation (thrown by the model at the step it happens), when every live
 * actor is blocked (deadlock: liveness), when it passes `maxSteps` (liveness), or at quiescence: every
 * actor finished and the RCU callbacks drained, where the end-state invariants are checked.
 *
 * Anything else thrown (a ModelError such as an exhausted arena, a variant's TypeError, a stack
 * overflow) ends the run as a harness error: `error` names what was thrown and the step and actor it
 * was thrown at, and the schedule so far replays the run up to that point. It is never a pass.
 */
import { ROLE_BODIES } from '../actors/roles.js';
import { rcu_runner } from '../actors/rcu-runner.js';
import { checkEndState } from '../invariants/end-state.js';
import { isViolation, type Violation } from '../model/violation.js';
import { harnessFault, type HarnessFault } from './harness-fault.js';
import type { TraceRow } from '../model/kernel.js';
import { actorNamesOf, boundsOf, kernelFor, setup } from './boot.js';
import { G_ACTORS_DONE, G_STAT_ADDED, G_STAT_DELETED, G_STAT_DO_SHRINK, G_STAT_PASSES, G_STAT_SCANNED, G_STAT_VISITS, type Bounds } from '../model/layout.js';
import { actorsOf, type Scenario } from '../model/scenario.js';
import type { Chooser } from '../sched/strategy.js';
import type { Step } from '../model/wait.js';
import { runActors } from './loop.js';
import { makeKernel, teeSinks, type Kernel, type ModelFns } from '../model/kernel.js';
import { bootedCopy, bootKeyFor, rememberBoot } from './boot-cache.js';
import { SiteLog } from '../model/sites.js';
import { trackFns, trackMemory } from './sites.js';
import { coverFns, type CoverageMap } from './coverage.js';
import type { MemoryMode } from '../model/memory-model.js';
import { weak } from '../memory/weak.js';
import type { AccessLog } from './access-log.js';

export interface RunOptions {
  /** record a trace (slower; used to render a failure) */
  trace?: boolean;
  /** a run longer than this is reported as a liveness violation */
  maxSteps?: number;
  /** memory model (default sc); weak adds store buffers whose flushes are scheduling choices */
  memory?: MemoryMode;
  /** track sites (engine/sites.ts) so a violation's facts name where it happened: for signatures, slower */
  sites?: boolean;
  /** called after every actor step with the kernel (site tracking watches a bit with it) */
  afterStep?: (k: Kernel, actor: number) => void;
  /** called when an actor begins an operation, inside its step (the scenario shrinker finds each operation's steps with it) */
  onOpBegin?: (actor: number) => void;
  /** count the sites and interleaving pairs this run reaches into it (engine/coverage.ts); slower */
  coverage?: CoverageMap;
  /** log every shared access, value and barrier into it (engine/access-log.ts; needs `trace`): litmus export */
  accesses?: AccessLog;
  /** the bench's boot (bench/scaling.ts): arena sizes of the design it measures, shrinkers registered before the memcgs are made */
  boot?: { caps?: Bounds['caps']; shrinkersFirst?: boolean };
}

export interface RunStats {
  added: number;
  deleted: number;
  scanned: number;
  doShrinkSlab: number;
  /** reclaim passes (shrink_slab calls by reclaimers) */
  passes: number;
  /** set bits visited by memcg walks */
  visits: number;
}

export interface RunResult {
  violation: Violation | null;
  /** a harness error ended the run (never together with a violation) */
  error: HarnessFault | null;
  steps: number;
  /** the explicit schedule that replays this run */
  schedule: number[];
  actorNames: string[];
  trace: TraceRow[] | null;
  stats: RunStats;
}

export const DEFAULT_MAX_STEPS = 200_000;

export { actorNamesOf, boundsOf }; // they live in boot.ts; re-exported for callers of the engine

export function runScenario(fns: ModelFns, s: Scenario, chooser: Chooser, opts: RunOptions = {}): RunResult {
  const sites = opts.sites ? new SiteLog(actorNamesOf(s).length, actorNamesOf(s)) : null;
  const cov = opts.coverage;
  cov?.beginRun(actorNamesOf(s).length);
  const covered = cov ? coverFns(fns, cov) : fns;
  const runFns = sites ? trackFns(covered, sites) : covered;
  // a scenario booted before with these functions starts from a copy of its booted words (boot-cache.ts)
  const key = runFns === fns ? bootKeyFor(s, opts.boot) : null;
  const booted = key === null ? null : bootedCopy(fns, key);
  const k = booted ? makeKernel(booted.mem, booted.L, fns, actorNamesOf(s)) : kernelFor(runFns, s, { caps: opts.boot?.caps });
  k.sites = sites;
  const { mem } = k;
  const actorNames = [...k.actorNames];
  const n = actorNames.length;
  const runner = n - 1;
  const schedule: number[] = [];
  let violation: Violation | null = null;
  let error: HarnessFault | null = null;
  try {
    if (!booted) {
      setup(k, s, { shrinkersFirst: opts.boot?.shrinkersFirst });
      if (key !== null) rememberBoot(fns, key, k.L, k.mem);
    }
    if (opts.trace) k.tr = [];
    if (opts.memory === 'weak') k.mm = weak(k, n);
    if (opts.onOpBegin) k.opBegin = (k) => void opts.onOpBegin!(k.actor);
    if (sites) k.mm = trackMemory(k.mm, sites);
    // after setup: the scenario's boot state is neither coverage nor a conflict
    const sink = chooser.sink;
    if (cov || sink) k.cov = cov && sink ? teeSinks(cov, sink) : (cov ?? sink)!;
    if (opts.accesses) {
      const log = opts.accesses.attach(k);
      k.cov = k.cov === null ? log : teeSinks(k.cov, log);
    }
    const gens: Step[] = actorsOf(s).map((a) => ROLE_BODIES[a.role](k, s, a.ops));
    gens.push(rcu_runner(k));
    runActors(k, gens, chooser, schedule, {
      maxSteps: opts.maxSteps ?? DEFAULT_MAX_STEPS,
      onDone: (a) => void (a !== runner && Atomics.add(mem, G_ACTORS_DONE, 1)),
      ...(opts.afterStep && { afterStep: (a: number) => opts.afterStep!(k, a) }),
    });
    checkEndState(k);
  } catch (e) {
    if (isViolation(e)) {
      violation = e;
      // a violation thrown inside an actor's step happened in the model function that actor is in
      if (sites && k.actor >= 0 && violation.facts.in === undefined) violation.facts.in = sites.fn(k.actor);
    }
    else error = harnessFault(k, e);
  }
  opts.accesses?.finish();
  const stats: RunStats = { added: mem[G_STAT_ADDED], deleted: mem[G_STAT_DELETED], scanned: mem[G_STAT_SCANNED], doShrinkSlab: mem[G_STAT_DO_SHRINK], passes: mem[G_STAT_PASSES], visits: mem[G_STAT_VISITS] };
  return { violation, error, steps: k.step, schedule, actorNames, trace: k.tr, stats };
}
