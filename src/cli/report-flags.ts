/**
 * The flags check, stress and replay share for what a run leaves behind: --report (check: a report
 * even when it passes), --reports-dir, --trace-out FILE (Chrome trace-event JSON), --save and
 * --corpus FILE (the regression corpus), --litmus-out FILE (check: a herd7 litmus test of the race). Each returns the lines to print; the commands decide where
 * (stderr for --json runs, so stdout stays one JSON object).
 */
import { DEFAULT_CORPUS, saveRegression } from '../api/corpus.js';
import { checkCounterexample, DEFAULT_REPORTS_DIR, replayCounterexample, writeCheckReport, writeTraceOut } from '../api/report.js';
import { replayToken } from '../api/replay.js';
import type { StressResult } from '../threads/stress.js';
import type { CheckResult } from '../search/check.js';
import type { Counterexample } from '../report/summary-schema.js';
import { variantSpec, type Variant } from '../variants/variant.js';
import { litmusOfToken, LitmusExportError } from '../api/litmus-export.js';
import { writeFileAtomic } from '../report/atomic-write.js';

export const REPORT_OPTIONS = {
  report: { type: 'boolean', default: false },
  'reports-dir': { type: 'string', default: DEFAULT_REPORTS_DIR },
  'trace-out': { type: 'string' },
  save: { type: 'boolean', default: false },
  corpus: { type: 'string', default: DEFAULT_CORPUS },
} as const;

export interface ReportFlags {
  report?: boolean;
  'reports-dir'?: string;
  'trace-out'?: string;
  save?: boolean;
  corpus?: string;
}

export function traceOut(f: ReportFlags, cx: Counterexample | null, meta: Record<string, string>): string[] {
  if (f['trace-out'] === undefined) return [];
  writeTraceOut(f['trace-out'], cx, meta);
  return [`trace: ${f['trace-out']} (Chrome trace-event JSON${cx ? '' : '; no violation, no steps'})`];
}

export function saveLine(f: ReportFlags, e: { variant: string; invariant: string; token: string | undefined; source: 'check' | 'stress'; seed: number }): string[] {
  if (!f.save) return [];
  if (e.token === undefined) return ['not saved: the failure has no replay token (not reproduced in the deterministic engine)'];
  const added = saveRegression(f.corpus ?? DEFAULT_CORPUS, { variant: e.variant, invariant: e.invariant, token: e.token, source: e.source, seed: e.seed });
  return [added ? `saved to ${f.corpus}` : `already in ${f.corpus}`];
}

/** After check: the report directory (on a failure, or with --report), the trace, the corpus entry. */
export function checkOutputs(f: ReportFlags, variant: Variant, r: CheckResult): string[] {
  const cx = r.failure || f.report || f['trace-out'] !== undefined ? checkCounterexample(variant, r) : null;
  const lines: string[] = [];
  if (r.failure || f.report) lines.push(`report: ${writeCheckReport(variant, r, f['reports-dir'], cx)}/report.html`);
  lines.push(...traceOut(f, cx, { command: 'check', variant: variantSpec(variant), seed: String(r.seed) }));
  if (r.failure) lines.push(...saveLine(f, { variant: variantSpec(variant), invariant: r.failure.invariant, token: r.failure.token, source: 'check', seed: r.seed }));
  return lines;
}

/** After stress: --trace-out (the deterministic replay of the ticket log, when it reproduced) and --save. */
export async function stressOutputs(f: ReportFlags, r: StressResult, seed: number): Promise<string[]> {
  const token = r.violation?.replay?.reproduced ? r.violation.replay.token : undefined;
  const cx = token !== undefined && f['trace-out'] !== undefined ? replayCounterexample(await replayToken(token), token) : null;
  const lines = traceOut(f, cx, { command: 'stress', variant: r.variant, seed: String(seed) });
  if (r.violation) lines.push(...saveLine(f, { variant: r.variant, invariant: r.violation.invariant, token, source: 'stress', seed }));
  return lines;
}

/** --litmus-out FILE (check): the violation's herd7 litmus test (api/litmus-export.ts), or why none was written. */
export async function litmusLines(file: string | undefined, token: string | undefined): Promise<string[]> {
  if (file === undefined) return [];
  if (token === undefined) return ['litmus: not written: no violation with a replay token'];
  try {
    writeFileAtomic(file, (await litmusOfToken(token)).text);
    return [`litmus: ${file} (herd7 -conf linux-kernel.cfg ${file}, in tools/memory-model)`];
  } catch (e) {
    if (e instanceof LitmusExportError) return [`litmus: not written: ${e.message.replace(/^--litmus-out:? /, '')}`];
    throw e;
  }
}
