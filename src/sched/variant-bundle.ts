/**
 * A variant bundle: the source of a user's variant file as a replay token carries it, so that a token
 * replays the design it was made from wherever it is pasted, after the file has moved, changed or gone.
 * It holds the entry file's text and every file that it imports by a relative specifier, recursively;
 * imports of 'shrinkrace', and relative imports that reach into this package's own build (dist/src/,
 * e.g. '../../dist/src/sync/refcount.js' from test/fixtures/), point at this package when loaded; imports
 * of other packages are left as they are (not carried). Pure data: reading one from disk and loading
 * one are src/variants/.
 *
 * The hash covers what runs (the entry key and every key and text), never where it was read: a moved
 * file keeps its hash, its spec and so the bytes of its failure text.
 *
 * Tokens are encoded by callers that know only a variant's spec string (search/check.ts and the search
 * build `{ variant: variantSpec(v), ... }`); the loader remembers each bundle it loads under its spec
 * (`rememberBundle`), and the encoder finds it there (`carriedBundle`). Per thread, like a module cache.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

export interface VariantBundle {
  /** the key of the entry module (its base name) */
  readonly entry: string;
  /** [key, text], sorted by key; keys are posix paths relative to the entry's directory ("helpers/x.ts") */
  readonly files: readonly (readonly [key: string, text: string])[];
  /** relative imports into this package's build, not carried: [key, specifier, path under the package root ("dist/src/sync/refcount.js")], sorted */
  readonly links: readonly (readonly [key: string, spec: string, target: string])[];
  /**
   * the path as the user gave it (relative to where they ran, not made absolute: a token, and so the
   * failure text that ends with it, must not differ between two clones); for messages and the
   * "changed since" check only
   */
  readonly path: string;
  /** sha256 (hex) of entry and files */
  readonly sha256: string;
}

export function bundleHash(entry: string, files: VariantBundle['files'], links: VariantBundle['links'] = []): string {
  return createHash('sha256').update(JSON.stringify([entry, files, links])).digest('hex');
}

/** How a token and a failure text name a bundled variant: entry base name and short hash, "my-design.ts@1a2b3c4d". */
export const bundleSpec = (b: VariantBundle): string => `${posix.basename(b.entry)}@${b.sha256.slice(0, 8)}`;

/** A normalized relative posix path that names a file: no "./", no backslash, no empty segment, no trailing "/". */
export function isBundleKey(k: string): boolean {
  if (k === '' || k.startsWith('/') || /[\\\0]/.test(k) || /^[A-Za-z]:/.test(k) || posix.normalize(k) !== k) return false;
  const last = k.split('/').at(-1);
  return last !== '' && last !== '.' && last !== '..';
}

/** Text that survives UTF-8 (no lone surrogates), so a bundle's bytes and hash round-trip. */
export const isWellFormed = (s: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** What is wrong with a bundle's shape, or null. The hash is checked too. */
export function bundleProblem(b: VariantBundle): string | null {
  if (b.files.length === 0) return 'it holds no files';
  if (!isWellFormed(b.path)) return 'its path is not well-formed text';
  for (let j = 0; j < b.files.length; j++) {
    const [key, text] = b.files[j];
    if (!isBundleKey(key)) return `it holds a file with an invalid name "${key.slice(0, 80)}"`;
    if (j > 0 && !(b.files[j - 1][0] < key)) return 'its files are not sorted by name, or repeat one';
    if (!isWellFormed(text)) return `${key} is not well-formed text`;
  }
  if (!b.files.some(([key]) => key === b.entry)) return `its entry ${b.entry} is not among its files`;
  for (let j = 0; j < b.links.length; j++) {
    const [key, spec, target] = b.links[j];
    if (!b.files.some(([k]) => k === key)) return `it links ${key}, which it does not hold`;
    if (!spec.startsWith('./') && !spec.startsWith('../')) return `it links "${spec.slice(0, 80)}", which is not a relative import`;
    if (!isBundleKey(target) || !target.startsWith('dist/src/')) return `it links into "${target.slice(0, 80)}", which is not in this package's dist/src/`;
    if (!isWellFormed(spec)) return 'it links a specifier that is not well-formed text';
    const [k0, s0] = j > 0 ? b.links[j - 1] : ['', ''];
    if (j > 0 && !(k0 < key || (k0 === key && s0 < spec))) return 'its links are not sorted, or repeat one';
  }
  if (!/^[0-9a-f]{64}$/.test(b.sha256) || bundleHash(b.entry, b.files, b.links) !== b.sha256) return 'its files do not match its sha256';
  return null;
}

const carried = new Map<string, VariantBundle>();

/** The loader calls this for every bundle it loads: tokens naming `bundleSpec(b)` carry `b`. */
export function rememberBundle(b: VariantBundle): void {
  carried.set(bundleSpec(b), b);
}

export const carriedBundle = (spec: string): VariantBundle | undefined => carried.get(spec);
