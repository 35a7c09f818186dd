/**
 * Replay round trip: fail, take the printed reproduce line, replay it, get the same trace and message.
 * For a variant file, the token carries its source: the replay is the same bytes after the file has
 * moved, changed or gone (with a note when it has changed or gone), and a loop that never yields in it
 * is a liveness violation naming the file and line, whose token replays like any other.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { replayToken } from '../../src/api/replay.js';
import { findVariant } from '../../src/variants/registry.js';
import { loadVariant } from '../../src/variants/load.js';
import { decodeToken, encodeToken, TokenError } from '../../src/sched/token.js';
import { bundleHash, bundleSpec } from '../../src/sched/variant-bundle.js';

const tokenOf = (text: string): string => /^reproduce: npx shrinkrace replay (\S+)$/.exec(text.split('\n').at(-1)!)![1];

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'shrinkrace-replay-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** spins.ts, with its loop moved into a helper file it imports: the token must carry both */
const SPINS = readFileSync(new URL('../fixtures/spins.ts', import.meta.url), 'utf8');
const SPINS_MAIN = SPINS.replace("import { defineVariant, memcg_shrinker_get } from 'shrinkrace';", "import { defineVariant, memcg_shrinker_get } from 'shrinkrace';\nimport { waitForever } from './helpers/wait.js';")
  .replace('while (true) {}', 'return waitForever();');
const SPINS_HELPER = '// spins on a plain read: never yields\nexport function waitForever(): number {\n  let x = 0;\n  while (x >= 0) x = (x + 1) % 7;\n  return x;\n}\n';

