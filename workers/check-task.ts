/** In-thread: a deterministic-engine check of one variant (validate spreads variants over threads). */
import { check } from '../src/api/check.js';
import type { CheckTask, CheckTaskResult } from '../src/threads/protocol.js';
import { variantOf } from './variant-of.js';

export async function checkTask(t: CheckTask): Promise<CheckTaskResult> {
  const variant = await variantOf(t.variant);
  return { kind: 'checked', result: check({ variant, runs: t.runs, seed: t.seed, strategy: t.strategy, workloads: t.workloads, memory: t.memory }) };
}
