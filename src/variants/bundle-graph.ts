/**
 * The module graph of a variant bundle: the specifiers a module imports, how a relative specifier
 * resolves to a bundle key, and an order that puts every module after the modules it imports. The
 * same rule serves reading a bundle from disk (a key exists if the file does) and loading one (a key
 * exists if the bundle holds it), so what was read is exactly what loads. A cycle of relative imports
 * is refused: bundled modules are linked as data: URLs, dependencies first, which a cycle cannot be.
 * A relative import that `link` claims (one into this package's build) is not followed.
 */
import { posix } from 'node:path';
import type TS from 'typescript';
import { isBundleKey } from '../sched/variant-bundle.js';
import { VariantError } from './variant-error.js';

export type Typescript = typeof TS;

/** The TypeScript compiler, imported on first use (only variant files need it). */
export const typescript = async (): Promise<Typescript> => (await import('typescript')).default;

export const isRelative = (spec: string): boolean => spec.startsWith('./') || spec.startsWith('../');

/** The string literal of every import, `export ... from` and `import('...')` in a module (types excluded). */
export function moduleSpecifierNodes(ts: Typescript, sf: TS.SourceFile): TS.StringLiteralLike[] {
  const out: TS.StringLiteralLike[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteralLike(node.moduleSpecifier)) out.push(node.moduleSpecifier);
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) out.push(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) out.push(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The keys a relative specifier may name: as written, then TypeScript's .js -> .ts, then without an extension. */
function candidates(from: string, spec: string): string[] {
  const k = posix.normalize(posix.join(posix.dirname(from), spec));
  const swapped = /\.(m|c)?js$/.exec(k);
  if (swapped) return [k, k.slice(0, -swapped[0].length) + `.${swapped[1] ?? ''}ts`];
  if (/\.[cm]?[jt]s$/.test(k)) return [k];
  return [k, `${k}.ts`, `${k}.js`, `${k}.mjs`, `${k}/index.ts`, `${k}/index.js`];
}

export interface ModuleGraph {
  /** every key reachable from the entry, each after the keys it imports */
  order: string[];
  /** per key: relative specifier -> the key it resolves to */
  deps: Map<string, Map<string, string>>;
  /** [key, specifier, package target] for every relative import that `link` claimed, sorted */
  links: [string, string, string][];
}

/** The keys a relative specifier may name, in the order they are tried (for `link` too). */
export { candidates as specifierCandidates };

/**
 * Walk the relative imports from `entry`. `read(key)` is a module's text, or undefined if there is no
 * such file; `link(key, spec)` is the package target of an import into this package, or undefined;
 * `name` is how messages name the variant file.
 */
export function moduleGraph(ts: Typescript, entry: string, read: (key: string) => string | undefined, link: (key: string, spec: string) => string | undefined, name: string): ModuleGraph {
  const order: string[] = [];
  const deps = new Map<string, Map<string, string>>();
  const links: [string, string, string][] = [];
  const path: string[] = [];
  const visit = (key: string): void => {
    if (deps.has(key)) return;
    const at = path.indexOf(key);
    if (at >= 0) throw new VariantError(`variant file ${name}: its relative imports form a cycle (${[...path.slice(at), key].join(' -> ')}); a variant's files must not import each other in a cycle`);
    const text = read(key);
    if (text === undefined) throw new VariantError(`variant file ${name}: ${key} cannot be read`);
    const sf = ts.createSourceFile(key, text, ts.ScriptTarget.ES2022, false, scriptKind(ts, key));
    const mine = new Map<string, string>();
    path.push(key);
    for (const lit of moduleSpecifierNodes(ts, sf)) {
      const spec = lit.text;
      if (!isRelative(spec) || mine.has(spec) || links.some(([k, sp]) => k === key && sp === spec)) continue;
      const target = link(key, spec);
      if (target !== undefined) {
        links.push([key, spec, target]);
        continue;
      }
      const dep = candidates(key, spec).find((k) => isBundleKey(k) && read(k) !== undefined);
      if (dep === undefined) throw new VariantError(`variant file ${name}: ${key} imports "${spec}", which does not exist`);
      mine.set(spec, dep);
      visit(dep);
    }
    path.pop();
    deps.set(key, mine);
    order.push(key);
  };
  visit(entry);
  links.sort(([k1, s1], [k2, s2]) => (k1 < k2 || (k1 === k2 && s1 < s2) ? -1 : 1));
  return { order, deps, links };
}

export function scriptKind(ts: Typescript, key: string): TS.ScriptKind {
  return /\.[cm]?ts$/.test(key) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}
