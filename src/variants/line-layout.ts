/**
 * Putting transpiled variant code back on the lines it was written on, so that a stack frame of an
 * error thrown in a variant file (named by `//# sourceURL`, src/variants/bundle-load.ts) points at the
 * user's line: Node does not apply source maps to data: modules, so the JavaScript itself is laid out
 * by the compiler's source map. Before each emitted line, blank lines are added until it reaches the
 * line it came from, or, when it is already past that line (the printer split a statement, or added
 * the loop guard), it is joined to the line before with a space.
 *
 * Safe because the emit has no comments but `/*! *\/` ones (removeComments) and ends every statement
 * with a semicolon (the printer's, not ASI), and because no line break inside a string or template
 * literal is ever added or removed (found from the emitted file's syntax tree). Columns are not
 * restored, and lines the printer moved out of order keep the order they were emitted in.
 */
import type TS from 'typescript';
import type { Typescript } from './bundle-graph.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per emitted line, the 0-based source line of its first mapped segment, or -1. */
function sourceLines(mappings: string): number[] {
  const out: number[] = [];
  let orig = 0;
  for (const line of mappings.split(';')) {
    let first = -1;
    for (const seg of line.split(',')) {
      if (seg === '') continue;
      const fields: number[] = [];
      let v = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        v += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(v & 1 ? -(v >>> 1) : v >>> 1);
          v = 0;
          shift = 0;
        }
      }
      if (fields.length >= 4) {
        orig += fields[2];
        if (first < 0) first = orig;
      }
    }
    out.push(first);
  }
  return out;
}

/** Offsets of the line breaks that lie inside string or template literals of `js`. */
function fixedBreaks(ts: Typescript, js: string): Set<number> {
  const fixed = new Set<number>();
  const sf = ts.createSourceFile('out.js', js, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const visit = (node: TS.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      for (let p = js.indexOf('\n', node.getStart(sf)); p >= 0 && p < node.end; p = js.indexOf('\n', p + 1)) fixed.add(p);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return fixed;
}

/** `js` (emitted with removeComments and a source map) with each line moved to its source line where it can be. */
export function layOutLikeSource(ts: Typescript, js: string, sourceMapText: string): string {
  const lines = js.replace(/\n\/\/# sourceMappingURL=.*$/, '').split('\n');
  const target = sourceLines((JSON.parse(sourceMapText) as { mappings: string }).mappings);
  const fixed = fixedBreaks(ts, js);
  let out = '';
  let cur = 0;
  let offset = 0; // of emitted line g in `js`
  for (let g = 0; g < lines.length; g++) {
    const want = target[g] ?? -1;
    let join = false;
    if (g === 0) {
      if (want > 0) out += '\n'.repeat((cur = want));
    } else if (fixed.has(offset - 1)) {
      out += '\n';
      cur++;
    } else if (want > cur) {
      out += '\n'.repeat(want - cur);
      cur = want;
    } else if (want >= 0 || nextTarget(target, g) <= cur) {
      join = true;
    } else {
      out += '\n';
      cur++;
    }
    out += join ? ` ${lines[g].trimStart()}` : lines[g];
    offset += lines[g].length + 1;
  }
  return out;
}

/** the source line of the next mapped emitted line after `g`, or Infinity */
function nextTarget(target: number[], g: number): number {
  for (let j = g + 1; j < target.length; j++) if (target[j] >= 0) return target[j];
  return Infinity;
}
