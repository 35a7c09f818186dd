/**
 * A broken invariant. Model code throws it at the exact step (use-after-free, NULL dereference); the
 * engine raises it for end-state checks (lost bit) and for liveness. The engine catches it, stops the
 * run and reports it; nothing else catches it.
 */
export type InvariantName = 'lost-bit' | 'use-after-free' | 'null-deref' | 'liveness' | 'leak' | 'conservation' | 'bounds' | 'uninitialised-read';

export class Violation extends Error {
  constructor(
    readonly invariant: InvariantName,
    message: string,
  ) {
    super(message);
    this.name = 'Violation';
  }
}

/** A bug in the harness or the scenario, not in the design under test. */
export class ModelError extends Error {
  override name = 'ModelError';
}