describe('replay', () => {
  it.each(['free-without-wait', 'free-without-grace-period'])('reproduces %s from the printed line, byte for byte', async (name) => {
    const r = check({ variant: findVariant(name)!, runs: 2000, seed: 3, strategy: 'random' });
    const f = r.failure!;
    const token = tokenOf(f.text);
    const a = await replayToken(token);
    const b = await replayToken(token);
    expect(a.text).toBe(f.text);
    expect(b.text).toBe(a.text);
    expect(a.run.violation?.message).toBe(f.message);
    expect(a.replay.schedule).toEqual(f.schedule);
    expect(a.notes).toEqual([]);
  }, 60_000);

  it('refuses a token naming an unknown variant', async () => {
    const f = check({ variant: findVariant('free-without-wait')!, runs: 2000, seed: 3, strategy: 'random' }).failure!;
    const t = encodeToken({ ...decodeToken(f.token), variant: 'no-such-design' });
    await expect(replayToken(t)).rejects.toThrow(TokenError);
  }, 60_000);

  it('catches a variant file loop that never yields as liveness, naming file and line, and replays it', async () => {
    const t0 = performance.now();
    const { variant } = await loadVariant(new URL('../fixtures/spins.ts', import.meta.url).pathname);
    const r = check({ variant, runs: 200, seed: 1, strategy: 'random' });
    expect(performance.now() - t0).toBeLessThan(10_000);
    const f = r.failure!;
    expect(f.invariant).toBe('liveness');
    expect(f.message).toMatch(/^livelock: the loop at spins\.ts:12 ran /);
    expect(f.text.split('\n')[0]).toMatch(/^VIOLATION liveness \(variant spins\.ts@[0-9a-f]{8}, memory sc\)$/);
    expect(f.text).not.toContain(tmpdir());
    const again = await replayToken(f.token);
    expect(again.text).toBe(f.text);
    expect(again.notes).toEqual([]);
  }, 60_000);

  it('replays a variant file the same, byte for byte, after it is moved, edited or deleted', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'design', 'helpers'), { recursive: true });
    const main = join(dir, 'design', 'spins.ts');
    writeFileSync(main, SPINS_MAIN);
    writeFileSync(join(dir, 'design', 'helpers', 'wait.ts'), SPINS_HELPER);
    const { variant } = await loadVariant(main);
    expect(variant.bundle!.files.map(([k]) => k)).toEqual(['helpers/wait.ts', 'spins.ts']);
    const f = check({ variant, runs: 200, seed: 1, strategy: 'random' }).failure!;
    expect(f.message).toMatch(/^livelock: the loop at helpers\/wait\.ts:4 ran /);
    expect(decodeToken(f.token).bundle).toEqual(variant.bundle);
    const hash = variant.bundle!.sha256.slice(0, 8);

    expect((await replayToken(f.token)).notes).toEqual([]);

    // edited: the helper no longer spins; the replay still runs the source the token carries
    writeFileSync(join(dir, 'design', 'helpers', 'wait.ts'), 'export function waitForever(): number {\n  return 0;\n}\n');
    const edited = await replayToken(f.token);
    expect(edited.text).toBe(f.text);
    expect(edited.notes).toEqual([`note: ${main} has changed since this token was made; replaying the source the token carries (sha256 ${hash})`]);

    // moved: nothing at the recorded path (a token cannot tell moved from deleted)
    renameSync(join(dir, 'design'), join(dir, 'elsewhere'));
    const moved = await replayToken(f.token);
    expect(moved.text).toBe(f.text);
    expect(moved.notes).toEqual([`note: ${main} does not exist (moved, deleted, or made in another directory); replaying the source the token carries (sha256 ${hash})`]);

    // deleted
    rmSync(join(dir, 'elsewhere'), { recursive: true });
    const deleted = await replayToken(f.token);
    expect(deleted.text).toBe(f.text);
    expect(deleted.notes).toEqual(moved.notes);
  }, 60_000);

  it('names a file variant by its base name and hash, so the text is the same from any directory', async () => {
    const a = join(tempDir(), 'spins.ts');
    const b = join(tempDir(), 'spins.ts');
    copyFileSync(new URL('../fixtures/spins.ts', import.meta.url), a);
    copyFileSync(new URL('../fixtures/spins.ts', import.meta.url), b);
    const fa = check({ variant: (await loadVariant(a)).variant, runs: 200, seed: 1, strategy: 'random' }).failure!;
    const fb = check({ variant: (await loadVariant(b)).variant, runs: 200, seed: 1, strategy: 'random' }).failure!;
    const strip = (t: string) => t.split('\n').slice(0, -1).join('\n'); // all but the reproduce line (the token holds the path as given)
    expect(strip(fa.text)).toBe(strip(fb.text));
    expect((await replayToken(fb.token)).text).toBe(fb.text);
  }, 60_000);

  it('guards a JavaScript (.mjs) variant file too', async () => {
    const file = join(tempDir(), 'spins.mjs');
    writeFileSync(file, "export default {\n  name: 'spins-js',\n  expect: { kind: 'violates', invariant: 'liveness' },\n  overrides: {\n    *shrink_slab() {\n      yield;\n      for (let i = 0; i >= 0; i = (i + 1) % 5) {}\n    },\n  },\n};\n");
    const f = check({ variant: (await loadVariant(file)).variant, runs: 200, seed: 1, strategy: 'random' }).failure!;
    expect(f.invariant).toBe('liveness');
    expect(f.message).toMatch(/^livelock: the loop at spins\.mjs:7 ran /);
    expect((await replayToken(f.token)).text).toBe(f.text);
  }, 60_000);

  it('turns a carried source that does not load into one TokenError line', async () => {
    const files = [['broken.ts', 'export default {\n  name: "broken",\n  overrides: { *shrink_slab( {} },\n};\n']] as const;
    const bundle = { entry: 'broken.ts', files, links: [], path: './broken.ts', sha256: bundleHash('broken.ts', files) };
    const f = check({ variant: findVariant('free-without-wait')!, runs: 2000, seed: 3, strategy: 'random' }).failure!;
    const t = encodeToken({ ...decodeToken(f.token), variant: bundleSpec(bundle), bundle });
    const err = await replayToken(t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect((err as Error).message).toMatch(/^replay token names variant "broken\.ts@[0-9a-f]{8}": variant file \.\/broken\.ts does not compile: .* \(broken\.ts:3\)$/);
  }, 60_000);

  it('refuses a token that names a variant file without carrying it (made before tokens carried sources)', async () => {
    const f = check({ variant: findVariant('free-without-wait')!, runs: 2000, seed: 3, strategy: 'random' }).failure!;
    const t = encodeToken({ ...decodeToken(f.token), variant: '/home/someone/my-variant.ts' });
    await expect(replayToken(t)).rejects.toThrow(/does not carry its source \(made by an older shrinkrace\)/);
  }, 60_000);
});
