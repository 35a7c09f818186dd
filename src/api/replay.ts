/**
 * replay: decode a token, re-run its (variant, scenario, schedule) with tracing, and render the same
 * failure text `check` printed. Deterministic: the same token gives the same bytes every time.
 */
import { runScenario, type RunResult } from '../engine/run.js';
import { scenarioProblem } from '../model/scenario.js';
import { renderFailure } from '../report/failure.js';
import { explicitChooser } from '../sched/explicit.js';
import { decodeToken, TokenError, type Replay } from '../sched/token.js';
import { resolveFns } from '../variants/registry.js';
import { loadVariant, VariantError } from '../variants/load.js';
import type { Variant } from '../variants/variant.js';

export interface ReplayResult {
  replay: Replay;
  run: RunResult;
  /** the failure text, or a one-line note that the run passed */
  text: string;
}

export async function replayToken(token: string): Promise<ReplayResult> {
  const replay = decodeToken(token);
  let variant: Variant;
  try {
    variant = (await loadVariant(replay.variant)).variant;
  } catch (e) {
    if (e instanceof VariantError) throw new TokenError(`replay token names variant "${replay.variant}": ${e.message}`);
    throw e;
  }
  const problem = scenarioProblem(replay.scenario);
  if (problem !== null) throw new TokenError(`replay token holds an impossible scenario: ${problem}`);
  const run = runScenario(resolveFns(variant), replay.scenario, explicitChooser(replay.schedule), { trace: true, memory: replay.memory });
  const text = run.violation
    ? renderFailure(replay, token.trim(), run)
    : `no violation: variant ${replay.variant} passes this scenario and schedule (${run.steps} steps)`;
  return { replay, run, text };
}
