/**
 * `shrinkrace check`: parse, call api/check, print. Exit 0 when no violation is found, 1 when one is.
 */
import { parseArgs } from 'node:util';
import { check, type CheckResult } from '../api/check.js';
import { STRATEGIES, type StrategyName } from '../sched/strategy.js';
import { loadVariant, VariantError, type VariantRef } from '../variants/load.js';
import { DEFAULT_WORKLOADS, WORKLOADS, type Workload } from '../../properties/scenario.js';
import { MEMORY_MODES, type MemoryMode } from '../memory/model.js';
import type { Variant } from '../variants/variant.js';
import { progress } from './progress.js';
import { checkOutputs, REPORT_OPTIONS } from './report-flags.js';
import { parseIntOption, UsageError } from './usage.js';

export const DEFAULT_RUNS = 100_000;
export const DEFAULT_SEED = 1;

/** --variant: a built-in name or a variant file; any problem is a usage error (exit 2). */
export async function resolveVariant(spec: string): Promise<{ variant: Variant; ref: VariantRef }> {
  try {
    return await loadVariant(spec);
  } catch (e) {
    if (e instanceof VariantError) throw new UsageError(e.message);
    throw e;
  }
}

/** --workload a,b,c (or "default", or "all"): the model features generated scenarios use. */
export function parseWorkloads(v: string | undefined, dflt: readonly Workload[]): readonly Workload[] {
  if (v === undefined || v === 'default') return dflt;
  if (v === 'all') return WORKLOADS;
  const ws = v.split(',').map((w) => w.trim()).filter(Boolean);
  const bad = ws.find((w) => !(WORKLOADS as readonly string[]).includes(w));
  if (bad !== undefined) throw new UsageError(`unknown workload "${bad}" (known: ${WORKLOADS.join(', ')}, default, all)`);
  return ws as Workload[];
}

export function checkJson(r: CheckResult): object {
  const secs = r.elapsedMs / 1000;
  const f = r.failure;
  return {
    ok: r.ok, variant: r.variant, memory: r.memory, runs: r.runs, seed: r.seed, strategy: r.strategy, workloads: r.workloads,
    elapsedMs: Math.round(r.elapsedMs), steps: r.steps,
    runsPerSecond: Math.round(r.runs / secs), stepsPerSecond: Math.round(r.steps / secs),
    ...(f && {
      violation: {
        invariant: f.invariant, message: f.message, replay: f.token, steps: f.steps, runSteps: f.runSteps,
        switches: f.switches, foundSteps: f.foundSteps, runsToFirstFailure: f.runsToFirstFailure,
        timeToFirstFailureMs: Math.round(f.timeToFirstFailureMs), shrinkMs: Math.round(f.shrinkMs), trace: f.text,
      },
    }),
  };
}

export function checkSummary(r: CheckResult): string {
  const secs = r.elapsedMs / 1000;
  const rate = `${r.runs} runs, ${r.steps} steps in ${secs.toFixed(1)}s (${Math.round(r.runs / secs)} runs/s, ${(r.steps / secs / 1e6).toFixed(2)}M steps/s)`;
  if (r.ok) return `ok: variant ${r.variant}: no violation in ${rate}, strategy ${r.strategy}, seed ${r.seed}, memory ${r.memory}, workloads ${r.workloads.join(',') || 'core'}`;
  const f = r.failure!;
  return `FAILED: variant ${r.variant} (memory ${r.memory}): ${f.invariant} after ${f.runsToFirstFailure} runs (${(f.timeToFirstFailureMs / 1000).toFixed(2)}s), ` +
    `strategy ${r.strategy}, seed ${r.seed}; shrunk from ${f.foundSteps} to ${f.steps} schedule choices in ${(f.shrinkMs / 1000).toFixed(2)}s`;
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      variant: { type: 'string', default: 'lockless' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      strategy: { type: 'string', default: 'random' },
      workload: { type: 'string' },
      memory: { type: 'string', default: 'sc' },
      json: { type: 'boolean', default: false },
      ...REPORT_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  const { variant } = await resolveVariant(values.variant!);
  const runs = parseIntOption('runs', values.runs, DEFAULT_RUNS, 1);
  const seed = parseIntOption('seed', values.seed, DEFAULT_SEED, -(2 ** 31));
  if (!STRATEGIES.includes(values.strategy as StrategyName)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')} (got "${values.strategy}")`);
  const workloads = parseWorkloads(values.workload, variant.workloads ?? DEFAULT_WORKLOADS);
  if (!(MEMORY_MODES as readonly string[]).includes(values.memory!)) throw new UsageError(`--memory must be sc or weak (got "${values.memory}")`);
  const memory = values.memory as MemoryMode;
  const bar = values.json ? progress('', { quiet: true }) : progress(`check ${variant.name}`);
  const r = check({ variant, runs, seed, strategy: values.strategy as StrategyName, workloads, memory, onProgress: bar.update });
  bar.done();
  const outputs = checkOutputs(values, variant, r); // report dir, --trace-out, --save
  if (values.json) {
    process.stdout.write(JSON.stringify(checkJson(r)) + '\n');
    for (const line of outputs) process.stderr.write(line + '\n');
  } else {
    process.stdout.write(checkSummary(r) + '\n');
    for (const line of outputs) process.stdout.write(line + '\n');
    if (r.failure) process.stdout.write('\n' + r.failure.text + '\n');
  }
  return r.ok ? 0 : 1;
}
