/**
 * summary.json's `coverage` field (`check --coverage`): the coverage table of search/coverage-report.ts
 * as data, validated with the rest of the summary.
 */
import { z } from 'zod';

export const CoverageLineSchema = z.object({ line: z.number().int().min(1), text: z.string(), hits: z.number().int().min(0), error: z.boolean() });

export const CoverageSchema = z.object({
  runs: z.number().int().min(0),
  sites: z.number().int().min(0),
  linesTotal: z.number().int().min(0),
  linesReached: z.number().int().min(0),
  pairs: z.number().int().min(0),
  functions: z.array(z.object({ fn: z.string(), source: z.string(), hits: z.number().int().min(0), lines: z.array(CoverageLineSchema) })),
  neverReached: z.array(z.object({ fn: z.string(), line: z.number().int().min(1), text: z.string(), error: z.boolean() })),
  unmapped: z.array(z.string()),
  topPairs: z.array(z.object({ write: z.string(), read: z.string(), hits: z.number().int().min(1) })),
}).refine((c) => c.linesReached <= c.linesTotal, 'more lines reached than there are');

export type CoverageRecord = z.infer<typeof CoverageSchema>;
