/**
 * A variant is a design under test: a name, what the suite expects of it, and the model functions it
 * replaces. Everything it does not override comes from `lockless`, the reference mm/shrinker.c.
 */
import type { InvariantName } from '../model/violation.js';
import type { MemoryMode } from '../model/memory-model.js';
import type { ModelFns } from '../model/kernel.js';
import type { Workload } from '../model/workloads.js';
import { bundleSpec, type VariantBundle } from '../sched/variant-bundle.js';

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
  /** the source of a user's variant file (the file and what it imports); tokens carry it for replay */
  readonly bundle?: VariantBundle;
}

/**
 * How a token and a failure text name a variant: its built-in name, or for a variant file its base name
 * and the start of its source's sha256 ("my-design.ts@1a2b3c4d"): the same on every machine and in every
 * directory, and different for every version of the file.
 */
export const variantSpec = (v: Variant): string => (v.bundle ? bundleSpec(v.bundle) : v.name);

export function describeExpectation(e: Expectation): string {
  return e.kind === 'passes' ? 'passes' : `violates ${e.invariant}${e.memory ? ` (${e.memory} memory only)` : ''}`;
}

/** What to expect of a design under a given memory model. */
export function expectationUnder(e: Expectation, memory: MemoryMode): Expectation {
  return e.kind === 'violates' && e.memory !== undefined && e.memory !== memory ? { kind: 'passes' } : e;
}
