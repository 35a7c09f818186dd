/**
 * The text of a harness error: a run that ended because something other than a Violation was thrown
 * (src/engine/harness-fault.ts). The same bytes whether `check` met it or `replay` re-ran its token,
 * like a failure's text (failure.ts), and the trace stops at the step that threw.
 */
import { describeFault } from '../engine/harness-fault.js';
import type { RunResult } from '../engine/run.js';
import { countSwitches } from '../sched/explicit.js';
import type { Replay } from '../sched/token.js';
import { reproduceLine } from './failure.js';
import { describeScenario } from './scenario.js';
import { renderTrace } from './trace.js';

export const HARNESS_ERROR_NOTE = 'a harness error is not a verdict on the design: the run could not finish (a bug in shrinkrace, or in the variant\'s own code)';

export function renderHarnessError(replay: Replay, token: string, run: RunResult): string {
  const f = run.error;
  if (f === null) throw new Error('renderHarnessError needs a run that ended in a harness error');
  return [
    `HARNESS ERROR (variant ${replay.variant}, memory ${replay.memory}): ${describeFault(f)}`,
    HARNESS_ERROR_NOTE,
    '',
    `scenario: ${describeScenario(replay.scenario)}`,
    `schedule: ${replay.schedule.length} choices, ${countSwitches(replay.schedule)} context switches, ${run.steps} steps`,
    '',
    renderTrace(run.trace ?? [], run.actorNames, `HARNESS ERROR: ${f.message} (the run stops here)`),
    '',
    reproduceLine(token),
  ].join('\n');
}

/** The one line the CLI prints for a harness error (exit 3). */
export function harnessErrorLine(where: string, message: string, token: string | null): string {
  return `harness error ${where}: ${message}${token ? `; replay: npx shrinkrace replay ${token}` : ''}`;
}
