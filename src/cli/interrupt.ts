/**
 * Ctrl-C for long commands: the first SIGINT aborts the command's AbortSignal (the command stops at
 * its next run, prints what it found so far, writes its report, and exits 130); a second SIGINT exits
 * at once. Installed only while the command runs, so library callers keep Node's default.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

export const EXIT_INTERRUPTED = 130;

export function onInterrupt(what: string): Interrupt {
  const ac = new AbortController();
  const handler = (): void => {
    if (ac.signal.aborted) {
      process.stderr.write('\nshrinkrace: interrupted again: exiting now\n');
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write(`\nshrinkrace: interrupted: stopping ${what} and printing what it found so far (Ctrl-C again to quit at once)\n`);
    ac.abort();
  };
  process.on('SIGINT', handler);
  return { signal: ac.signal, dispose: () => void process.off('SIGINT', handler) };
}
