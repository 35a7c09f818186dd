/**
 * Help is generated from each command's option table: every command answers --help (exit 0) with
 * every flag it accepts and the exit codes; --version prints package.json's version; the README's
 * synopsis lists every flag of every command, and names only files that exist in the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH } from '../../src/cli/bench-cmd.js';
import { CHECK } from '../../src/cli/check-cmd.js';
import { LITMUS } from '../../src/cli/litmus-cmd.js';
import { MERGE } from '../../src/cli/merge-cmd.js';
import { REPLAY } from '../../src/cli/replay-cmd.js';
import { STRESS } from '../../src/cli/stress-cmd.js';
import { VALIDATE } from '../../src/cli/validate-cmd.js';
import { VARIANTS_CMD } from '../../src/cli/variants-cmd.js';
import type { CommandSpec } from '../../src/cli/options.js';
import { ROOT, shrinkrace } from '../helpers/cli.js';

const SPECS: CommandSpec[] = [CHECK, STRESS, REPLAY, VALIDATE, BENCH, LITMUS, VARIANTS_CMD, MERGE];
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('help', () => {
  it.each(SPECS.map((s) => [s.name, s] as const))('%s --help lists every option and the exit codes', (name, spec) => {
    const r = shrinkrace([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^usage: shrinkrace ${name}`));
    for (const flag of Object.keys(spec.options)) expect(r.out).toContain(`--${flag}`);
    for (const code of ['0 ', '1 ', '2 ', '3 ', '130 ']) expect(r.out).toContain(`\n  ${code}`);
    expect(shrinkrace(['help', name]).out).toBe(r.out);
  });

  it('--version, and the global help names every command', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(shrinkrace(['--version']).out.trim()).toBe(pkg.version);
    const h = shrinkrace(['--help']);
    expect(h.code).toBe(0);
    for (const s of SPECS) expect(h.out).toContain(`  ${s.name} `);
    expect(h.out).toContain('3    harness error');
  });
});

describe('README', () => {
  // the synopsis block; a line ending in a backslash continues on the next
  const synopsis = (/```sh\n(npx shrinkrace check[\s\S]*?)```/.exec(README)?.[1] ?? '').replace(/\\\n\s*/g, ' ');

  it.each(SPECS.map((s) => [s.name, s] as const))('its synopsis lists every flag of %s', (name, spec) => {
    const line = synopsis.split('\n').find((l) => l.startsWith(`npx shrinkrace ${name} `) || l === `npx shrinkrace ${name}`);
    expect(line, `a synopsis line for ${name}`).toBeDefined();
    for (const flag of Object.keys(spec.options)) expect(line).toContain(`--${flag}`);
  });

  it('names only files that exist in the repository', () => {
    // every path-like mention (a folder of the repository, then a path), skipping placeholders (<run-id>, validate-*)
    const paths = [...README.matchAll(/(?<![\w/.])((?:src|test|workers|properties|reports|\.ci)\/[\w.\/-]*[\w/])(?![\w*<-])/g)].map((m) => m[1]);
    expect(README).not.toMatch(/\.\.\/shared|000_|002_/);
    expect(paths.length).toBeGreaterThan(5);
    for (const p of paths) {
      expect(existsSync(join(ROOT, p)), `${p} exists`).toBe(true);
    }
  });
});
