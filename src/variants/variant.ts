/**
 * A variant is a design under test: a name, what the suite expects of it, and the model functions it
 * replaces. Everything it does not override comes from `lockless`, the reference mm/shrinker.c.
 */
import type { InvariantName } from '../invariants/violation.js';
import type { MemoryMode } from '../memory/model.js';
import type { ModelFns } from './model-fns.js';
import type { Workload } from '../../properties/scenario.js';

/**
 * `memory`: the violation shows only under that memory model (a missing barrier is invisible under
 * sequential consistency): under the other model the design is expected to pass.
 */
export type Expectation = { kind: 'passes' } | { kind: 'violates'; invariant: InvariantName; memory?: MemoryMode };

export interface Variant {
  readonly name: string;
  /** one line: what the design is, or which race it reintroduces */
  readonly summary: string;
  readonly expect: Expectation;
  readonly overrides: Partial<ModelFns>;
  /** the workloads `validate` checks it under (default: the default search workloads) */
  readonly workloads?: readonly Workload[];
  /** absolute path of the file it was loaded from (user variants); tokens carry it for replay */
  readonly source?: string;
}

/** How a token names a variant: the file it came from, or its built-in name. */
export const variantSpec = (v: Variant): string => v.source ?? v.name;

export function describeExpectation(e: Expectation): string {
  return e.kind === 'passes' ? 'passes' : `violates ${e.invariant}${e.memory ? ` (${e.memory} memory only)` : ''}`;
}

/** What to expect of a design under a given memory model. */
export function expectationUnder(e: Expectation, memory: MemoryMode): Expectation {
  return e.kind === 'violates' && e.memory !== undefined && e.memory !== memory ? { kind: 'passes' } : e;
}
