/**
 * check()'s options as a JavaScript caller may pass them: the TypeScript types say what is allowed,
 * and this says so at run time, with one line naming the option, before any run. (A memory mode of
 * `false` used to run every scenario and then fail deep in rendering a counterexample.) The CLI
 * parses its flags into valid options and never meets these errors.
 */
import { MEMORY_MODES } from '../model/memory-model.js';
import { GENERATORS, WORKLOADS } from '../model/workloads.js';
import { STRATEGIES } from '../sched/strategy.js';
import type { CheckOptions } from './check-types.js';

/** An option check() cannot take. */
export class CheckOptionsError extends Error {
  override name = 'CheckOptionsError';
}

const oneOf = (name: string, v: unknown, allowed: readonly string[]): string | null =>
  typeof v === 'string' && allowed.includes(v) ? null : `check: ${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v) ?? String(v)})`;

/** What is wrong with `o`, or null. */
export function checkOptionsProblem(o: CheckOptions): string | null {
  if (typeof o !== 'object' || o === null) return 'check: options must be an object';
  if (typeof o.variant !== 'object' || o.variant === null || typeof o.variant.name !== 'string') return 'check: variant must be a variant (defineVariant, findVariant or loadVariant)';
  if (!Number.isInteger(o.runs) || o.runs < 0) return `check: runs must be a whole number >= 0 (got ${String(o.runs)})`;
  if (!Number.isInteger(o.seed)) return `check: seed must be an integer (got ${String(o.seed)})`;
  const problems = [
    oneOf('strategy', o.strategy, STRATEGIES),
    o.memory === undefined ? null : oneOf('memory', o.memory, MEMORY_MODES),
    o.scenarios === undefined ? null : oneOf('scenarios', o.scenarios, GENERATORS),
    o.workloads === undefined ? null : !Array.isArray(o.workloads) ? 'check: workloads must be an array' : o.workloads.map((w) => oneOf('each workload', w, WORKLOADS)).find((p) => p !== null) ?? null,
  ];
  if (o.strategy === 'portfolio' && o.shard !== undefined) problems.push('check: strategy portfolio cannot be sharded (its coverage and exhaustive slices are sequential histories)');
  if (o.strategy === 'portfolio' && o.coverage === true) problems.push('check: strategy portfolio does not count coverage (use strategy random or coverage for a coverage table)');
  return problems.find((p) => p !== null) ?? null;
}

export function assertCheckOptions(o: CheckOptions): void {
  const p = checkOptionsProblem(o);
  if (p !== null) throw new CheckOptionsError(p);
}
