/** Bench sections e and f as Markdown: time to first failure over seeds, distinct signatures per strategy. */
import type { BenchResult, SeedRuns } from './bench-schema.js';

const secs = (ms: number): string => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)}s`;
const row = (c: string[]): string => `| ${c.join(' | ')} |`;
const table = (head: string[], rows: string[][]): string[] => [row(head), row(head.map(() => '---')), ...rows.map(row)];

function seedRuns(r: SeedRuns, budgetMs: number, seeds: number): string {
  const median = r.capped ? `> ${secs(budgetMs)} (median)` : `${secs(r.medianMs)} (${Math.round(r.medianRuns).toLocaleString('en-US')} runs)`;
  return `${median}, found ${r.found}/${seeds}`;
}

export function seedDetectionMarkdown(b: BenchResult): string[] {
  const d = b.seedDetection;
  const { seeds, deterministicMs, fcSchedulerMs } = d.budgets;
  return [
    `## e. Time to first failure over seeds 1-${seeds}: median (budget per seed: check ${secs(deterministicMs)}, fc.scheduler ${secs(fcSchedulerMs)})`, '',
    ...table(['variant', 'memory', 'check (strategy)', 'fc.scheduler()', 'fc / check (medians)'], d.rows.map((r) => [
      r.variant, r.memory, `${seedRuns(r.deterministic, deterministicMs, seeds)} (${r.strategy})`,
      r.fcScheduler ? seedRuns(r.fcScheduler, fcSchedulerMs, seeds) : 'n/a (weak memory only)',
      r.ratio.value === null ? '-' : `${r.ratio.bound === 'lower' ? '>= ' : ''}${r.ratio.value.toFixed(1)}x`,
    ])), '',
    'A seed that found nothing counts as its budget; "> budget" when the median is the budget or at most half the seeds found the bug, and then there is no ratio. ">=" when fc.scheduler() missed in most seeds (a lower bound).', '',
  ];
}

export function signaturesMarkdown(b: BenchResult): string[] {
  const s = b.signatures;
  return [
    `## f. Distinct bug signatures in ${secs(s.budgetMs)} per strategy (lockless, every workload, --all, seed ${b.seed})`, '',
    ...table(['strategy', 'runs', 'signatures', 'known findings', 'other signatures'], s.rows.map((r) => [
      r.strategy, r.runs.toLocaleString('en-US'), String(r.signatures), r.known.join(', ') || '-', r.unknown.length === 0 ? '-' : r.unknown.map((u) => `\`${u}\``).join('; '),
    ])), '',
  ];
}
