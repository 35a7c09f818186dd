/**
 * replay: decode a token, re-run its (variant, scenario, schedule) with tracing, and render the same
 * failure text `check` printed. Deterministic: the same token gives the same bytes every time, on every
 * machine and in every directory. A variant file runs from the source the token carries, never from
 * the file as it is now; when that file has changed or is gone, a note says so (`notes`, for stderr).
 */
import { runScenario, type RunResult } from '../engine/run.js';
import { scenarioProblem } from '../model/scenario.js';
import { renderFailure } from '../report/failure.js';
import { renderHarnessError } from '../report/harness-error.js';
import { explicitChooser } from '../sched/explicit.js';
import { decodeToken, TokenError, type Replay } from '../sched/token.js';
import { resolveFns } from '../variants/registry.js';
import { loadVariant, loadVariantBundle, looksLikePath, VariantError } from '../variants/load.js';
import { sourceChangeNote } from '../variants/bundle-read.js';
import type { Variant } from '../variants/variant.js';
import { signRun } from '../search/signature.js';
import { AccessLog } from '../engine/access-log.js';

export interface ReplayResult {
  replay: Replay;
  run: RunResult;
  /** the failure text (or the harness error's), or a one-line note that the run passed */
  text: string;
  /** the violation's bug signature (search/signature.ts), when the run fails */
  signature?: string;
  /** one line each, about the run's inputs rather than its result ("note: ./x.ts has changed since ...") */
  notes: string[];
  /** the design the token ran */
  variant: Variant;
  /** every shared access of the run, with `{ accesses: true }` (for litmus export: api/litmus-export.ts) */
  accesses?: AccessLog;
}

export interface ReplayOptions {
  /** log every shared access, value and barrier of the run (engine/access-log.ts) */
  accesses?: boolean;
}

async function variantOfReplay(replay: Replay): Promise<Variant> {
  try {
    if (replay.bundle !== undefined) return await loadVariantBundle(replay.bundle);
    if (looksLikePath(replay.variant)) {
      throw new TokenError(`replay token names variant file ${replay.variant} but does not carry its source (made by an older shrinkrace): run check again for a token that does`);
    }
    return (await loadVariant(replay.variant)).variant;
  } catch (e) {
    if (e instanceof VariantError) throw new TokenError(`replay token names variant "${replay.variant}": ${e.message}`);
    throw e;
  }
}

export async function replayToken(token: string, o: ReplayOptions = {}): Promise<ReplayResult> {
  const replay = decodeToken(token);
  const variant = await variantOfReplay(replay);
  const problem = scenarioProblem(replay.scenario);
  if (problem !== null) throw new TokenError(`replay token holds an impossible scenario: ${problem}`);
  const note = replay.bundle !== undefined ? await sourceChangeNote(replay.bundle) : null;
  const accesses = o.accesses ? new AccessLog() : undefined;
  const run = runScenario(resolveFns(variant), replay.scenario, explicitChooser(replay.schedule), { trace: true, memory: replay.memory, accesses });
  const fns = resolveFns(variant);
  const signature = run.violation ? (signRun(fns, replay.scenario, replay.schedule, replay.memory)?.signature ?? run.violation.invariant) : undefined;
  const text = run.violation ? renderFailure(replay, token.trim(), run, signature)
    : run.error ? renderHarnessError(replay, token.trim(), run)
    : `no violation: variant ${replay.variant} passes this scenario and schedule (${run.steps} steps)`;
  return { replay, run, text, signature, notes: note === null ? [] : [note], variant, ...(accesses && { accesses }) };
}
