/**
 * A scheduling strategy picks which runnable actor takes the next step. The engine records every pick
 * as an explicit choice (explicit.ts), so whatever strategy found a run, the run replays exactly.
 */
import type { AccessSink } from '../model/kernel.js';

export interface Chooser {
  /**
   * @param runnable actor ids that can take a step, ascending (never empty)
   * @param current  the actor that took the previous step (-1 before the first)
   * @returns one of `runnable`
   */
  pick(runnable: readonly number[], current: number, step: number): number;
  /**
   * A choice inside a step among `width` > 1 values (weak memory: which visible value a load reads,
   * 0 the latest, i the i-th older one; memory/views.ts). Recorded as a schedule entry of its own, the
   * index itself. Absent: 0, the default.
   */
  value?(width: number, step: number): number;
  /** told of the run's labelled shared accesses, when the chooser wants them (sched/conflict.ts) */
  readonly sink?: AccessSink;
}

export type StrategyName = 'random' | 'pct' | 'coverage' | 'exhaustive' | 'portfolio';
export const STRATEGIES: readonly StrategyName[] = ['random', 'pct', 'exhaustive', 'coverage', 'portfolio'];
/** What `check` (CLI and API callers that do not choose) and the bench's per-seed detection use. */
export const DEFAULT_STRATEGY: StrategyName = 'random';
