/** Progress: a bar that rewrites itself on a TTY, plain lines (one per tenth, or per update) otherwise, nothing when quiet. */
import { describe, expect, it } from 'vitest';
import { progress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, s: { isTTY, columns: 200, write: (x: string) => (writes.push(x), true) } as unknown as NodeJS.WriteStream };
}

describe('progress', () => {
  it('prints one plain line per tenth of the work (from 0% to 100%) when not a TTY', () => {
    const { writes, s } = stream(false);
    const p = progress('check x', { stream: s });
    for (let i = 1; i <= 1000; i++) p.update(i, 1000);
    p.done();
    expect(writes.map((w) => Number(/: (\d+)%/.exec(w)![1]))).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes.at(-1)).toMatch(/^check x: 100% \(1000\/1000 runs/);
  });

  it('prints every update in plain mode when asked (few, slow rows)', () => {
    const { writes, s } = stream(false);
    const p = progress('validate', { stream: s, unit: 'rows', everyUpdate: true });
    for (let i = 1; i <= 3; i++) p.update(i, 3, `row ${i}`);
    expect(writes.map((w) => w.trim())).toEqual([expect.stringMatching(/1\/3 rows.*row 1$/), expect.stringMatching(/2\/3 rows.*row 2$/), expect.stringMatching(/3\/3 rows.*row 3$/)]);
  });

  it('rewrites one line with a bar on a TTY and clears it when done', () => {
    const { writes, s } = stream(true);
    const p = progress('stress', { stream: s, unit: 's' });
    p.update(5, 10);
    p.done();
    expect(writes[0]).toMatch(/^\r\x1b\[2Kstress \[#{12}\.{12}\] 50% 5\.0\/10s/);
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('is silent when quiet, and for the old { isTTY: false } form', () => {
    const { writes, s } = stream(false);
    for (const p of [progress('x', { quiet: true, stream: s }), progress('x', { isTTY: false } as NodeJS.WriteStream)]) {
      p.update(1, 1);
      p.done();
    }
    expect(writes).toHaveLength(0);
  });
});
