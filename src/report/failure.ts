/**
 * The text of a failure: the same bytes whether `check` found it or `replay` re-ran it. Nothing in it
 * depends on time or on how the failure was found.
 */
import type { RunResult } from '../engine/run.js';
import { countSwitches } from '../sched/explicit.js';
import { renderTrace } from './trace.js';
import { describeScenario } from './scenario.js';
import type { Replay } from '../sched/token.js';

export function reproduceLine(token: string): string {
  return `reproduce: npx shrinkrace replay ${token}`;
}

/** `signature`: the bug's name (search/signature.ts), printed under the message when known. */
export function renderFailure(replay: Replay, token: string, run: RunResult, signature?: string): string {
  const v = run.violation;
  if (v === null) throw new Error('renderFailure needs a failing run');
  const lines = [
    `VIOLATION ${v.invariant} (variant ${replay.variant}, memory ${replay.memory})`,
    v.message,
    ...(signature !== undefined ? [`signature: ${signature}`] : []),
    '',
    `scenario: ${describeScenario(replay.scenario)}`,
    `schedule: ${replay.schedule.length} choices, ${countSwitches(replay.schedule)} context switches, ${run.steps} steps`,
    '',
    renderTrace(run.trace ?? [], run.actorNames, v.message),
    '',
    reproduceLine(token),
  ];
  return lines.join('\n');
}
