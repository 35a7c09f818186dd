/** Replay round trip: fail, take the printed reproduce line, replay it, get the same trace and message. */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { replayToken } from '../../src/api/replay.js';
import { findVariant } from '../../src/variants/registry.js';
import { decodeToken, encodeToken, TokenError } from '../../src/sched/token.js';

describe('replay', () => {
  it.each(['free-without-wait', 'free-without-grace-period'])('reproduces %s from the printed line, byte for byte', async (name) => {
    const r = check({ variant: findVariant(name)!, runs: 2000, seed: 3, strategy: 'random' });
    const f = r.failure!;
    const line = f.text.split('\n').at(-1)!;
    const token = /^reproduce: npx shrinkrace replay (\S+)$/.exec(line)![1];
    const a = await replayToken(token);
    const b = await replayToken(token);
    expect(a.text).toBe(f.text);
    expect(b.text).toBe(a.text);
    expect(a.run.violation?.message).toBe(f.message);
    expect(a.replay.schedule).toEqual(f.schedule);
  });

  it('refuses a token naming an unknown variant', async () => {
    const f = check({ variant: findVariant('free-without-wait')!, runs: 2000, seed: 3, strategy: 'random' }).failure!;
    const t = encodeToken({ ...decodeToken(f.token), variant: 'no-such-design' });
    await expect(replayToken(t)).rejects.toThrow(TokenError);
  });
});
