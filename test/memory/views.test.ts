/** Weak memory's load reordering (memory/views.ts): which visible value a load may read, driven directly. */
import { describe, expect, it } from 'vitest';
import { kalloc } from '../../src/model/arena.js';
import { T_UNIT, UNIT_NR_DEFERRED } from '../../src/model/layout.js';
import { weak } from '../../src/memory/weak.js';
import { testKernel } from '../helpers/kernel.js';

/** the answers the next choices get */
function answers(k: ReturnType<typeof testKernel>, a: number[]): void {
  const next = k.choose!;
  let left = [...a];
  k.choose = (w) => (left.length > 0 ? (next(w), left.shift()!) : next(w));
  void left;
}

function setup() {
  const k = testKernel({ actors: 2 }, ['a', 'b']);
  const mm = weak(k, 2);
  k.mm = mm;
  const obj = kalloc(k, T_UNIT);
  mm.global(obj); // its words are globals: no dependency
  const addr = (i: number) => k.L.arenaBase[T_UNIT] + UNIT_NR_DEFERRED + i;
  const t = (i: number) => ({ addr: addr(i), ptr: obj, field: UNIT_NR_DEFERRED + i, what: `v${i}` });
  /** actor 0 stores v to word i and the store becomes visible at once */
  const publish = (i: number, v: number) => {
    mm.store(0, t(i), v);
    const out: number[] = [];
    mm.flushable(out);
    mm.flush(out[0]);
  };
  /** the next choices a load asks for (what it answers), and the widths it was offered */
  const asked: number[] = [];
  let answers: number[] = [];
  k.choose = (width) => {
    asked.push(width);
    return answers.shift() ?? 0;
  };
  const read = (a: number, i: number, pick: number[] = [], ptr = obj) => {
    answers = [...pick];
    return mm.load(a, addr(i), ptr);
  };
  /** a second object o, the address of its word f, and a store of actor 0 to it made visible at once */
  const second = (): [number, number, (v: number) => void] => {
    const o = kalloc(k, T_UNIT);
    const f = k.L.arenaBase[T_UNIT] + k.L.stride[T_UNIT] + UNIT_NR_DEFERRED;
    return [o, f, (v) => {
      mm.store(0, { addr: f, ptr: o, field: UNIT_NR_DEFERRED, what: 'o->f' }, v);
      const out: number[] = [];
      mm.flushable(out);
      mm.flush(out[0]);
    }];
  };
  return { k, mm, obj, addr, t, publish, asked, read, second };
}

describe('weak memory: load views', () => {
  it('a load may read an older visible value when the schedule chooses so; the default is the latest', () => {
    const { publish, read, asked } = setup();
    publish(0, 1);
    publish(0, 2);
    expect(read(1, 0)).toBe(2);
    expect(asked).toEqual([3]); // 2, 1 or the initial 0
    const s = setup();
    s.publish(0, 1);
    s.publish(0, 2);
    expect(s.read(1, 0, [2])).toBe(0);
  });

  it('coherence: once a value is read, no older one is offered', () => {
    const { publish, read, asked } = setup();
    publish(0, 1);
    publish(0, 2);
    expect(read(1, 0, [1])).toBe(1);
    expect(read(1, 0, [1])).toBe(1); // offered 2 or 1: the choice 1 is 1 again, never 0
    expect(asked).toEqual([3, 2]);
    expect(read(1, 0)).toBe(2);
    expect(read(1, 0)).toBe(2);
    expect(asked).toEqual([3, 2, 2]); // after reading 2, nothing older is offered (no choice asked)
  });

  it('a writer reads its own visible store or newer, never an older value', () => {
    const { publish, read, asked } = setup();
    publish(0, 1);
    expect(read(0, 0)).toBe(1);
    expect(asked).toEqual([]);
  });

  it('a full barrier and an acquire: later loads read the latest; smp_rmb: no older than what earlier loads saw', () => {
    for (const kind of ['full', 'acquire'] as const) {
      const { mm, publish, read, asked } = setup();
      publish(0, 1);
      mm.order(1, kind);
      expect(read(1, 0, [1])).toBe(1);
      expect(asked).toEqual([]);
    }
    const { mm, publish, read } = setup();
    publish(0, 1); // x = 1
    publish(1, 1); // y = 1, after x
    expect(read(1, 1)).toBe(1); // y read new
    expect(read(1, 0, [1])).toBe(0); // x may be old: no read barrier (MP+wmb+po)
    const r = setup();
    r.publish(0, 1);
    r.publish(1, 1);
    expect(r.read(1, 1)).toBe(1);
    r.mm.order(1, 'rmb');
    expect(r.read(1, 0, [1])).toBe(1); // smp_rmb: x is no older than y's store
  });

  it('an address dependency: a load through a loaded pointer is no older than that load', () => {
    const { k, mm, publish, read, asked, second } = setup();
    const [o, f, setF] = second();
    setF(5); // o initialised, then published in word 1, then changed
    publish(1, o);
    setF(6);
    expect(read(1, 1)).toBe(o);
    expect(mm.load(1, f, o)).toBe(6);
    expect(asked).toEqual([2, 2]); // the pointer: o or the initial 0; o->f: 6 or 5, never the 0 before 5
    answers(k, [1]);
    expect(mm.load(1, f, o)).toBe(6); // coherence: 6 was read
    // a pointer the actor did not load (an argument, a direct read) reads the latest
    const s = setup();
    const [p, g, setG] = s.second();
    setG(1);
    setG(2);
    expect(s.mm.load(1, g, p)).toBe(2);
    expect(s.asked).toEqual([]);
  });

  it('the dependency bounds a stale read: through a pointer read before o->f changed, the older value may be read', () => {
    const { k, mm, publish, read, second } = setup();
    const [o, f, setF] = second();
    setF(5);
    publish(1, o);
    setF(6);
    expect(read(1, 1)).toBe(o);
    answers(k, [1]);
    expect(mm.load(1, f, o)).toBe(5);
  });

  it('rcu_read_lock(): a section sees every value visible when the latest grace period started', () => {
    const { mm, publish, read, asked } = setup();
    publish(0, 1);
    mm.gracePeriodStart();
    publish(0, 2);
    mm.order(1, 'rcu');
    expect(read(1, 0, [1])).toBe(1); // 2 or 1, not the 0 from before the grace period
    expect(asked).toEqual([2]);
  });

  it('a direct write (an atomic on the buffer) or a new allocation leaves only the latest value', () => {
    const { k, mm, publish, read, addr, asked, obj } = setup();
    publish(0, 1);
    Atomics.add(k.mem, addr(0), 5);
    expect(read(1, 0, [1])).toBe(6);
    expect(asked).toEqual([]);
    publish(1, 1);
    mm.forget(addr(1), addr(1) + 1);
    expect(read(1, 1, [1])).toBe(1);
    expect(asked).toEqual([]);
    expect(obj).toBeGreaterThan(0);
  });

  it('outside a run (no chooser) a load reads the latest', () => {
    const { k, publish, read } = setup();
    k.choose = null;
    publish(0, 1);
    expect(read(1, 0)).toBe(1);
  });
});

