/**
 * What a search found, by bug signature: every distinct signature with the first run that hit it, how
 * many runs hit it, and that run's scenario and schedule; whether it is a known finding of the
 * design (variants/findings.ts) or what the variant expects (a known bug breaking its invariant).
 * A known finding is counted and listed but never hides a new signature (search/check.ts goes on).
 */
import type { MemoryMode } from '../model/memory-model.js';
import type { ModelFns } from '../model/kernel.js';
import type { Scenario } from '../model/scenario.js';
import type { InvariantName } from '../model/violation.js';
import { knownFinding } from '../variants/findings.js';
import { findVariant } from '../variants/registry.js';
import { expectationUnder, type Variant } from '../variants/variant.js';
import { signRun } from './signature.js';

export interface FoundSignature {
  signature: string;
  invariant: InvariantName;
  /** the known finding it is (its name), or null */
  known: string | null;
  /** the variant declares this invariant broken (a known bug doing what it is known for) */
  expected: boolean;
  firstRun: number;
  hits: number;
  /** ms from the start of the search to the first hit */
  atMs: number;
  scenario: Scenario;
  schedule: number[];
}

/** More distinct signatures than this are counted under the last one kept (a broken model, not news). */
export const MAX_SIGNATURES = 32;

export class FoundLog {
  readonly bySignature = new Map<string, FoundSignature>();
  private readonly isDesign: boolean;

  constructor(private readonly variant: Variant, private readonly fns: ModelFns, private readonly memory: MemoryMode) {
    this.isDesign = findVariant(variant.name) === variant && variant.expect.kind === 'passes';
  }

  /** Sign a failing run (a site-tracking re-run) and count it; returns its entry. */
  record(s: Scenario, schedule: number[], invariant: InvariantName, run: number, atMs: number): FoundSignature {
    const signature = signRun(this.fns, s, schedule, this.memory)?.signature ?? invariant;
    const had = this.bySignature.get(signature);
    if (had !== undefined) {
      had.hits++;
      return had;
    }
    const e = expectationUnder(this.variant.expect, this.memory);
    const entry: FoundSignature = {
      signature, invariant, known: knownFinding({ name: this.variant.name, isDesign: this.isDesign }, signature)?.name ?? null,
      expected: e.kind === 'violates' && e.invariant === invariant, firstRun: run, hits: 1, atMs, scenario: s, schedule,
    };
    if (this.bySignature.size < MAX_SIGNATURES) this.bySignature.set(signature, entry);
    return entry;
  }

  get entries(): FoundSignature[] {
    return [...this.bySignature.values()];
  }
}
