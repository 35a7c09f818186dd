/**
 * Scenario edits keep every other actor's steps: ids renumbered (flushes with their actor), an
 * operation's picks dropped, merged actors' picks joined; and the follow chooser replays picks.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import { DEFAULT_SCENARIO } from '../../src/model/scenario.js';
import { explicitChooser } from '../../src/sched/explicit.js';
import { followChooser, recordingChooser } from '../../src/sched/follow.js';
import { mergeActors, removeActor, removeOp, renumber } from '../../src/search/scenario-edits.js';
import { locklessFns } from '../../src/kernel/index.js';

describe('scenario edits', () => {
  it('renumber: later actors and the RCU runner move down one; flushes move with their actor', () => {
    // 3 actors (0..2), runner 3, flushes from 4: actor 1's are 8..11
    expect([0, 1, 2, 3].map((id) => renumber(id, 3, 1))).toEqual([0, -1, 1, 2]);
    expect(renumber(8, 3, 1)).toBe(-1);
    expect(renumber(13, 3, 1)).toBe(3 + 1 * 4 + 1); // actor 2's second flush becomes actor 1's
    expect(renumber(5, 3, 1)).toBe(3 + 0 * 4 + 1);
  });

  it('removeActor drops its picks; removeOp drops the picks of that operation only', () => {
    const s = { ...DEFAULT_SCENARIO, reclaimers: [], expanders: [], unregisterers: [] }; // two producers, runner 2
    expect(removeActor(s, [0, 1, 1, 0, 2], 0).picks).toEqual([0, 0, 1]);
    expect(removeActor(s, [0, 1, 1, 0, 2], 0).s.producers).toEqual([s.producers[1]]);
    const e = removeOp(s, [0, 1, 0, 0, 1, 0, 2], 0, 1, [1, 3]);
    expect(e.picks).toEqual([0, 1, 1, 0, 2]);
    expect(e.s.producers[0]).toEqual([s.producers[0][0], s.producers[0][2]]);
  });

  it('mergeActors appends the second actor\'s operations and gives it the picks, less its first', () => {
    const s = { ...DEFAULT_SCENARIO, reclaimers: [], expanders: [], unregisterers: [] };
    const e = mergeActors(s, [0, 0, 1, 1, 2], 0, 1);
    expect(e.s.producers).toEqual([[...s.producers[0], ...s.producers[1]]]);
    expect(e.picks).toEqual([0, 0, 0, 1]);
  });

  it('following a run\'s own picks replays it step for step', () => {
    const picks: number[] = [];
    const a = runScenario(locklessFns, DEFAULT_SCENARIO, recordingChooser(explicitChooser([0, 3, 0, 2, 5, 1, 0, 4]), picks));
    for (const mode of ['skip', 'defer'] as const) {
      const b = runScenario(locklessFns, DEFAULT_SCENARIO, followChooser(picks, mode));
      expect(b.schedule).toEqual(a.schedule);
    }
  });
});
