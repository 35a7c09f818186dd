/**
 * RCU emulation: a grace period waits for every reader that entered its section before the grace
 * period started, and for no reader that entered after. Checked against a direct oracle over
 * generated event sequences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { testKernel } from '../helpers/kernel.js';
import { grace_period_elapsed, rcu_enter_atomic, rcu_exit_atomic, rcu_read_lock, rcu_read_unlock, start_grace_period } from '../../src/sync/rcu.js';
import { spin_lock, spin_unlock } from '../../src/sync/mutex.js';
import { kalloc } from '../../src/model/arena.js';
import { ONE_LOCK, T_LRU_ONE } from '../../src/model/layout.js';
import { weak } from '../../src/memory/weak.js';
import { WRITE_ONCE } from '../../src/sync/access.js';
import { runAlone } from '../../src/actors/setup.js';

const ACTORS = 4;


type Ev = { kind: 'lock' | 'unlock' | 'spin' | 'unspin' | 'gp'; actor: number };
const evArb = fc.record({ kind: fc.constantFrom('lock' as const, 'unlock' as const, 'spin' as const, 'unspin' as const, 'gp' as const), actor: fc.nat({ max: ACTORS - 1 }) });

describe('RCU grace periods', () => {
  it('a grace period waits exactly for the readers that were inside a section (rcu_read_lock or a spinlock held) when it started', () => {
    fc.assert(fc.property(fc.array(evArb, { maxLength: 60 }), (events) => {
      const k = testKernel({ actors: ACTORS }, []);
      const depth = new Array(ACTORS).fill(0);
      const spins = new Array(ACTORS).fill(0);
      const inside = (a: number): boolean => depth[a] > 0 || spins[a] > 0;
      /** oracle: for each grace period, the actors it must wait for (inside a section at its start) */
      const gps: { g: number; waitFor: Set<number> }[] = [];
      for (const ev of events) {
        k.actor = ev.actor;
        if (ev.kind === 'lock') {
          runAlone(rcu_read_lock(k));
          depth[ev.actor]++;
        } else if (ev.kind === 'unlock' && depth[ev.actor] > 0) {
          runAlone(rcu_read_unlock(k));
          depth[ev.actor]--;
          if (!inside(ev.actor)) for (const gp of gps) gp.waitFor.delete(ev.actor);
        } else if (ev.kind === 'spin') {
          rcu_enter_atomic(k);
          spins[ev.actor]++;
        } else if (ev.kind === 'unspin' && spins[ev.actor] > 0) {
          rcu_exit_atomic(k);
          spins[ev.actor]--;
          if (!inside(ev.actor)) for (const gp of gps) gp.waitFor.delete(ev.actor);
        } else if (ev.kind === 'gp') {
          gps.push({ g: start_grace_period(k), waitFor: new Set(depth.flatMap((_, a) => (inside(a) ? [a] : []))) });
        }
        for (const gp of gps) expect(grace_period_elapsed(k, gp.g)).toBe(gp.waitFor.size === 0);
      }
    }), { numRuns: 2000 });
  });

  it('a reader entering after the grace period started does not hold it up', () => {
    const k = testKernel({ actors: ACTORS }, []);
    const g = start_grace_period(k);
    k.actor = 2;
    runAlone(rcu_read_lock(k));
    expect(grace_period_elapsed(k, g)).toBe(true);
    const g2 = start_grace_period(k);
    expect(grace_period_elapsed(k, g2)).toBe(false);
    runAlone(rcu_read_unlock(k));
    expect(grace_period_elapsed(k, g2)).toBe(true);
  });

  it('nested sections keep the outermost snapshot until the last unlock', () => {
    const k = testKernel({ actors: ACTORS }, []);
    runAlone(rcu_read_lock(k));
    const g = start_grace_period(k);
    runAlone(rcu_read_lock(k));
    runAlone(rcu_read_unlock(k));
    expect(grace_period_elapsed(k, g)).toBe(false);
    runAlone(rcu_read_unlock(k));
    expect(grace_period_elapsed(k, g)).toBe(true);
  });

  it('spin_lock() enters a read-side section before it spins, spin_unlock() leaves it with the lock', () => {
    const k = testKernel({ actors: ACTORS }, []);
    const l = kalloc(k, T_LRU_ONE);
    k.actor = 1;
    const g0 = start_grace_period(k);
    runAlone(spin_lock(k, l, ONE_LOCK, 'spin_lock(&l->lock)'));
    const g = start_grace_period(k);
    expect(grace_period_elapsed(k, g0)).toBe(true); // began before the lock was taken
    expect(grace_period_elapsed(k, g)).toBe(false);
    runAlone(spin_unlock(k, l, ONE_LOCK, 'spin_unlock(&l->lock)'));
    expect(grace_period_elapsed(k, g)).toBe(true);
  });

  it('(weak memory) rcu_read_unlock() does not wait for the section\'s stores; a grace period the section overlapped does', () => {
    const k = testKernel({ actors: ACTORS }, []);
    const mm = weak(k, ACTORS);
    k.mm = mm;
    const l = kalloc(k, T_LRU_ONE);
    k.actor = 0;
    runAlone(rcu_read_lock(k));
    const g = start_grace_period(k);
    runAlone(WRITE_ONCE(k, l, ONE_LOCK + 1, 5, '@->x'));
    runAlone(rcu_read_unlock(k)); // runAlone fails if it blocks: no wait for the buffered store
    expect(mm.pending()).toBe(1);
    expect(grace_period_elapsed(k, g)).toBe(false); // the section has ended, its store has not landed
    const later = start_grace_period(k);
    runAlone(WRITE_ONCE(k, l, ONE_LOCK + 2, 6, '@->y')); // outside any section: holds up no grace period
    const ids: number[] = [];
    mm.flushable(ids);
    mm.flush(ids[0]);
    expect(grace_period_elapsed(k, g)).toBe(true);
    expect(grace_period_elapsed(k, later)).toBe(true);
    expect(mm.pending()).toBe(1);
  });
});
