/**
 * check on a worker thread: the same `check()` (src/search/check.ts), run synchronously on one pool thread,
 * so the calling thread stays free to
 *  - follow its progress (the control block's run counter and phase, polled every 100 ms),
 *  - interrupt it (an AbortSignal, e.g. Ctrl-C: the search stops at the next run and returns what it
 *    found so far, a counterexample being shrunk keeps its best form), and
 *  - watch that it still moves: when no engine run starts for `watchdogMs` (a step that never returns:
 *    an endless loop in code the loop guard does not cover), the thread is terminated and the result
 *    is a harness error naming the run, never a hang and never a pass.
 * The CLI's `check` uses this; tests may call `check()` directly.
 */
import { createPool } from '../threads/pool.js';
import type { CheckTaskResult } from '../threads/protocol.js';
import type { VariantRef } from '../variants/load.js';
import { CTL_BEAT, CTL_PHASE, CTL_RUNS, interrupt, newControl, PHASE_NAMES } from '../search/control.js';
import type { CheckOptions, CheckResult } from '../search/check.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';

export interface CheckJobOptions extends Omit<CheckOptions, 'variant' | 'control' | 'onProgress'> {
  variant: VariantRef;
  /** the variant's name, for a result the worker could not produce */
  variantName: string;
}

export interface CheckJobHooks {
  signal?: AbortSignal;
  onProgress?: (runs: number, total: number, phase: string) => void;
  /** no engine run started for this long: a step that never returns (default 30 s) */
  watchdogMs?: number;
}

export const DEFAULT_CHECK_WATCHDOG_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function checkOnWorker(o: CheckJobOptions, hooks: CheckJobHooks = {}): Promise<CheckResult> {
  const control = newControl();
  const pool = createPool(1);
  const t0 = performance.now();
  const onAbort = (): void => interrupt(control);
  if (hooks.signal?.aborted) onAbort();
  hooks.signal?.addEventListener('abort', onAbort);
  let settled: CheckResult | Error | null = null;
  const task = pool.run({
    kind: 'check', variant: o.variant, runs: o.runs, seed: o.seed, strategy: o.strategy, workloads: o.workloads ?? DEFAULT_WORKLOADS,
    memory: o.memory ?? 'sc', control: control.buffer as SharedArrayBuffer, timeLimitMs: o.timeLimitMs, shrinkTimeMs: o.shrinkTimeMs, all: o.all, shard: o.shard, coverage: o.coverage,
    preemptions: o.preemptions, scenarios: o.scenarios, scenario: o.scenario, until: o.until,
  }).then((r) => (settled = (r as CheckTaskResult).result), (e: unknown) => (settled = e instanceof Error ? e : new Error(String(e))));
  const watchdogMs = hooks.watchdogMs ?? DEFAULT_CHECK_WATCHDOG_MS;
  let lastBeat = -1;
  let lastMove = performance.now();
  try {
    while (settled === null) {
      await Promise.race([task, sleep(100)]);
      if (settled !== null) break;
      const b = Atomics.load(control, CTL_BEAT);
      const now = performance.now();
      if (b !== lastBeat) {
        lastBeat = b;
        lastMove = now;
      } else if (now - lastMove > watchdogMs) {
        const runs = Atomics.load(control, CTL_RUNS);
        const phase = PHASE_NAMES[Atomics.load(control, CTL_PHASE)] ?? 'searching';
        const message = `Watchdog: no progress for ${Math.round(watchdogMs / 1000)}s while ${phase}: ` +
          'a step that never returns (an endless loop in code the loop guard does not cover); the worker thread was terminated';
        return stuck(o, runs, performance.now() - t0, message);
      }
      hooks.onProgress?.(Atomics.load(control, CTL_RUNS), o.runs, PHASE_NAMES[Atomics.load(control, CTL_PHASE)] ?? '');
    }
    const r = settled as CheckResult | Error;
    if (r instanceof Error) return stuck(o, Atomics.load(control, CTL_RUNS), performance.now() - t0, `the worker thread failed: ${r.name}: ${r.message.split('\n')[0]}`);
    return r;
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
}

/** A result for a search whose thread died or hung: a harness error, never a pass. */
function stuck(o: CheckJobOptions, runs: number, elapsedMs: number, message: string): CheckResult {
  return {
    ok: false, variant: o.variantName, memory: o.memory ?? 'sc', workloads: o.workloads ?? DEFAULT_WORKLOADS, strategy: o.strategy, seed: o.seed,
    runs, runsAsked: o.runs, stopped: null, steps: 0, elapsedMs, doShrinkSlab: 0, passes: 0, visits: 0, violations: [], ...(o.shard && { shard: o.shard }),
    error: { message, run: runs + 1, step: -1, actor: '-', token: null, text: message },
  };
}
