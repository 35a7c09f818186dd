/**
 * Reading a variant file into a bundle (src/sched/variant-bundle.ts): the entry file and every file it
 * imports by a relative specifier, recursively, keyed by path relative to the entry's directory. Imports
 * of 'shrinkrace', relative imports into this package's dist/src/ (links) and imports of other packages
 * are not files of the bundle (the first two are this package; the others are not carried, so a token
 * that needs them needs them installed where it replays).
 * Also the "changed since" check a replay makes against the file a token was made from.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { bundleHash, isBundleKey, type VariantBundle } from '../sched/variant-bundle.js';
import { moduleGraph, specifierCandidates, typescript } from './bundle-graph.js';
import { packageTarget } from './package-root.js';
import { VariantError } from './variant-error.js';

function readText(file: string): string | undefined {
  try {
    return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** `path` as the user gave it: relative to the working directory, or absolute. */
export async function readVariantBundle(path: string): Promise<VariantBundle> {
  const file = resolve(path);
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new VariantError(`variant file ${path} does not exist`);
  }
  if (!isFile) throw new VariantError(`variant file ${path} is not a file`);
  const root = dirname(file);
  const entry = basename(file);
  if (!isBundleKey(entry)) throw new VariantError(`variant file ${path}: its name cannot be carried by a replay token`);
  const texts = new Map<string, string | undefined>();
  const read = (key: string): string | undefined => {
    if (!texts.has(key)) texts.set(key, readText(resolve(root, key)));
    return texts.get(key);
  };
  /** an import of a file under this package's dist/src/ (a fixture's '../../dist/src/sync/refcount.js') */
  const link = (key: string, spec: string): string | undefined => {
    for (const k of specifierCandidates(key, spec)) {
      const file = resolve(root, k);
      if (readText(file) !== undefined) return packageTarget(file);
    }
    return undefined;
  };
  const { order, links } = moduleGraph(await typescript(), entry, read, link, path);
  const files = order.map((key) => [key, read(key)!] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { entry, files, links, path, sha256: bundleHash(entry, files, links) };
}

/**
 * A one-line note when the file a bundle was read from (its path as given, from the working directory)
 * is not there or differs from the bundle now (the file or any file it imports), or null when it is
 * unchanged. The file is only read, never run.
 */
export async function sourceChangeNote(b: VariantBundle): Promise<string | null> {
  const carried = `replaying the source the token carries (sha256 ${b.sha256.slice(0, 8)})`;
  let now: VariantBundle;
  try {
    now = await readVariantBundle(b.path);
  } catch (e) {
    if (readText(resolve(b.path)) === undefined) return `note: ${b.path} does not exist (moved, deleted, or made in another directory); ${carried}`;
    return `note: ${b.path} can no longer be read as a variant (${e instanceof Error ? e.message : String(e)}); ${carried}`;
  }
  return now.entry === b.entry && now.sha256 === b.sha256 ? null : `note: ${b.path} has changed since this token was made; ${carried}`;
}
