/**
 * Resolving `--variant`: a built-in name, or the path of a module (TypeScript .ts, or JavaScript .js or
 * .mjs) whose default export (or export named `variant`) is a Variant. A file is read into a bundle
 * (src/variants/bundle-read.ts: it and the files it imports by relative specifiers), and the bundle is
 * loaded (src/variants/bundle-load.ts: transpiled, loop-guarded, imported from data: URLs): one code
 * path, whether the bundle was just read, came from a replay token, or reached a worker thread. It works
 * from any directory, on the main thread and in workers alike, and nothing is written to disk. Anything
 * wrong with the file (missing, fails to compile or import, throws at import, exports no variant,
 * overrides an unknown function, imports itself in a cycle) is one VariantError.
 */
import { bundleProblem, rememberBundle, type VariantBundle } from '../sched/variant-bundle.js';
import { findVariant, VARIANTS } from './registry.js';
import { locklessFns } from '../kernel/index.js';
import { compiledModule, importBundle } from './bundle-load.js';
import { readVariantBundle } from './bundle-read.js';
import { VariantError } from './variant-error.js';
import type { Variant } from './variant.js';

export { VariantError };

/** How a worker thread finds a variant again: a built-in name, or a variant file's bundle (the same bytes). */
export interface VariantRef {
  name: string;
  bundle?: VariantBundle;
  /** the bundle's entry module as the sending thread compiled it (a data: URL), so a worker need not load the compiler */
  module?: string;
}

export function variantRefOf(v: Variant): VariantRef {
  if (v.bundle === undefined) return { name: v.name };
  const module = compiledModule(v.bundle);
  return { name: v.name, bundle: v.bundle, ...(module !== undefined && { module }) };
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
  return { name: o.name, summary: typeof o.summary === 'string' ? o.summary : '', expect: o.expect!, overrides: o.overrides, workloads: o.workloads };
}

/** A variant file: read it and its relative imports into a bundle, then load the bundle. */
export async function loadVariantFile(path: string): Promise<Variant> {
  return loadVariantBundle(await readVariantBundle(path));
}

/**
 * A variant from its bundle (a token's, or a worker's copy, with the module the sending thread compiled
 * from it): never reads the variant's files. Tokens made for the variant in this thread carry this
 * bundle (src/sched/variant-bundle.ts, rememberBundle).
 */
export async function loadVariantBundle(b: VariantBundle, module?: string): Promise<Variant> {
  const problem = bundleProblem(b);
  if (problem !== null) throw new VariantError(`variant file ${b.path}: its bundle is damaged: ${problem}`);
  const mod = await importBundle(b, module);
  let variant: Variant;
  try {
    variant = { ...validate(mod.default ?? mod.variant, b.path), bundle: b };
  } catch (e) {
    if (e instanceof VariantError) throw e;
    throw new VariantError(`variant file ${b.path} failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`); // e.g. a getter that throws
  }
  rememberBundle(b);
  return variant;
}

/** A built-in name or a file path; returns the variant and how a worker finds it again. */
export async function loadVariant(spec: string): Promise<{ variant: Variant; ref: VariantRef }> {
  if (looksLikePath(spec)) {
    const variant = await loadVariantFile(spec);
    return { variant, ref: variantRefOf(variant) };
  }
  const v = findVariant(spec);
  if (v === undefined) throw new VariantError(`unknown variant "${spec}" (known: ${VARIANTS.map((x) => x.name).join(', ')}; or give a path to a variant file)`);
  return { variant: v, ref: { name: v.name } };
}
