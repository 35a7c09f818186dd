/**
 * summary.json: what a report directory holds, as data. Versioned (`schema`, `version`) and validated
 * by zod whenever it is written or read, so a report from another version, or a damaged one, is
 * refused with one clear message instead of being half-rendered. report.md and report.html are
 * rendered from the parsed summary, never from anything else.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BenchSchema } from './bench-schema.js';
import { CoverageSchema } from './coverage-schema.js';

export const SUMMARY_SCHEMA = 'shrinkrace/summary';
export const SUMMARY_VERSION = 1;

export const TraceRowSchema = z.object({ step: z.number().int(), actor: z.number().int(), text: z.string() });

export const VerdictSchema = z.object({
  name: z.string(),
  expected: z.string(),
  observed: z.string(),
  met: z.boolean(),
  detail: z.string().optional(),
});

/** A minimal failing run: enough to draw its timeline and print its columns without re-running it. */
export const CounterexampleSchema = z.object({
  variant: z.string(),
  invariant: z.string(),
  message: z.string(),
  token: z.string(),
  /** explicit schedule choices after shrinking, and steps the run executed */
  choices: z.number().int(),
  steps: z.number().int(),
  actorNames: z.array(z.string()),
  trace: z.array(TraceRowSchema),
  /** where the violation happened: an actor's step, or actor -1 for an end-state check */
  violation: z.object({ step: z.number().int(), actor: z.number().int() }),
  /** the kernel-style column trace (src/report/trace.ts) */
  columns: z.string(),
});

export const MatrixRowSchema = z.object({
  name: z.string(), variant: z.string(), kind: z.enum(['design', 'bug', 'finding']), workloads: z.array(z.string()), memory: z.string().optional(),
  expected: z.string(), observed: z.string(), met: z.boolean(), runs: z.number(), elapsedMs: z.number(),
  timeToFirstFailureMs: z.number().nullable(), shrunkChoices: z.number().nullable(), doShrinkSlabPerPass: z.number(),
  visitsPerPass: z.number(), probeVisitsPerPass: z.number(), token: z.string().nullable(),
  runsAsked: z.number().optional(), stopped: z.enum(['time', 'interrupt', 'not-run']).nullable().optional(), error: z.string().nullable().optional(), signature: z.string().nullable().optional(),
  seed: z.number().optional(), finding: z.string().optional(),
});

/** One shard of a search split over machines (search/shard.ts): 1-based, as `--shard i/n` writes it. */
export const ShardSchema = z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).refine((s) => s.index <= s.count, 'shard index past its count');

/** One distinct bug signature a check found (search/check-types.ts SignatureReport). */
export const SignatureSchema = z.object({
  signature: z.string(), invariant: z.string(), known: z.string().nullable(), expected: z.boolean(),
  firstRun: z.number().int(), hits: z.number().int(), replay: z.string(), steps: z.number().int(), shrunk: z.boolean(),
});

/** A check's search as data: what identifies it (merge refuses shards of different searches), what it did, every signature. */
export const SearchSchema = z.object({
  variant: z.string(), memory: z.string(), seed: z.number(), strategy: z.string(), workloads: z.array(z.string()), all: z.boolean(), runsAsked: z.number().int(),
  /** the scenario generator (absent: written before it was recorded, or one given scenario) */
  scenarios: z.string().optional(),
  /** runs executed (a shard: its own), steps over them */
  runs: z.number().int(), steps: z.number(),
  stopped: z.enum(['time', 'interrupt']).nullable(),
  /** a harness error's message, or null */
  error: z.string().nullable(),
  signatures: z.array(SignatureSchema),
});

export const SummarySchema = z.object({
  schema: z.literal(SUMMARY_SCHEMA),
  version: z.literal(SUMMARY_VERSION),
  runId: z.string().min(1),
  command: z.enum(['check', 'validate', 'replay', 'bench']),
  createdAt: z.string(),
  ok: z.boolean(),
  /** the command line's settings (variant, seed, runs, budget ...) */
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  verdicts: z.array(VerdictSchema),
  counterexample: CounterexampleSchema.nullable(),
  matrix: z.object({ budget: z.string(), seed: z.number(), elapsedMs: z.number(), rows: z.array(MatrixRowSchema) }).nullable(),
  bench: BenchSchema.nullable(),
  /** the shard of a search this report holds (`--shard i/n`); absent or null: the whole search */
  shard: ShardSchema.nullable().optional(),
  /** check: the search and every signature it found (what `merge` combines) */
  search: SearchSchema.nullable().optional(),
  /** check --coverage: the coverage table (report/coverage-schema.ts) */
  coverage: CoverageSchema.nullable().optional(),
});

export type Summary = z.infer<typeof SummarySchema>;
export type Counterexample = z.infer<typeof CounterexampleSchema>;
export type SearchRecord = z.infer<typeof SearchSchema>;

export class SummaryError extends Error {
  override name = 'SummaryError';
}

/** Validate a value as a summary; a mismatch names the first bad field. */
export function parseSummary(value: unknown): Summary {
  const r = SummarySchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new SummaryError(`not a shrinkrace summary v${SUMMARY_VERSION}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** Read and validate reports/<id>/summary.json. */
export function readSummary(path: string): Summary {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SummaryError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseSummary(value);
}
