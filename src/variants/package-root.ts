/**
 * Where this package's build is, for variant files: 'shrinkrace' means dist/src/index.js, and a relative
 * import that reaches into dist/src/ is a link to the package (a bundle does not carry it). Found from
 * this module's own location, whether it runs from dist/ or, under the tests, from the TypeScript sources.
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** <root>/dist/src/variants, or <root>/src/variants */
const here = dirname(fileURLToPath(import.meta.url));
/** the package root: the directory holding dist/ */
export const PACKAGE_ROOT = basename(resolve(here, '../..')) === 'dist' ? resolve(here, '../../..') : resolve(here, '../..');
export const API_URL = pathToFileURL(join(PACKAGE_ROOT, 'dist/src/index.js')).href;

/** "dist/src/sync/refcount.js" for a file under the package's dist/src/, else undefined */
export function packageTarget(file: string): string | undefined {
  const rel = relative(PACKAGE_ROOT, file).split(sep).join('/');
  return rel.startsWith('dist/src/') ? rel : undefined;
}

export const packageUrl = (target: string): string => pathToFileURL(join(PACKAGE_ROOT, target)).href;
