/**
 * The per-thread view of the modeled kernel: the shared buffer, its layout, which actor is running and
 * at which step, the variant's function table, and (when rendering) the trace being recorded.
 *
 * One `Kernel` lives in each thread that steps actors. In the deterministic engine the scheduler sets
 * `actor` and `step` before it resumes an actor's generator, so every access knows who made it.
 */
import type { Layout } from './layout.js';
import type { ModelFns } from '../variants/model-fns.js';
import type { Wait } from '../sync/wait.js';
import { sc, type MemoryModel } from '../memory/model.js';

export interface TraceRow {
  step: number;
  actor: number;
  text: string;
}

export interface Kernel {
  readonly mem: Int32Array;
  readonly L: Layout;
  /** nr_node_ids */
  readonly nodes: number;
  /** SHRINKER_UNIT_BITS for this run */
  readonly unitBits: number;
  /** the design under test: every model function is called through this table */
  readonly fn: ModelFns;
  readonly actorNames: readonly string[];
  /** running actor; -1 while the scenario is being set up */
  actor: number;
  /** scheduled steps so far (setup steps are not counted) */
  step: number;
  /** rows of the trace being recorded, or null when not tracing (the fast path) */
  tr: TraceRow[] | null;
  /**
   * Called by every actor before each operation (a safe point: no lock held, no RCU section open).
   * The thread engine counts operations here and parks actors for quiescent checks by returning a
   * Wait; the deterministic engine leaves it null.
   */
  opBegin: ((k: Kernel) => Wait | undefined) | null;
  /** the memory model every kernel access goes through (src/memory) */
  mm: MemoryModel;
}

export function note(k: Kernel, text: string): void {
  k.tr?.push({ step: k.step, actor: k.actor, text });
}

export function actorName(k: Kernel, actor: number): string {
  return actor < 0 ? 'setup' : (k.actorNames[actor] ?? `actor${actor}`);
}

/** A kernel view over `mem` (nodes and SHRINKER_UNIT_BITS come from the layout's bounds). */
export function makeKernel(mem: Int32Array, L: Layout, fn: ModelFns, actorNames: readonly string[]): Kernel {
  return { mem, L, nodes: L.bounds.nodes, unitBits: L.bounds.unitBits, fn, actorNames, actor: -1, step: 0, tr: null, opBegin: null, mm: sc(mem) };
}
