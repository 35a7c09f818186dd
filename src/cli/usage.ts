/**
 * Bad usage or bad input: the CLI prints one line and exits 2. The exit codes every command shares
 * are named here, and listed in the help (help.ts).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** a run could not finish: a harness error (one line, with the run's replay token when there is one) */
export const EXIT_HARNESS = 3;

export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'no violation (validate: every row met its expectation; replay: the run passes)'],
  [1, 'a violation was found or reproduced (validate: some row did not meet its expectation)'],
  [2, 'bad usage or input: one line on stderr, nothing written'],
  [3, 'harness error: a run could not finish (not a verdict on the design); one line with its replay token'],
  [130, 'interrupted (Ctrl-C): what was found so far is printed (and its report written)'],
];
