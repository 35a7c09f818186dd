/**
 * shrinkrace's programmatic API (`import { check, stress, replayToken } from 'shrinkrace/api'`): what
 * the CLI and the tests call, composed here from the layers below. Variant files use the package's
 * root export instead (src/index.ts: defineVariant and the model's helpers).
 */
export { check, CheckOptionsError, type CheckOptions, type CheckResult, type FoundFailure, type HarnessError } from '../search/check.js';
export { shrinkFailure, renderCounterexample } from '../search/shrink.js';
export { newControl, interrupt, type Control } from '../search/control.js';
export { checkOnWorker, type CheckJobOptions, type CheckJobHooks } from './check-job.js';
export { stress, type StressOptions, type StressResult, type StressViolation } from '../threads/stress.js';
export { replayToken, type ReplayResult, type ReplayOptions } from './replay.js';
export { validate, jobs, BUDGETS, type Budget, type ValidateOptions, type ValidateResult, type ValidateRow } from './validate.js';
export { bench, type BenchOptions } from './bench.js';
export { litmus, type LitmusResult, type LitmusRow } from './litmus.js';
export { litmusOfToken, litmusOfReplay, LitmusExportError, type LitmusExport } from './litmus-export.js';
export { costProbe, COST_PROBE } from './cost-probe.js';
export { loadCorpus, saveRegression, DEFAULT_CORPUS, type Corpus, type CorpusEntry } from './corpus.js';
export { writeCheckReport, writeValidateReport, writeBenchReport, writeTraceOut, checkCounterexample, replayCounterexample, DEFAULT_REPORTS_DIR, assertReportsDir, ReportsDirError } from './report.js';
export { mergeReports, readShardReports, MergeError, type MergeResult } from './merge.js';
export { parseShard, inShard, type Shard } from '../search/shard.js';
export { loadVariant, type VariantRef } from '../variants/load.js';
export { VARIANTS, findVariant, resolveFns } from '../variants/registry.js';
export { FINDINGS, type Finding } from '../variants/findings.js';
export type { Variant, Expectation } from '../variants/variant.js';
export type { Scenario } from '../model/scenario.js';
export type { Workload } from '../model/workloads.js';
export type { MemoryMode } from '../model/memory-model.js';
export type { InvariantName } from '../model/violation.js';
