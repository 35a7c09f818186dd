/**
 * A harness error met on threads (the design's code threw something that is not a Violation) made a
 * replay token, when the deterministic engine meets an error too: first the ticket log replayed on
 * the scenario as the threads ran it, then a short search on the base scenario. No shrinking: a
 * harness error is not a verdict, the token is there so the error can be replayed and debugged. The
 * text is the one `replay` prints for it (src/search/harness-error.ts), bounded like a failure's.
 */
import { runScenario, type RunResult } from '../engine/run.js';
import type { Scenario } from '../model/scenario.js';
import { mulberry32 } from '../sched/prng.js';
import { randomChooser } from '../sched/random.js';
import { harnessErrorOfRun } from '../search/harness-error.js';
import { resolveFns } from '../variants/registry.js';
import type { Variant } from '../variants/variant.js';
import { boundedText } from './bounded-text.js';
import type { LogReplay } from './reproduce.js';
import { unroll } from './stress-scenario.js';
import { replayPicks, scenarioAsRun, type TicketLog } from './ticket-replay.js';

export interface ErrorInput {
  variant: Variant;
  scenario: Scenario;
  base: Scenario;
  repeat: number;
  log: TicketLog | null;
  seed: number;
  /** the stress run that met it (names it in the text) */
  run: number;
  /** budget for the search on the base scenario */
  ms: number;
}

export function reproduceError(i: ErrorInput): LogReplay {
  const fns = resolveFns(i.variant);
  const t0 = performance.now();
  let runs = 0;
  let hit: { s: Scenario; r: RunResult; how: 'ticket-log' | 're-found'; level: number } | null = null;
  let divergedAt: number | null = null;
  let observed = i.log === null ? 'no ticket log' : `the ticket log overflowed (${i.log.tickets} steps, ring of ${i.log.ringCap})`;
  if (i.log !== null && !i.log.overflow) {
    const asRun = scenarioAsRun(i.log.opsBegun, i.scenario);
    const p = replayPicks(fns, asRun, i.log.picks);
    runs++;
    divergedAt = p.divergedAt;
    observed = p.run.error ? `harness error: ${p.run.error.message}` : p.run.violation ? `${p.run.violation.invariant}: ${p.run.violation.message}` : 'no error';
    if (p.run.error) hit = { s: asRun, r: p.run, how: 'ticket-log', level: i.repeat };
  }
  const base = unroll(i.base, 1);
  const rnd = mulberry32(i.seed);
  for (let n = 0; hit === null && n < 1000 && performance.now() - t0 < i.ms; n++) {
    const r = runScenario(fns, base, randomChooser(rnd(), n % 5));
    runs++;
    if (r.error) hit = { s: base, r, how: 're-found', level: 1 };
  }
  const common = { logReproduced: hit?.how === 'ticket-log', logSteps: i.log?.tickets ?? 0, divergedAt, observed, search: { runs, ms: performance.now() - t0 } };
  if (hit === null) return { reproduced: false, ...common, repeat: { threads: i.repeat, counterexample: null } };
  const e = harnessErrorOfRun(i.variant, hit.s, hit.r.schedule, hit.r.error!, i.run, 'sc');
  const steps = e.schedule?.length ?? hit.r.schedule.length;
  return {
    reproduced: true, how: hit.how, ...common, repeat: { threads: i.repeat, counterexample: hit.level }, message: e.message,
    foundSteps: steps, steps, ...(e.token !== null && { token: e.token }), ...boundedText(e.text, e.token ?? '', steps),
  };
}
