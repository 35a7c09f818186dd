/** In-thread: a deterministic-engine check of one variant (the CLI's check, and validate's rows). */
import { check } from '../src/search/check.js';
import type { CheckTask, CheckTaskResult } from '../src/threads/protocol.js';
import { variantOf } from './variant-of.js';

export async function checkTask(t: CheckTask): Promise<CheckTaskResult> {
  const variant = await variantOf(t.variant);
  const control = t.control === undefined ? undefined : new Int32Array(t.control);
  return {
    kind: 'checked',
    result: check({ variant, runs: t.runs, seed: t.seed, strategy: t.strategy, workloads: t.workloads, memory: t.memory, control, timeLimitMs: t.timeLimitMs, shrinkTimeMs: t.shrinkTimeMs, all: t.all, until: t.until, shard: t.shard, preemptions: t.preemptions, coverage: t.coverage, scenarios: t.scenarios, scenario: t.scenario }),
  };
}
