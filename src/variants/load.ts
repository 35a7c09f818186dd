/**
 * Resolving `--variant`: a built-in name, or the path of a module (TypeScript .ts, or JavaScript .js or
 * .mjs) whose default export (or export named `variant`) is a Variant. The file is read, transpiled if it
 * is TypeScript (the TypeScript compiler, no type check), its imports of 'shrinkrace' pointed at this
 * package and its relative imports at absolute paths, and imported from memory: it works from any
 * directory, on the main thread and in workers alike, and nothing is written to disk. Anything wrong
 * with the file (missing, fails to compile or import, throws at import, exports no variant, overrides
 * an unknown function) is one VariantError.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findVariant, VARIANTS } from './registry.js';
import { locklessFns } from './lockless/index.js';
import type { Variant } from './variant.js';

export class VariantError extends Error {
  override name = 'VariantError';
}

/** Where a variant comes from: a built-in name, or a module file (absolute path). */
export interface VariantRef {
  name: string;
  path?: string;
}

export const looksLikePath = (spec: string): boolean => /[/\\]/.test(spec) || /\.(m?js|ts)$/.test(spec);

/** dist/src/index.js (also when this module runs from the TypeScript sources, under the tests) */
const here = fileURLToPath(import.meta.url);
const API = pathToFileURL(here.includes('/dist/') ? resolve(dirname(here), '../index.js') : resolve(dirname(here), '../../dist/src/index.js')).href;

function validate(v: unknown, file: string): Variant {
  const o = v as Partial<Variant> | undefined;
  if (!o || typeof o !== 'object') throw new VariantError(`${file} exports no variant (expected a default export or \`export const variant\`)`);
  if (typeof o.name !== 'string' || o.name === '') throw new VariantError(`${file}: the variant needs a non-empty string \`name\``);
  const e = o.expect as { kind?: string; invariant?: string } | undefined;
  if (!e || (e.kind !== 'passes' && !(e.kind === 'violates' && typeof e.invariant === 'string'))) {
    throw new VariantError(`${file}: \`expect\` must be { kind: 'passes' } or { kind: 'violates', invariant: '...' }`);
  }
  if (!o.overrides || typeof o.overrides !== 'object') throw new VariantError(`${file}: the variant needs an \`overrides\` object`);
  for (const [key, fn] of Object.entries(o.overrides)) {
    if (!(key in locklessFns)) throw new VariantError(`${file}: overrides unknown model function \`${key}\``);
    if (typeof fn !== 'function') throw new VariantError(`${file}: override \`${key}\` is not a function`);
  }
  return { name: o.name, summary: typeof o.summary === 'string' ? o.summary : '', expect: o.expect!, overrides: o.overrides, workloads: o.workloads };
}

/** The module's source as JavaScript with every import specifier made absolute. */
async function moduleSource(file: string): Promise<string> {
  let src = readFileSync(file, 'utf8');
  if (file.endsWith('.ts')) {
    const ts = (await import('typescript')).default;
    const out = ts.transpileModule(src, { fileName: file, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const err = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
    if (err) throw new VariantError(`variant file ${file} does not compile: ${ts.flattenDiagnosticMessageText(err.messageText, ' ')}`);
    src = out.outputText;
  }
  const base = pathToFileURL(file);
  return src.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g, (m, head: string, q: string, spec: string) => {
    if (spec === 'shrinkrace') return `${head}${q}${API}${q}`;
    if (spec.startsWith('./') || spec.startsWith('../')) return `${head}${q}${new URL(spec, base).href}${q}`;
    return m;
  });
}

export async function loadVariantFile(path: string): Promise<Variant> {
  const file = resolve(path);
  if (!existsSync(file)) throw new VariantError(`variant file ${path} does not exist`);
  let mod: Record<string, unknown>;
  try {
    const src = await moduleSource(file);
    mod = await import(`data:text/javascript;base64,${Buffer.from(src).toString('base64')}`);
  } catch (e) {
    if (e instanceof VariantError) throw e;
    throw new VariantError(`variant file ${path} failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return { ...validate(mod.default ?? mod.variant, path), source: file };
}

/** A built-in name or a file path; returns the variant and how a worker finds it again. */
export async function loadVariant(spec: string): Promise<{ variant: Variant; ref: VariantRef }> {
  if (looksLikePath(spec)) {
    const variant = await loadVariantFile(spec);
    return { variant, ref: { name: variant.name, path: variant.source } };
  }
  const v = findVariant(spec);
  if (v === undefined) throw new VariantError(`unknown variant "${spec}" (known: ${VARIANTS.map((x) => x.name).join(', ')}; or give a path to a variant file)`);
  return { variant: v, ref: { name: v.name } };
}
