/**
 * The access log (engine/access-log.ts) on the model's own accessors (sync/access.ts, sync/mutex.ts)
 * under --memory weak, as the litmus explorer runs them: every access in program order with its value,
 * the barriers read off the trace, locks with their labels, value-returning atomics with what they
 * returned, and the words' first and final values; then the litmus program made of it.
 */
import { describe, expect, it } from 'vitest';
import { kernelOfBounds } from '../../src/engine/boot.js';
import { locklessFns } from '../../src/kernel/index.js';
import { kalloc } from '../../src/model/arena.js';
import { T_UNIT, UNIT_NR_DEFERRED } from '../../src/model/layout.js';
import { weak } from '../../src/memory/weak.js';
import { runActors } from '../../src/engine/loop.js';
import { READ_ONCE, WRITE_ONCE, atomic_xchg, clear_bit, set_bit, smp_mb__after_atomic, smp_mb__before_atomic } from '../../src/sync/access.js';
import { spin_lock, spin_unlock } from '../../src/sync/mutex.js';
import { AccessLog } from '../../src/engine/access-log.js';
import { selectLitmus } from '../../src/report/litmus-select.js';
import type { Kernel } from '../../src/model/kernel.js';
import type { Step } from '../../src/model/wait.js';

describe('the access log of a run', () => {
  const k: Kernel = kernelOfBounds(locklessFns, { nodes: 1, memcgs: 1, shrinkers: 1, unitBits: 1, actors: 2 }, ['producer0', 'reclaimer0']);
  k.mm = weak(k, 2);
  k.tr = [];
  const obj = kalloc(k, T_UNIT);
  const [X, Y, D, LOCK] = [UNIT_NR_DEFERRED, UNIT_NR_DEFERRED + 1, UNIT_NR_DEFERRED + 2, UNIT_NR_DEFERRED + 8];
  const base = (f: number): number => k.L.arenaBase[T_UNIT] + f;
  k.mem[base(Y)] = 1 | 4; // the bit the program clears, and another it never touches
  k.mem[base(D)] = 7;
  const log = new AccessLog();
  k.cov = log.attach(k);
  function* p0(): Step {
    yield* spin_lock(k, obj, LOCK, 'spin_lock(&l->lock)');
    yield* WRITE_ONCE(k, obj, X, 1, '@->nr_items++');
    yield* spin_unlock(k, obj, LOCK, 'spin_unlock(&l->lock)');
    yield* smp_mb__before_atomic(k);
    yield* set_bit(k, 0, obj, Y, 'set_bit(0, @->map)');
    yield* atomic_xchg(k, obj, D, 0, 'atomic_long_xchg(&@->nr_deferred, 0)');
  }
  function* p1(): Step {
    yield* clear_bit(k, 0, obj, Y, 'clear_bit(0, @->map)');
    yield* smp_mb__after_atomic(k);
    yield* READ_ONCE(k, obj, X, 'READ_ONCE(@->nr_items)');
    yield* spin_lock(k, obj, LOCK, 'spin_lock(&l->lock)');
    yield* atomic_xchg(k, obj, D, 5, 'atomic_long_xchg(&@->nr_deferred, 5)');
    yield* spin_unlock(k, obj, LOCK, 'spin_unlock(&l->lock)');
  }
  // P0 to its end (its stores made visible as soon as they may be), then P1
  runActors(k, [p0(), p1()], { pick: (runnable) => runnable.includes(0) ? 0 : runnable.includes(2) ? 2 : runnable[runnable.length - 1] }, [], { maxSteps: 1000 });
  log.finish();
  const x = base(X);

  it('logs each actor\'s accesses in program order, with values, barriers, locks and what atomics returned', () => {
    const show = log.events.map((e) => `${e.actor} ${e.kind} ${e.kind === 'fence' ? e.label : e.label.replace(/#\d+/, '')} ${e.value}`);
    expect(show).toEqual([
      '0 lock spin_lock(&l->lock) 0',
      '0 store shrinker_info_unit->nr_items++ 1',
      '0 unlock spin_unlock(&l->lock) 0',
      '0 fence smp_mb__before_atomic 0',
      '0 or set_bit(0, shrinker_info_unit->map) 1',
      '0 atomic-return atomic_long_xchg(&@->nr_deferred, 0) 7',
      '1 and clear_bit(0, shrinker_info_unit->map) -2',
      '1 fence smp_mb__after_atomic 0',
      '1 load READ_ONCE(@->nr_items) 1',
      '1 lock spin_lock(&l->lock) 0',
      '1 atomic-return atomic_long_xchg(&@->nr_deferred, 5) 0',
      '1 unlock spin_unlock(&l->lock) 0',
    ]);
    expect(log.initial.get(x)).toBe(0);
    expect(log.initial.get(base(Y))).toBe(5);
    expect(log.initial.get(base(D))).toBe(7); // before the xchg, though memory held 0 when it was logged
    expect(log.final.get(base(D))).toBe(5);
    expect(log.pendingAtEnd).toBe(0);
  });

  it('makes the litmus program of it', () => {
    const p = selectLitmus(log, k.actorNames)!;
    expect(p.vars.map((v) => [v.name, v.atomic, v.bits, v.init])).toEqual([['nr_items', false, null, 0], ['map', true, 1, 1], ['nr_deferred', true, null, 7]]);
    expect(p.locks).toEqual([{ name: 'l_lock', what: 'spin_lock(&l->lock)' }]);
    expect(p.threads[0].ops.map((o) => o.op)).toEqual(['lock', 'write', 'unlock', 'fence', 'or', 'xchg']);
    expect(p.threads[1].ops).toContainEqual({ op: 'xchg', v: 'nr_deferred', reg: 'r1', val: 0, arg: 5 });
    expect(p.exists).toEqual(['0:r0=7', '1:r0=1', '1:r1=0', 'map=0', 'nr_deferred=5']);
  });
});
