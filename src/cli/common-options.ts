/**
 * Options more than one command takes, declared once: the design under test, the workloads, the
 * thread counts bounded by this machine, and what a run leaves behind (reports, trace, corpus).
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { DEFAULT_CORPUS } from '../api/corpus.js';
import { DEFAULT_REPORTS_DIR } from '../api/report.js';
import { assertReportsDir, ReportsDirError } from '../report/reports-dir.js';
import { WORKLOADS, type Workload } from '../model/workloads.js';
import { parseShard, ShardError, type Shard } from '../search/shard.js';
import { flag, text } from './option-kinds.js';
import type { Opt } from './options.js';
import { UsageError } from './usage.js';

export const variantOpt = text('NAME|PATH', 'design under test: a built-in variant (see `variants`) or a variant file (.ts, .js, .mjs)', 'lockless');
export const jsonOpt = flag('print one JSON object instead of text (progress and notes go to stderr)');

/** Threads one command may start: 4 per core of this machine (more only time-slice the same cores). */
export const maxThreads = (): number => 4 * availableParallelism();
export const threadsWhy = (): string => `at most 4 threads per core; this machine has ${availableParallelism()}`;

/** --workload a,b (or default, or all); undefined: the variant's own workloads. */
export const workloadOpt: Opt<readonly Workload[] | undefined> = {
  arg: 'W,..',
  help: `model features the scenarios use: ${WORKLOADS.join(', ')}; or all`,
  dflt: "the variant's own, else global,nonslab,alloc-fail",
  parse(raw, flagName) {
    if (raw === undefined || raw.trim() === 'default') return undefined;
    if (raw.trim() === 'all') return WORKLOADS;
    const ws = raw.split(',').map((w) => w.trim());
    if (ws.every((w) => w === '')) throw new UsageError(`${flagName} needs at least one workload (known: ${WORKLOADS.join(', ')}, default, all)`);
    const bad = ws.find((w) => !(WORKLOADS as readonly string[]).includes(w));
    if (bad !== undefined) throw new UsageError(`${flagName}: unknown workload "${bad}" (known: ${WORKLOADS.join(', ')}, default, all)`);
    return [...new Set(ws)] as Workload[];
  },
};

/** A file the command will write: it must not be a directory (checked before the run, not after). */
function outFile(arg: string, help: string, dflt?: string): Opt<string | undefined> {
  const base = dflt === undefined ? text(arg, help) : text(arg, help, dflt);
  return {
    ...base,
    parse(raw, flagName) {
      const v = base.parse(raw, flagName);
      if (v !== undefined && existsSync(v) && statSync(v).isDirectory()) throw new UsageError(`${flagName} ${v} is a directory; give a file name`);
      return v;
    },
  };
}

/** --reports-dir: a writable directory, or creatable as one (checked before the run, not after it). */
export const reportsDirOpt: Opt<string> = {
  arg: 'DIR',
  help: 'where report directories go',
  dflt: DEFAULT_REPORTS_DIR,
  parse(raw, flagName) {
    const v = raw ?? DEFAULT_REPORTS_DIR;
    if (v.trim() === '') throw new UsageError(`${flagName} must not be empty`);
    try {
      assertReportsDir(v);
    } catch (e) {
      if (e instanceof ReportsDirError) throw new UsageError(`${flagName}: ${e.message}`);
      throw e;
    }
    return v;
  },
};

export const traceOutOpt = outFile('FILE', 'write the counterexample as Chrome trace-event JSON (Perfetto, chrome://tracing)');
export const litmusOutOpt = outFile('FILE', 'write a --memory weak violation as a herd7 litmus test (the Linux kernel memory model\'s C syntax) of the accesses that matter: herd7 -conf linux-kernel.cfg FILE');
export const saveOpt = flag('add the failure to the regression corpus, which the test suite replays');
export const corpusOpt = outFile('FILE', 'the regression corpus --save writes to', DEFAULT_CORPUS) as Opt<string>;
/** --shard i/n: this machine's part of a search split over n (search/shard.ts); `merge` combines the parts' reports. */
export const shardOpt: Opt<Shard | undefined> = {
  arg: 'I/N',
  help: 'run only shard I of N (run or row k is in shard ((k-1) mod N)+1; run numbers stay global) and always write a report; `merge` combines the N reports',
  parse(raw, flagName) {
    if (raw === undefined) return undefined;
    try {
      return parseShard(raw, flagName);
    } catch (e) {
      if (e instanceof ShardError) throw new UsageError(e.message);
      throw e;
    }
  },
};

export const reportOpt = flag('write a report directory even when no violation is found (a violation always does)');
