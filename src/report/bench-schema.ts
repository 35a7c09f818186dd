/**
 * The shape of a `bench` result (src/api/bench.ts), as a zod schema: the bench writes it into
 * summary.json, and whoever reads it back (the report renderers, the tests) parses it through this.
 * Times are milliseconds; every speed figure is a ratio of two measurements taken in the same run.
 */
import { z } from 'zod';

/** Time to first failure of one way of searching, capped at its budget. */
export const DetectionSchema = z.object({
  found: z.boolean(),
  invariant: z.string().nullable(),
  /** time to the first failure, or the budget spent when none was found */
  timeMs: z.number().nonnegative(),
  runs: z.number().int().nonnegative(),
  /** why this way of searching was not run (a weak-memory-only bug: fc.scheduler and threads are SC) */
  skipped: z.string().optional(),
});

/** slower/deterministic; `bound` is 'lower' when the slower side hit its budget (the ratio is at least this). */
export const RatioSchema = z.object({ value: z.number().nullable(), bound: z.enum(['exact', 'lower', 'none']) });

export const DetectionRowSchema = z.object({
  variant: z.string(),
  expected: z.string(),
  deterministic: DetectionSchema,
  fcScheduler: DetectionSchema,
  stress: DetectionSchema,
  fcOverDeterministic: RatioSchema,
  stressOverDeterministic: RatioSchema,
});

export const ScalingPointSchema = z.object({
  variant: z.string(),
  nokmem: z.boolean(),
  memcgs: z.number().int(),
  shrinkers: z.number().int(),
  /** charged (memcg, shrinker) pairs: list_lru_one lists holding an item */
  pairs: z.number().int(),
  doShrinkSlab: z.number(),
  /** modeled cost: engine steps (shared accesses) of the reclaim pass */
  steps: z.number(),
  /** set bits visited by the memcg walk */
  visits: z.number(),
  source: z.enum(['measured', 'extrapolated']),
});

export const ScalingFitSchema = z.object({
  variant: z.string(),
  nokmem: z.boolean(),
  /** steps = c0*M + c1*M*S + c2*M*ceil(S/unitBits) + c3*T (least squares over the measured grid) */
  coefficients: z.array(z.number()).length(4),
  maxRelError: z.number(),
  heldOut: z.object({ memcgs: z.number(), shrinkers: z.number(), pairs: z.number(), measured: z.number(), predicted: z.number(), relError: z.number() }),
});

/** Ingredient-pair coverage of the scenario generators (src/bench/ingredients.ts): fractions 0..1. */
export const IngredientsSchema = z.object({
  workloads: z.array(z.string()),
  samples: z.number().int().positive(),
  seed: z.number().int(),
  names: z.array(z.string()),
  /** every pair of ingredients: the fraction of generated scenarios holding both, uniform (before) and swarm (after) */
  pairs: z.array(z.object({ a: z.string(), b: z.string(), before: z.number().min(0).max(1), after: z.number().min(0).max(1) })),
  minBefore: z.object({ pair: z.string(), fraction: z.number() }),
  minAfter: z.object({ pair: z.string(), fraction: z.number() }),
});

/** Distinct signatures one strategy found on lockless (every workload, `all`) in the fixed budget. */
export const SignatureRowSchema = z.object({
  strategy: z.string(),
  runs: z.number().int().nonnegative(),
  timeMs: z.number().nonnegative(),
  signatures: z.number().int().nonnegative(),
  /** the known findings (variants/findings.ts) among them, by name */
  known: z.array(z.string()),
  /** signatures that are no known finding: new bugs, to be looked at */
  unknown: z.array(z.string()),
});

/** One way of searching over seeds 1..n: how many found the bug, the median time and runs (a miss counts as the budget). */
export const SeedRunsSchema = z.object({
  found: z.number().int().nonnegative(),
  medianMs: z.number().nonnegative(),
  medianRuns: z.number().nonnegative(),
  /** the median is the budget, or at most half the seeds found it */
  capped: z.boolean(),
  timesMs: z.array(z.number().nonnegative()),
});

export const SeedDetectionRowSchema = z.object({
  variant: z.string(),
  memory: z.string(),
  strategy: z.string(),
  seeds: z.number().int().positive(),
  deterministic: SeedRunsSchema,
  /** null: a weak-memory-only bug (fc.scheduler() is sequentially consistent) */
  fcScheduler: SeedRunsSchema.nullable(),
  /** median fc.scheduler / median deterministic */
  ratio: RatioSchema,
});

export const BenchSchema = z.object({
  quick: z.boolean(),
  seed: z.number().int(),
  engine: z.object({
    scenario: z.string(),
    budgetMs: z.number(),
    modelStepsPerSecond: z.number(),
    bareStepsPerSecond: z.number(),
    /** bare generator stepping / model stepping */
    ratio: z.number(),
  }),
  detection: z.object({
    budgets: z.object({ deterministicMs: z.number(), fcSchedulerMs: z.number(), stressMs: z.number() }),
    rows: z.array(DetectionRowSchema),
  }),
  scaling: z.object({
    unitBits: z.number().int(),
    points: z.array(ScalingPointSchema),
    fits: z.array(ScalingFitSchema),
    seed: z.object({
      memcgs: z.number(), shrinkers: z.number(), pairs: z.number(),
      legacyCalls: z.number(), bitmapCalls: z.number(), callRatio: z.number(),
      legacySteps: z.number(), bitmapSteps: z.number(), costRatio: z.number(), seedRatio: z.number(),
    }),
    nokmem: z.object({ memcgs: z.number(), shrinkers: z.number(), skipSteps: z.number(), locklessSteps: z.number(), ratio: z.number(), referenceRatio: z.number() }),
  }),
  ingredients: IngredientsSchema,
  seedDetection: z.object({
    budgets: z.object({ seeds: z.number().int().positive(), deterministicMs: z.number(), fcSchedulerMs: z.number() }),
    rows: z.array(SeedDetectionRowSchema),
  }),
  signatures: z.object({ budgetMs: z.number(), rows: z.array(SignatureRowSchema) }),
  elapsedMs: z.number(),
});

export type Detection = z.infer<typeof DetectionSchema>;
export type DetectionRow = z.infer<typeof DetectionRowSchema>;
export type ScalingPoint = z.infer<typeof ScalingPointSchema>;
export type ScalingFit = z.infer<typeof ScalingFitSchema>;
export type BenchResult = z.infer<typeof BenchSchema>;
export type Ingredients = z.infer<typeof IngredientsSchema>;
export type SignatureRow = z.infer<typeof SignatureRowSchema>;
export type SeedRuns = z.infer<typeof SeedRunsSchema>;
export type SeedDetectionRow = z.infer<typeof SeedDetectionRowSchema>;
