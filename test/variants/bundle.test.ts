/**
 * Variant files as bundles: a file and the files it imports by relative specifiers are read once and
 * loaded from memory (never from disk again), cycles are refused, and every loop in them carries the
 * per-step loop guard (TypeScript and JavaScript alike), whose trip names the file and line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { isViolation } from '../../src/model/violation.js';
import { loadVariantBundle, loadVariantFile, VariantError } from '../../src/variants/load.js';
import { readVariantBundle } from '../../src/variants/bundle-read.js';
import { loopGuardTransformer } from '../../src/variants/loop-guard-transform.js';
import { loopGuard } from '../../src/sync/loop-guard.js';
import { loadVariant } from '../../src/variants/load.js';
import { variantOf } from '../../workers/variant-of.js';

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkrace-bundle-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const WITH_HELPER = {
  'my-variant.ts': `import { defineVariant } from 'shrinkrace';
import { twice } from './helpers/twice.js';
import { LABEL } from './helpers/label.mjs';

export default defineVariant({
  name: 'with-helper',
  summary: LABEL + twice(21),
  expect: { kind: 'passes' },
  overrides: {},
});
`,
  'helpers/twice.ts': `import { LABEL } from './label.mjs';
export const twice = (n: number): number => (LABEL.length > 0 ? 2 * n : 0);
`,
  'helpers/label.mjs': `export const LABEL = 'helper says ';
`,
};

/** run an override's generator until it returns or throws; what it threw */
function runOverride(fn: (...a: unknown[]) => Generator, ...args: unknown[]): unknown {
  loopGuard.n = 0;
  try {
    const g = fn(...args);
    while (!g.next().done);
  } catch (e) {
    return e;
  }
  return null;
}

