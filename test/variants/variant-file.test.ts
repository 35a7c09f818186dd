/** A user's variant file, written from the README's example, runs with --variant PATH (TypeScript). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('variant files', () => {
  it('the README example is the fixture, word for word', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../fixtures/readme-example.ts', import.meta.url), 'utf8').trim();
    expect(readme).toContain(example);
  });

  it('check --variant ./file.ts runs it, finds its lost bit, and the token replays it', () => {
    const r = run('check', '--variant', 'test/fixtures/readme-example.ts', '--json');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.variant).toBe('my-no-recheck');
    expect(j.violation.invariant).toBe('lost-bit');
    const again = run('replay', j.violation.replay);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('VIOLATION lost-bit (variant ');
  }, 120_000);
});
