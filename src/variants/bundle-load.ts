/**
 * Loading a variant bundle (src/sched/variant-bundle.ts) without touching the disk for its files: each
 * module is transpiled by the TypeScript compiler (TypeScript and JavaScript alike, so one transformer
 * applies: the loop guard, src/variants/loop-guard-transform.ts), its import specifiers rewritten
 * ('shrinkrace' to this package's dist/src/index.js, a link to its file in dist/src/, a relative one
 * to its dependency's data: URL) and imported from a data: URL of its own, dependencies first. A
 * worker thread is handed the compiled entry (VariantRef.module) and skips all this. Imports of other
 * packages are left as they
 * are and not carried; Node cannot resolve a bare specifier from a data: URL, so of those only `node:`
 * built-ins import (as it was when variant files were imported from data: URLs of their own).
 *
 * Each module ends with `//# sourceURL=<key>`: V8 honours it for data: modules (Node 20), so stack
 * frames read "at shrink_slab (my-design.ts:9:13)". Node applies no source map to a data: module (not
 * even under --enable-source-maps), so the JavaScript is laid out on the lines of the source instead
 * (src/variants/line-layout.ts): the line in a frame is the line as written (the column is not).
 */
import type TS from 'typescript';
import type { VariantBundle } from '../sched/variant-bundle.js';
import { isRelative, moduleGraph, moduleSpecifierNodes, typescript, type Typescript } from './bundle-graph.js';
import { layOutLikeSource } from './line-layout.js';
import { loopGuardTransformer } from './loop-guard-transform.js';
import { API_URL, packageUrl } from './package-root.js';
import { VariantError } from './variant-error.js';

/** An `after` transformer: every import specifier through `map` (undefined: leave it). */
function rewriteSpecifiers(ts: Typescript, map: (spec: string) => string | undefined): TS.TransformerFactory<TS.SourceFile> {
  return (ctx) => (sf) => {
    const targets = new Set<TS.Node>(moduleSpecifierNodes(ts, sf));
    const visit = (node: TS.Node): TS.Node => {
      if (targets.has(node)) {
        const to = map((node as TS.StringLiteralLike).text);
        if (to !== undefined) return ctx.factory.createStringLiteral(to);
      }
      return ts.visitEachChild(node, visit, ctx);
    };
    return ts.visitEachChild(sf, visit, ctx);
  };
}

/** One module of a bundle as JavaScript: loop-guarded, specifiers through `map`, laid out on its source lines, named by sourceURL. */
export function transpileVariantModule(ts: Typescript, key: string, text: string, map: (spec: string) => string | undefined, name: string): string {
  const out = ts.transpileModule(text, {
    fileName: key,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true, removeComments: true, sourceMap: true },
    transformers: { before: [loopGuardTransformer(ts, key)], after: [rewriteSpecifiers(ts, map)] },
  });
  const err = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (err) {
    const line = err.file && err.start !== undefined ? ` (${key}:${err.file.getLineAndCharacterOfPosition(err.start).line + 1})` : '';
    throw new VariantError(`variant file ${name} does not compile: ${ts.flattenDiagnosticMessageText(err.messageText, ' ')}${line}`);
  }
  return `${layOutLikeSource(ts, out.outputText, out.sourceMapText!)}\n//# sourceURL=${key.replace(/\s/g, '_')}\n`;
}

const dataUrl = (js: string): string => `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;

/** The entry module's data: URL (it holds its imports' data: URLs) per bundle this thread compiled or was handed. */
const compiled = new WeakMap<VariantBundle, string>();

/**
 * The entry module of `b` as this thread compiled it: a worker that is handed it imports it as it is,
 * without loading the TypeScript compiler (which takes a second or more), and so runs the same bytes.
 */
export const compiledModule = (b: VariantBundle): string | undefined => compiled.get(b);

function compile(ts: Typescript, b: VariantBundle): string {
  const files = new Map(b.files);
  const linked = new Map(b.links.map(([key, spec, target]) => [`${key}\0${spec}`, target]));
  const link = (key: string, spec: string): string | undefined => linked.get(`${key}\0${spec}`);
  const { order, deps } = moduleGraph(ts, b.entry, (key) => files.get(key), link, b.path);
  const urls = new Map<string, string>();
  for (const key of order) {
    const mine = deps.get(key)!;
    const map = (spec: string): string | undefined => {
      if (spec === 'shrinkrace') return API_URL;
      if (!isRelative(spec)) return undefined;
      const target = link(key, spec);
      return target !== undefined ? packageUrl(target) : urls.get(mine.get(spec)!);
    };
    urls.set(key, dataUrl(transpileVariantModule(ts, key, files.get(key)!, map, b.path)));
  }
  return urls.get(b.entry)!;
}

/**
 * The entry module's namespace: compiled here, or `module`, the entry another thread of this process
 * compiled from the same bundle (compiledModule). Throws VariantError for a module that does not
 * compile or import.
 */
export async function importBundle(b: VariantBundle, module?: string): Promise<Record<string, unknown>> {
  const url = module !== undefined && module.startsWith('data:text/javascript;base64,') ? module : compile(await typescript(), b);
  compiled.set(b, url);
  try {
    return await import(url);
  } catch (e) {
    throw new VariantError(`variant file ${b.path} failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
