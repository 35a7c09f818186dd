/**
 * What an actor's generator yields. `undefined` is a plain scheduling point: the actor can run now.
 * A `Wait` blocks the actor: the scheduler skips it until `ready()` holds, then resumes it, and the
 * actor retries the operation (which, under sequential consistency, then succeeds).
 */
export interface Wait {
  /** evaluated by the scheduler on raw memory: it must not dereference through checked accessors */
  ready(): boolean;
  /** who waits on what, for liveness reports: "wait_for_completion(&shrinker#2->done)" */
  readonly what: string;
  /** the object waited on (a pointer), when the wait is on one: a deadlock names what left it waiting */
  readonly obj?: number;
}

export type Yielded = Wait | undefined;

/** A model function: a generator that yields at every shared access and returns T. */
export type Step<T = void> = Generator<Yielded, T, void>;
