/**
 * Exhaustive exploration of a litmus shape under a memory model: every interleaving of the threads'
 * steps, of the moments their buffered stores become visible and of which visible value each load
 * reads (memory/views.ts), through the engine's own loop
 * (engine/loop.ts) and the model's own accessors (sync/access.ts). Depth-first over the whole choice
 * tree by the bounded walker (sched/exhaustive.ts) with no bound: each path replayed from scratch (the
 * runs are a few dozen steps), siblings in runnable order. Returns the set of final outcomes and
 * whether the shape's `exists` clause is reachable.
 */
import { kernelOfBounds } from '../boot.js';
import { at, kalloc } from '../../model/arena.js';
import { type Kernel } from '../../model/kernel.js';
import { G_RCU_GP, T_UNIT, UNIT_NR_DEFERRED } from '../../model/layout.js';
import { runActors } from '../loop.js';
import { READ_ONCE, WRITE_ONCE, clear_bit, rcu_assign_pointer, set_bit, smp_load_acquire, smp_mb, smp_mb__after_atomic, smp_mb__before_atomic, smp_rmb, smp_store_release, smp_wmb } from '../../sync/access.js';
import type { Step } from '../../model/wait.js';
import { spin_lock, spin_unlock } from '../../sync/mutex.js';
import { rcu_read_lock, rcu_read_unlock, synchronize_rcu } from '../../sync/rcu.js';
import type { Chooser } from '../../sched/strategy.js';
import { walk, type Follow } from '../../sched/exhaustive.js';
import { locklessFns } from '../../kernel/index.js';
import { sc, type MemoryMode } from '../../model/memory-model.js';
import { weak } from '../../memory/weak.js';
import type { Op, Shape } from './shapes.js';

export interface Exploration {
  shape: string;
  memory: MemoryMode;
  paths: number;
  outcomes: Set<string>;
  existsReachable: boolean;
  /** exploration stopped at the path budget (the result is then a lower bound on what is reachable) */
  truncated: boolean;
}

/** mylock: a word of the same object past the variables */
const LOCK = 8;

function* thread(k: Kernel, obj: number, t: number, ops: readonly Op[], reg: number[]): Step {
  const v = (i: number): number => UNIT_NR_DEFERRED + i;
  for (const op of ops) {
    switch (op[0]) {
      case 'w': yield* WRITE_ONCE(k, obj, v(op[1]), op[2], `WRITE_ONCE(v${op[1]})`); break;
      case 'rel': yield* smp_store_release(k, obj, v(op[1]), op[2], `smp_store_release(v${op[1]})`); break;
      case 'r': reg[op[1]] = yield* READ_ONCE(k, obj, v(op[2]), `READ_ONCE(v${op[2]})`); break;
      case 'acq': reg[op[1]] = yield* smp_load_acquire(k, obj, v(op[2]), `smp_load_acquire(v${op[2]})`); break;
      case 'set': yield* set_bit(k, op[2], obj, v(op[1]), `set_bit(v${op[1]})`); break;
      case 'clr': yield* clear_bit(k, op[2], obj, v(op[1]), `clear_bit(v${op[1]})`); break;
      case 'mb': yield* smp_mb(k); break;
      case 'mbb': yield* smp_mb__before_atomic(k); break;
      case 'mba': yield* smp_mb__after_atomic(k); break;
      case 'wif': if (reg[op[1]] !== 0) yield* WRITE_ONCE(k, obj, v(op[2]), op[3], `WRITE_ONCE(v${op[2]}) [ctrl]`); break;
      case 'wmb': smp_wmb(k); break;
      case 'lock': yield* spin_lock(k, obj, v(LOCK), 'spin_lock(mylock)'); break;
      case 'unlock': yield* spin_unlock(k, obj, v(LOCK), 'spin_unlock(mylock)'); break;
      case 'rmb': smp_rmb(k); break;
      case 'pub':
        if (op[2] === 1) yield* rcu_assign_pointer(k, obj, v(op[1]), t, `rcu_assign_pointer(v${op[1]}, t)`);
        else yield* WRITE_ONCE(k, obj, v(op[1]), t, `WRITE_ONCE(v${op[1]}, t)`);
        break;
      case 'deref': if (reg[op[2]] === t) reg[op[1]] = yield* READ_ONCE(k, reg[op[2]], v(0), 'READ_ONCE(t->f)'); break;
      case 'wt': yield* WRITE_ONCE(k, t, v(0), op[1], 'WRITE_ONCE(t->f)'); break;
      case 'rl': yield* rcu_read_lock(k); break;
      case 'ru': yield* rcu_read_unlock(k); break;
      case 'sync': yield* synchronize_rcu(k); break;
    }
  }
}

/** One run, every choice point offered to the walker as free, its default the first runnable. */
function runPath(shape: Shape, memory: MemoryMode, follow: Follow): string {
  const n = shape.threads.length;
  const k = kernelOfBounds(locklessFns, { nodes: 1, memcgs: 1, shrinkers: 1, unitBits: 1, actors: n }, shape.threads.map((_, i) => `P${i}`));
  const L = k.L;
  k.mm = memory === 'weak' ? weak(k, n, false) : sc(k.mem); // a test's outcome, not a report: a load reads what it can
  const obj = kalloc(k, T_UNIT);
  k.mm.global(obj); // its words are the test's global variables: no address dependency reaches them
  const t = kalloc(k, T_UNIT); // object t, reached through a pointer
  const base = L.arenaBase[T_UNIT];
  shape.init?.forEach((val, i) => (k.mem[base + UNIT_NR_DEFERRED + i] = val));
  k.mem[at(k, t, UNIT_NR_DEFERRED, 't->f')] = shape.initT ?? 0;
  if (shape.pointsToT !== undefined) k.mem[base + UNIT_NR_DEFERRED + shape.pointsToT] = t;
  k.mem[G_RCU_GP] = 1; // reader slots hold the counter they saw: 0 means "outside a section" (actors/setup.ts)
  const reg = [0, 0, 0, 0];
  const chooser: Chooser = {
    pick: (runnable) => runnable[follow(runnable.length, 0, true, runnable.length)],
    value: (width) => follow(width, 0, true, width),
  };
  runActors(k, shape.threads.map((ops) => thread(k, obj, t, ops, reg)), chooser, [], { maxSteps: 10_000 });
  const mem = [0, 1, 2, 3].map((i) => k.mem[base + UNIT_NR_DEFERRED + i]);
  return JSON.stringify({ reg, mem, exists: shape.exists(reg, mem, t) });
}

export function explore(shape: Shape, memory: MemoryMode, maxPaths = 2_000_000): Exploration {
  const outcomes = new Set<string>();
  const { schedules: paths } = walk((follow) => void outcomes.add(runPath(shape, memory, follow)), { preemptions: Infinity, maxRuns: maxPaths });
  const existsReachable = [...outcomes].some((o) => JSON.parse(o).exists);
  return { shape: shape.name, memory, paths, outcomes, existsReachable, truncated: paths >= maxPaths };
}
