/**
 * RCU emulation: a grace period waits for every reader that entered its section before the grace
 * period started, and for no reader that entered after. Checked against a direct oracle over
 * generated event sequences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { testKernel } from '../helpers/kernel.js';
import { grace_period_elapsed, rcu_read_lock, rcu_read_unlock, start_grace_period } from '../../src/sync/rcu.js';
import { runAlone } from '../../src/actors/setup.js';

const ACTORS = 4;


type Ev = { kind: 'lock' | 'unlock' | 'gp'; actor: number };
const evArb = fc.record({ kind: fc.constantFrom('lock' as const, 'unlock' as const, 'gp' as const), actor: fc.nat({ max: ACTORS - 1 }) });

describe('RCU grace periods', () => {
  it('a grace period waits exactly for the readers that were inside a section when it started', () => {
    fc.assert(fc.property(fc.array(evArb, { maxLength: 60 }), (events) => {
      const k = testKernel({ actors: ACTORS }, []);
      const depth = new Array(ACTORS).fill(0);
      /** oracle: for each grace period, the actors it must wait for (inside a section at its start) */
      const gps: { g: number; waitFor: Set<number> }[] = [];
      for (const ev of events) {
        k.actor = ev.actor;
        if (ev.kind === 'lock') {
          runAlone(rcu_read_lock(k));
          depth[ev.actor]++;
        } else if (ev.kind === 'unlock' && depth[ev.actor] > 0) {
          runAlone(rcu_read_unlock(k));
          if (--depth[ev.actor] === 0) for (const gp of gps) gp.waitFor.delete(ev.actor);
        } else if (ev.kind === 'gp') {
          gps.push({ g: start_grace_period(k), waitFor: new Set(depth.flatMap((d, a) => (d > 0 ? [a] : []))) });
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
});
