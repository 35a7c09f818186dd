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
  | 'lockdep'
  /** do_shrink_slab() asks a shrinker to scan more than twice what it counted, or an nr_deferred goes negative */
  | 'overscan'
  /** a list operation CONFIG_DEBUG_LIST reports (prev->next or next->prev not the entry), or one made without the lock of the list that links the item */
  | 'list-debug';

export const INVARIANT_NAMES: readonly InvariantName[] = ['lost-bit', 'use-after-free', 'null-deref', 'liveness', 'leak', 'conservation', 'bounds', 'uninitialised-read', 'warn', 'lockdep', 'overscan', 'list-debug'];

export class Violation extends Error {
  /**
   * What names the bug beyond the invariant (search/signature.ts): where it happened (`in`: the model
   * function), the access, the object, and per invariant the freeing, clearing or allocating site or
   * what a stuck actor waits on. Filled as far as the run knows (sites need a SiteLog: k.sites).
   */
  readonly facts: Record<string, string>;

  constructor(
    readonly invariant: InvariantName,
    message: string,
    facts: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'Violation';
    this.facts = { ...facts };
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