describe('variant bundles', () => {
  it('carry the files a variant imports by relative specifiers, and load without the disk', async () => {
    const dir = tempDir(WITH_HELPER);
    const b = await readVariantBundle(join(dir, 'my-variant.ts'));
    expect(b.entry).toBe('my-variant.ts');
    expect(b.files.map(([k]) => k)).toEqual(['helpers/label.mjs', 'helpers/twice.ts', 'my-variant.ts']);
    expect(b.links).toEqual([]);
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    rmSync(dir, { recursive: true });
    const v = await loadVariantBundle(b);
    expect(v.summary).toBe('helper says 42');
    expect(v.bundle).toBe(b);
  }, 60_000);

  it('hand workers the bytes that were read (and the module compiled from them), not the file as it is now', async () => {
    const dir = tempDir(WITH_HELPER);
    const { variant, ref } = await loadVariant(join(dir, 'my-variant.ts'));
    expect(ref.bundle).toBe(variant.bundle);
    expect(ref.module).toMatch(/^data:text\/javascript;base64,/);
    writeFileSync(join(dir, 'helpers', 'label.mjs'), "export const LABEL = 'edited during the run ';\n");
    const clone = structuredClone(ref); // what a worker thread receives
    expect((await variantOf(clone)).summary).toBe('helper says 42');
    expect((await loadVariantBundle(structuredClone(ref.bundle!))).summary).toBe('helper says 42'); // compiled again from the bundle alone
    expect(await variantOf(clone)).toBe(await variantOf(clone)); // once per sha256
  }, 60_000);

  it('hash what runs, not where it was: the same files in another directory give the same sha256', async () => {
    const a = await readVariantBundle(join(tempDir(WITH_HELPER), 'my-variant.ts'));
    const b = await readVariantBundle(join(tempDir(WITH_HELPER), 'my-variant.ts'));
    expect(b.path).not.toBe(a.path);
    expect(b.sha256).toBe(a.sha256);
    const c = await readVariantBundle(join(tempDir({ ...WITH_HELPER, 'helpers/label.mjs': "export const LABEL = 'changed ';\n" }), 'my-variant.ts'));
    expect(c.sha256).not.toBe(a.sha256);
  }, 60_000);

  it('refuse a cycle of relative imports, and a missing import, with one line', async () => {
    const dir = tempDir({
      'a.ts': "import { b } from './b.js';\nexport const a = 1;\nexport default { name: 'a', expect: { kind: 'passes' }, overrides: {}, b };\n",
      'b.ts': "import { c } from './sub/c.js';\nexport const b = c;\n",
      'sub/c.ts': "import { a } from '../a.js';\nexport const c = a;\n",
      'missing.ts': "import { x } from './nowhere.js';\nexport default x;\n",
    });
    await expect(loadVariantFile(join(dir, 'a.ts'))).rejects.toThrow(new VariantError(`variant file ${join(dir, 'a.ts')}: its relative imports form a cycle (a.ts -> b.ts -> sub/c.ts -> a.ts); a variant's files must not import each other in a cycle`));
    await expect(loadVariantFile(join(dir, 'missing.ts'))).rejects.toThrow(/missing\.ts imports "\.\/nowhere\.js", which does not exist$/);
    await expect(loadVariantFile(join(dir, 'nope.ts'))).rejects.toThrow(/nope\.ts does not exist$/);
  }, 60_000);

  it('refuse a bundle whose files do not match its sha256', async () => {
    const b = await readVariantBundle(join(tempDir(WITH_HELPER), 'my-variant.ts'));
    const tampered = { ...b, files: b.files.map(([k, t]) => [k, t.replace('2 * n', '3 * n')] as const) };
    await expect(loadVariantBundle(tampered)).rejects.toThrow(/its bundle is damaged: its files do not match its sha256$/);
  }, 60_000);

  it('guard every loop of a TypeScript variant, in generators and nested functions, naming file and line', async () => {
    const dir = tempDir({
      'loops.ts': `import { defineVariant } from 'shrinkrace';
function spinIn(kind: number, xs: number[]): number {
  let n = 0;
  if (kind === 0) for (;;) n++;
  if (kind === 1) while (xs.length > 0) n++;
  if (kind === 2) do { n++; } while (xs.length > 0);
  if (kind === 3) { const ys = [1]; for (const y of ys) ys.push(y); }
  if (kind === 4) { const o: Record<string, number> = { a: 1 }; for (const k in o) o[k + 'x'] = 1; }
  return n;
}
export default defineVariant({
  name: 'loops',
  summary: '',
  expect: { kind: 'violates', invariant: 'liveness' },
  overrides: {
    *shrink_slab(k, nid, memcg, priority) {
      yield;
      const inner = () => { while (priority >= 0) {} };
      if (nid === 9) inner();
      return spinIn(nid, [1]);
    },
  },
});
`,
    });
    const v = await loadVariantFile(join(dir, 'loops.ts'));
    const lines: Record<number, number> = { 0: 4, 1: 5, 2: 6, 3: 7, 9: 18 };
    for (const [nid, line] of Object.entries(lines)) {
      const e = runOverride(v.overrides.shrink_slab as never, null, Number(nid), 0, 0);
      expect(isViolation(e), `nid ${nid}`).toBe(true);
      expect((e as Error).message).toContain(`the loop at loops.ts:${line} ran`);
      expect((e as { invariant: string }).invariant).toBe('liveness');
    }
    // for-in over a growing object: V8 does not visit keys added during the loop, so it ends; still guarded
    expect(runOverride(v.overrides.shrink_slab as never, null, 4, 0, 0)).toBeNull();
  }, 60_000);

  it('guard a JavaScript (.mjs) variant too', async () => {
    const dir = tempDir({
      'spins.mjs': `export default {
  name: 'spins-js',
  expect: { kind: 'violates', invariant: 'liveness' },
  overrides: {
    *shrink_slab() {
      yield;
      let x = 0;
      while (x >= 0) x = (x + 1) % 3;
    },
  },
};
`,
    });
    const v = await loadVariantFile(join(dir, 'spins.mjs'));
    const e = runOverride(v.overrides.shrink_slab as never);
    expect(isViolation(e)).toBe(true);
    expect((e as Error).message).toMatch(/^livelock: the loop at spins\.mjs:8 ran .* within one step without yielding/);
  }, 60_000);

  it('insert the guard with the compiler API: every loop kind, the prologue once, nothing else changed', () => {
    const src = 'for (;;) a();\nwhile (b) {}\ndo c(); while (d);\nfor (const x of y) {}\nfor (const k in o) { e(k); }\nconst f = () => 1;\n';
    const out = ts.transpileModule(src, { fileName: 'm.mjs', compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }, transformers: { before: [loopGuardTransformer(ts, 'm.mjs')] } }).outputText;
    expect(out.match(/import \{ loopGuard as __sr_lg(_\d+)? \} from "shrinkrace";/g)).toHaveLength(1);
    for (const line of [1, 2, 3, 4, 5]) expect(out).toContain(`.trip("m.mjs:${line}")`);
    expect(out.match(/\.trip\(/g)).toHaveLength(5);
    const none = ts.transpileModule('export const f = () => 1;\n', { fileName: 'n.mjs', compilerOptions: { module: ts.ModuleKind.ESNext }, transformers: { before: [loopGuardTransformer(ts, 'n.mjs')] } }).outputText;
    expect(none).not.toContain('loopGuard');
  }, 60_000);

  it('name the file and the line as written in stack frames of errors thrown by variant code', async () => {
    const dir = tempDir({
      'throws.ts': `import { defineVariant } from 'shrinkrace';

interface Unused { a: number }
type Also = string;

const multi = \`one
two\`;

export default defineVariant({
  name: 't',
  summary: multi,
  expect: { kind: 'passes' },
  overrides: {
    *shrink_slab(k, nid) {
      yield;
      for (let i = 0; i < 2; i++) if (nid < 0) return 0;
      const none = null as unknown as { x: number };
      return none.x; // line 18
    },
  },
});
`,
    });
    const v = await loadVariantFile(join(dir, 'throws.ts'));
    expect(v.summary).toBe('one\ntwo');
    // V8's own formatting, as the CLI prints it (vitest installs an Error.prepareStackTrace of its own)
    const E = Error as { prepareStackTrace?: unknown };
    const mine = E.prepareStackTrace;
    E.prepareStackTrace = undefined;
    try {
      const e = runOverride(v.overrides.shrink_slab as never, null, 1) as Error;
      expect(e).toBeInstanceOf(TypeError);
      expect(e.stack!.split('\n')[1]).toMatch(/^\s+at .*shrink_slab \(throws\.ts:18:\d+\)$/);
    } finally {
      E.prepareStackTrace = mine;
    }
  }, 60_000);
});
