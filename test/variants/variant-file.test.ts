/**
 * A user's variant file, written from the README's example, runs with --variant PATH (TypeScript), and
 * the token it prints carries its source: `replay` prints the same bytes after the file is edited, and
 * from another directory, with a note on stderr (never on stdout) when the file has changed or is not there.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../fixtures/readme-example.ts', import.meta.url));
/** runs in `cwd` (a temp directory: a failing check writes its report under ./reports) */
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'shrinkrace-variant-file-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('variant files', () => {
  it('the README example is the fixture, word for word', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(EXAMPLE, 'utf8').trim();
    expect(readme).toContain(example);
  });

  it('check --variant ./file.ts finds its lost bit, and the token replays it from anywhere, byte for byte', () => {
    const dir = tempDir();
    copyFileSync(EXAMPLE, join(dir, 'my-variant.ts'));
    const r = run(dir, 'check', '--variant', './my-variant.ts', '--json');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.variant).toBe('my-no-recheck');
    expect(j.violation.invariant).toBe('lost-bit');
    expect(j.violation.trace.split('\n')[0]).toMatch(/^VIOLATION lost-bit \(variant my-variant\.ts@[0-9a-f]{8}, memory sc\)$/);
    expect(j.violation.trace).not.toContain(dir);
    const token: string = j.violation.replay;
    const hash = /@([0-9a-f]{8})/.exec(j.violation.trace)![1];

    const same = run(dir, 'replay', token);
    expect(same.status).toBe(1);
    expect(same.stdout).toBe(j.violation.trace + '\n');
    expect(same.stderr).toBe('');

    // edited: the design no longer clears the bit; the token still runs the source it carries
    writeFileSync(join(dir, 'my-variant.ts'), readFileSync(EXAMPLE, 'utf8').replace("yield* clear_bit(k, offset, unit, UNIT_MAP, 'clear_bit'); ", ''));
    const edited = run(dir, 'replay', token);
    expect(edited.status).toBe(1);
    expect(edited.stdout).toBe(same.stdout);
    expect(edited.stderr).toBe(`note: ./my-variant.ts has changed since this token was made; replaying the source the token carries (sha256 ${hash})\n`);

    // another directory: no file at ./my-variant.ts there
    const elsewhere = run(tempDir(), 'replay', token);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stdout).toBe(same.stdout);
    expect(elsewhere.stderr).toMatch(/^note: \.\/my-variant\.ts does not exist \(moved, deleted, or made in another directory\); replaying the source the token carries \(sha256 [0-9a-f]{8}\)\n$/);
  }, 120_000);
});