describe('weak memory: stale reads in scenario runs', () => {
  it('a run that read older values replays exactly from its schedule', async () => {
    const fc = (await import('fast-check')).default;
    const { runScenario } = await import('../../src/engine/run.js');
    const { scenarioArb } = await import('../../src/search/scenario-arb.js');
    const { randomChooser } = await import('../../src/sched/random.js');
    const { explicitChooser } = await import('../../src/sched/explicit.js');
    const { locklessFns } = await import('../../src/kernel/index.js');
    const scenarios = fc.sample(scenarioArb(['global', 'nonslab', 'nokmem', 'lifecycle'], 'swarm'), { numRuns: 1500, seed: 3 });
    let stale = 0;
    scenarios.forEach((s, i) => {
      const inner = randomChooser(i + 1, 2);
      const a = runScenario(locklessFns, s, { pick: (r, c, st) => inner.pick(r, c, st), value: (w, st) => { const v = inner.value!(w, st); if (v !== 0) stale++; return v; } }, { memory: 'weak' });
      const b = runScenario(locklessFns, s, explicitChooser(a.schedule), { memory: 'weak' });
      expect(b.schedule).toEqual(a.schedule);
      expect(b.violation?.message ?? null).toBe(a.violation?.message ?? null);
    });
    expect(stale).toBeGreaterThan(0);
  }, 120_000);
});

describe('weak memory: waiting is an acquire', () => {
  it('after wait_for_completion() returns, even without blocking, the completer\'s earlier stores are seen', async () => {
    const { complete, wait_for_completion } = await import('../../src/sync/refcount.js');
    const { WRITE_ONCE, READ_ONCE } = await import('../../src/sync/access.js');
    const { runActors } = await import('../../src/engine/loop.js');
    const { SH_DONE, T_SHRINKER } = await import('../../src/model/layout.js');
    const { k, mm, obj } = setup();
    const s = kalloc(k, T_SHRINKER);
    const offered: number[] = [];
    mm.global(s);
    let seen = -1;
    function* completer() {
      yield* WRITE_ONCE(k, obj, UNIT_NR_DEFERRED, 1, 'x');
      yield* complete(k, s, SH_DONE);
    }
    function* waiter() {
      yield* READ_ONCE(k, obj, UNIT_NR_DEFERRED, 'x'); // the old value, read first
      yield;
      yield* wait_for_completion(k, s, SH_DONE);
      seen = yield* READ_ONCE(k, obj, UNIT_NR_DEFERRED, 'x');
    }
    // the waiter reads x and enters wait_for_completion() (its barrier, then a step boundary); the
    // completer then runs to its end (its store made visible by complete()'s barrier); the waiter finds
    // the completion done at its first attempt, without blocking
    let waiterSteps = 0;
    const pick = (r: readonly number[]): number => {
      if (waiterSteps < 3 && r.includes(1)) return (waiterSteps++, 1);
      if (r.includes(0)) return 0;
      const flush = r.find((x) => x >= 2);
      return flush ?? r[0];
    };
    runActors(k, [completer(), waiter()], { pick, value: (w) => (offered.push(w), w - 1) }, [], { maxSteps: 200 });
    expect(seen).toBe(1);
    expect(offered).toEqual([]); // no older value was offered after the wait
  });
});
