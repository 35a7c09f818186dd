/**
 * Reports for check, validate, replay and bench: build the summary (src/report/summary-schema.ts)
 * from an API result, write it into a fresh run directory reports/<run-id>/ (summary.json, report.md,
 * report.html; createRunDir never reuses a directory), and write a counterexample as Chrome
 * trace-event JSON (--trace-out). The CLI calls these; so do the tests. A bad reports dir is a
 * ReportsDirError; assertReportsDir finds it before a long run.
 */
import { basename } from 'node:path';
import { runScenario, type RunResult } from '../engine/run.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import type { BenchResult } from '../report/bench-schema.js';
import { counterexampleOf } from '../report/counterexample.js';
import { writeReportDir } from '../report/report-dir.js';
import { createRunDir } from '../report/reports-dir.js';
import { SUMMARY_SCHEMA, SUMMARY_VERSION, type Counterexample, type SearchRecord, type Summary } from '../report/summary-schema.js';
import { shardText } from '../search/shard.js';
import { toTraceEvents } from '../report/trace-events.js';
import { explicitChooser } from '../sched/explicit.js';
import { resolveFns } from '../variants/registry.js';
import { describeExpectation, variantSpec, type Variant } from '../variants/variant.js';
import type { CheckResult } from '../search/check.js';
import type { ReplayResult } from './replay.js';
import type { ValidateResult } from './validate.js';

export { assertReportsDir, createRunDir, ReportsDirError } from '../report/reports-dir.js';

export const DEFAULT_REPORTS_DIR = 'reports';

function base(command: Summary['command'], id: string, ok: boolean, settings: Summary['settings']): Summary {
  return { schema: SUMMARY_SCHEMA, version: SUMMARY_VERSION, runId: id, command, createdAt: new Date().toISOString(), ok, settings, verdicts: [], counterexample: null, matrix: null, bench: null };
}

/** Re-run a check failure with tracing: the counterexample's rows for the timeline and the trace export. */
export function checkCounterexample(variant: Variant, r: CheckResult): Counterexample | null {
  const f = r.failure;
  if (!f) return null;
  const run = runScenario(resolveFns(variant), f.scenario, explicitChooser(f.schedule), { trace: true, memory: r.memory });
  if (run.violation === null) throw new Error('internal: the counterexample no longer fails');
  return counterexampleOf(variantSpec(variant), f.token, f.steps, run);
}

export function replayCounterexample(r: ReplayResult, token: string): Counterexample | null {
  return r.run.violation ? counterexampleOf(r.replay.variant, token.trim(), r.replay.schedule.length, r.run as RunResult) : null;
}

/** reports/<run-id>/ for a check: the verdict (the variant against its expectation), and the counterexample. */
export function writeCheckReport(variant: Variant, r: CheckResult, reportsDir = DEFAULT_REPORTS_DIR, cx = checkCounterexample(variant, r)): string {
  const s = base('check', 'check', r.ok, { variant: variantSpec(variant), runs: r.runs, seed: r.seed, strategy: r.strategy, ...(r.scenarios && { scenarios: r.scenarios }), workloads: [...r.workloads], ...(r.shard && { shard: shardText(r.shard) }) });
  const observed = r.failure ? `violates ${r.failure.invariant}` : r.error ? `harness error: ${r.error.message}`
    : r.stopped === 'interrupt' ? `interrupted after ${r.runs} of ${r.runsAsked} runs` : r.stopped === 'time' ? `passes (${r.runs} runs in the time budget)` : 'passes';
  const expected = describeExpectation(variant.expect);
  const met = r.failure ? expected === observed : r.error === undefined && r.stopped !== 'interrupt' && expected === 'passes';
  s.verdicts.push({ name: variant.name, expected, observed, met, detail: `${r.runs} runs, ${r.steps} steps in ${(r.elapsedMs / 1000).toFixed(1)}s` });
  s.counterexample = cx;
  s.shard = r.shard ?? null;
  s.search = searchRecord(variant, r);
  s.coverage = r.coverage ?? null;
  const dir = createRunDir(reportsDir, 'check', variant.name);
  return writeReportDir(dir, { ...s, runId: basename(dir) });
}

/** The search as data (summary.json `search`): what identifies it, what it did, every signature; `merge` combines shards of it. */
export function searchRecord(variant: Variant, r: CheckResult): SearchRecord {
  return {
    variant: variantSpec(variant), memory: r.memory, seed: r.seed, strategy: r.strategy, ...(r.scenarios && { scenarios: r.scenarios }), workloads: [...r.workloads], all: r.all === true, runsAsked: r.runsAsked,
    runs: r.runs, steps: r.steps, stopped: r.stopped, error: r.error ? r.error.message : null, signatures: r.violations.map((x) => ({ ...x })),
  };
}

/** report.html and summary.json beside validate.json/validate.md in the matrix's own run directory (writeMatrix made it). */
export function writeValidateReport(dir: string, v: ValidateResult): string {
  const s = base('validate', basename(dir) || 'validate', v.ok, { budget: v.budget, seed: v.seed, ...(v.shard && { shard: shardText(v.shard) }) });
  s.shard = v.shard ?? null;
  s.verdicts = v.rows.map((r) => ({ name: r.name, expected: r.expected, observed: r.observed, met: r.met, detail: `${r.kind}, ${r.runs} runs` }));
  s.matrix = { budget: v.budget, seed: v.seed, elapsedMs: v.elapsedMs, rows: v.rows.map((r) => ({ ...r, workloads: [...r.workloads] })) };
  return writeReportDir(dir, s);
}

export function writeBenchReport(b: BenchResult, reportsDir = DEFAULT_REPORTS_DIR): string {
  const s = base('bench', 'bench', true, { quick: b.quick, seed: b.seed });
  s.verdicts = b.detection.rows.map((r) => ({
    name: r.variant, expected: r.expected, observed: r.deterministic.found ? `violates ${r.deterministic.invariant}` : 'not found',
    met: r.deterministic.found && r.expected.startsWith(`violates ${r.deterministic.invariant}`), detail: 'deterministic engine, within its budget',
  }));
  s.ok = s.verdicts.every((v) => v.met);
  s.bench = b;
  const dir = createRunDir(reportsDir, 'bench', b.quick ? 'quick' : 'full');
  return writeReportDir(dir, { ...s, runId: basename(dir) });
}

/** --trace-out FILE: the counterexample (or, for a passing run, an empty trace) as trace-event JSON. */
export function writeTraceOut(file: string, cx: Counterexample | null, meta: Record<string, string>): void {
  writeFileAtomic(file, JSON.stringify(toTraceEvents(cx, meta)) + '\n');
}
