/**
 * A broken invariant. Model code throws it at the exact step (use-after-free, NULL dereference, a
 * kernel WARN, a lock misuse lockdep would flag); the engine raises it for end-state checks (lost bit)
 * and for liveness. The engine catches it, stops the run and reports it; nothing else catches it.
 *
 * Anything else thrown inside a run is a harness error (ModelError, or a variant's own TypeError): it
 * is never a pass, and never a verdict on the design either (src/engine/run.ts records it as `error`).
 */
export type InvariantName =
  | 'lost-bit' | 'use-after-free' | 'null-deref' | 'liveness' | 'leak' | 'conservation' | 'bounds' | 'uninitialised-read'
  /** a kernel WARN the code path hits (refcount_t saturation on underflow) */
  | 'warn'
  /** a lock misuse the kernel's lockdep reports (unlock of a lock not held, unbalanced rcu_read_unlock) */
  | 'lockdep';

export const INVARIANT_NAMES: readonly InvariantName[] = ['lost-bit', 'use-after-free', 'null-deref', 'liveness', 'leak', 'conservation', 'bounds', 'uninitialised-read', 'warn', 'lockdep'];

export class Violation extends Error {
  constructor(
    readonly invariant: InvariantName,
    message: string,
  ) {
    super(message);
    this.name = 'Violation';
  }
}

/**
 * Whether `e` is a Violation. By brand as well as by class: a variant file imports the built package
 * (dist/), whose Violation class is another instance than the engine's when the engine runs from the
 * TypeScript sources (the test suite).
 */
export function isViolation(e: unknown): e is Violation {
  if (e instanceof Violation) return true;
  if (!(e instanceof Error) || e.name !== 'Violation') return false;
  const inv = (e as { invariant?: unknown }).invariant;
  return typeof inv === 'string' && (INVARIANT_NAMES as readonly string[]).includes(inv);
}

/** A bug in the harness or the scenario, not in the design under test. */
export class ModelError extends Error {
  override name = 'ModelError';
}
