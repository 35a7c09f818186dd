/**
 * A counterexample's text for the terminal, bounded. A thread-found failure that could not be cut
 * down may still shrink to hundreds of schedule choices, whose trace runs to thousands of lines; the
 * stress report then prints what the failure is, how long the counterexample is, and where the full
 * trace is (`replay <token>` prints it, --trace-out writes it), never the trace itself.
 */
import { reproduceLine } from '../report/failure.js';

/** More lines than this and the text is summarised (what `check` prints for these bugs is far shorter). */
export const MAX_TEXT_LINES = 400;

export function boundedText(full: string, token: string, choices: number): { text: string; traceLines: number; long: boolean } {
  const lines = full.split('\n');
  if (lines.length <= MAX_TEXT_LINES) return { text: full, traceLines: lines.length, long: false };
  // the failure's first two lines: "VIOLATION <invariant> (variant ..., memory ...)" and its message
  const text = [
    ...lines.slice(0, 2),
    '',
    `the counterexample is long even after shrinking: ${choices} schedule choices, ${lines.length} lines of trace; not printed here.`,
    'Print it with the replay line below, or write it as a Chrome trace with --trace-out FILE.',
    '',
    reproduceLine(token),
  ].join('\n');
  return { text, traceLines: lines.length, long: true };
}
