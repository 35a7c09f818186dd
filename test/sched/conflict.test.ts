/**
 * The conflict-directed random chooser (sched/conflict.ts): it is told of the run's accesses, it
 * switches at conflicts, and on no-recheck's own two-actor race it opens the window far more often than
 * plain random scheduling does; whatever it finds replays from the recorded schedule alone.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import type { OpSpec, Scenario } from '../../src/model/scenario.js';
import { conflictChooser } from '../../src/sched/conflict.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { chooserFor } from '../../src/sched/plan.js';
import { randomChooser } from '../../src/sched/random.js';
import { findVariant, resolveFns } from '../../src/variants/registry.js';

const OP: OpSpec = { a: 0, b: 0, c: 0 };
const DEL: OpSpec = { a: 0, b: 0, c: 2 };
// no-recheck's race: P adds, deletes (bit stays set), adds again while R is between its count and clear_bit
const RACE: Scenario = { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0,
  producers: [[OP, DEL, OP]], reclaimers: [[OP]], expanders: [], unregisterers: [], lifecycles: [] };
const fns = resolveFns(findVariant('no-recheck')!);

describe('conflict-directed random scheduling', () => {
  it('is told of conflicts only: a read of a word another actor stored to, a store to a word another accessed', () => {
    const c = conflictChooser(1, 30, 0);
    c.sink.write(0, 100, 'x');
    c.sink.read(0, 100, 'x');
    expect(c.pick([0, 1], 0, 0)).toBe(0); // own accesses: cold, and 2^-30 never switches here
    c.sink.read(1, 100, 'x');
    expect(c.pick([0, 1], 0, 1)).toBe(1); // actor 1 read actor 0's store: hot, 2^-0 always switches
    c.sink.read(0, 200, 'y');
    c.sink.read(1, 200, 'y');
    expect(c.pick([0, 1], 1, 2)).toBe(1); // two reads never conflict
    c.sink.write(1, 200, 'y');
    expect(c.pick([0, 1], 1, 3)).toBe(0); // a store to a word actor 0 read: hot
  });

  it('holds a switched-to actor for `hold` steps, whatever it touches', () => {
    const c = conflictChooser(1, 30, 0, 2);
    c.sink.write(0, 100, 'x');
    c.sink.read(1, 100, 'x');
    expect(c.pick([0, 1], 1, 0)).toBe(0); // hot: switch to 0, then 2 quiet steps
    for (let step = 1; step <= 2; step++) {
      c.sink.write(1, 100, 'x');
      c.sink.read(0, 100, 'x');
      expect(c.pick([0, 1], 0, step)).toBe(0);
    }
    c.sink.read(0, 100, 'x');
    c.sink.write(1, 100, 'x');
    expect(c.pick([0, 1], 0, 3)).toBe(1);
  });

  it("opens no-recheck's window several times as often as plain random scheduling, and its failures replay", () => {
    const N = 3000;
    let plain = 0;
    let conflict = 0;
    let replayed = 0;
    for (let i = 1; i <= N; i++) {
      if (runScenario(fns, RACE, randomChooser(i * 7919, 4)).violation) plain++;
      const r = runScenario(fns, RACE, chooserFor({ strategy: 'random', seed: i * 7919, switchLog2: 6, hotLog2: 1, hold: 0 }, RACE));
      if (r.violation === null) continue;
      conflict++;
      const again = runScenario(fns, RACE, explicitChooser(r.schedule));
      if (again.violation?.message === r.violation.message && again.steps === r.steps) replayed++;
    }
    // measured: plain 0.13%, conflict-directed 1.1% of schedules (this seed set). Before the producer's
    // allocation ran memcg_list_lru_alloc() (more conflicting accesses per add), plain 0.22% and, with
    // hotLog2 0 and hold 16, 3.5%; with those, now 0.13%: switching at every conflict no longer pays here
    expect(conflict).toBeGreaterThan(25);
    expect(conflict).toBeGreaterThan(4 * Math.max(plain, 1));
    expect(replayed).toBe(conflict);
  });
});
