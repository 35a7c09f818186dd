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
  /**
   * the seed its `validate` row searches with, instead of validate's (as Finding.seed): a bug whose
   * race so few schedules open that only some seeds meet it within the row's budget
   */
  readonly seed?: number;
  /** the source of a user's variant file (the file and what it imports); tokens carry it for replay */
  readonly bundle?: VariantBundle;
  /** what the variant changes, line by line (built-in bugs: test/variants/checked-edits.test.ts holds them to it) */
  readonly edits?: readonly CheckedEdit[];
}

/**
 * A declared edit: function `fn` (a file under src/ and its name) is the reference function `reference`
 * with exactly the lines `removed` taken out and `added` put in (TypeScript source; comments, blank lines
 * and indentation aside). `override` is the ModelFns entry it accounts for (default: fn's name).
 */
export interface CheckedEdit {
  readonly fn: { readonly file: string; readonly name: string };
  readonly reference: { readonly file: string; readonly name: string };
  readonly override?: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
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
