/**
 * The control block of a search: a few Int32 words on a SharedArrayBuffer, so the thread that asked
 * for a search (the CLI's main thread) can interrupt it (Ctrl-C), follow its progress and watch that
 * it still moves (a watchdog), while the search runs synchronously on a worker thread. The search
 * reads INTERRUPT once per run; it writes RUNS after every search run and bumps BEAT on every engine
 * run (search, shrink or render), so a step that never returns shows as a BEAT that stops moving.
 */
export const CTL_INTERRUPT = 0;
/** search runs done */
export const CTL_RUNS = 1;
/** what the search is doing: CTL_PHASE_SEARCH, _SHRINK or _RENDER */
export const CTL_PHASE = 2;
/** engine runs started, of any phase (mod 2^31) */
export const CTL_BEAT = 3;
const CTL_WORDS = 16; // one 64-byte line

export const CTL_PHASE_SEARCH = 0;
export const CTL_PHASE_SHRINK = 1;
export const CTL_PHASE_RENDER = 2;
export const PHASE_NAMES = ['searching', 'shrinking', 'rendering'];

export type Control = Int32Array;

export function newControl(): Control {
  return new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
}

export const interrupted = (c: Control | undefined): boolean => c !== undefined && Atomics.load(c, CTL_INTERRUPT) !== 0;

export function interrupt(c: Control): void {
  Atomics.store(c, CTL_INTERRUPT, 1);
}

export function beat(c: Control | undefined): void {
  if (c !== undefined) Atomics.add(c, CTL_BEAT, 1);
}

export function setPhase(c: Control | undefined, phase: number): void {
  if (c !== undefined) Atomics.store(c, CTL_PHASE, phase);
}

export function setRuns(c: Control | undefined, runs: number): void {
  if (c !== undefined) Atomics.store(c, CTL_RUNS, runs);
}
