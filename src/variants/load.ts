/**
 * Resolving `--variant`: a built-in name, or the path of a module (JavaScript: .js or .mjs) whose
 * default export (or export named `variant`) is a Variant. Anything wrong with the file (missing, fails
 * to import, throws at import, exports no variant, overrides an unknown function) is one VariantError.
 * Workers load the same file by its absolute path.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  return { name: o.name, summary: typeof o.summary === 'string' ? o.summary : '', expect: o.expect!, overrides: o.overrides };
}

export async function loadVariantFile(path: string): Promise<Variant> {
  const file = resolve(path);
  if (!existsSync(file)) throw new VariantError(`variant file ${path} does not exist`);
  if (file.endsWith('.ts')) throw new VariantError(`variant file ${path}: TypeScript variant files are not supported yet; compile it to .js or .mjs`);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
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
