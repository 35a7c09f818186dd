/**
 * Line edits between two functions' TypeScript source (a bug variant's override against the reference
 * function it re-types): each function's text is cut out of its file by brace matching, comments and
 * blank lines dropped, whitespace collapsed, then diffed line by line (jsdiff's diffArrays, an LCS).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diffArrays } from 'diff';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The normalized lines of function or method `name` in src/`file` (its first definition there). */
export function functionLines(file: string, name: string): string[] {
  const text = readFileSync(SRC + file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const lines = text.split('\n');
  const head = new RegExp(`^\\s*(export\\s+)?(function\\s*\\*?\\s*|\\*)?${name}\\s*\\(`);
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) throw new Error(`no function ${name} in src/${file}`);
  const out: string[] = [];
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '').replace(/\s+/g, ' ').trim();
    if (line !== '') out.push(line);
    for (const c of line) {
      if (c === '{') (depth++, (opened = true));
      else if (c === '}') depth--;
    }
    if (opened && depth <= 0) return out.slice(1, -1); // the body, without the signature and the closing brace
  }
  throw new Error(`unbalanced braces after ${name} in src/${file}`);
}

export interface LineEdits {
  removed: string[];
  added: string[];
}

export function lineEdits(reference: readonly string[], variant: readonly string[]): LineEdits {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffArrays([...reference], [...variant])) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
  }
  return { removed, added };
}
