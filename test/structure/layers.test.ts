/**
 * The import graph of src/ (and workers/, properties/): no import cycle, and no import from a lower
 * layer to a higher one. Layers, bottom up (an arrow never runs up):
 *
 *   model  <-  sync, memory  <-  kernel, actors, invariants
 *          <-  variants (designs, bugs, registry, loading), sched, engine, report  <-  search
 *          <-  threads, bench  <-  api  <-  cli
 *
 * workers/ is in-thread code: it may import anything below api/ but never the pool side (threads/pool).
 * properties/ (fast-check arbitraries) depends on src/, never the reverse. src/index.ts is the package's
 * public API for variant files: it sits with api/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const LAYERS: readonly (readonly string[])[] = [
  ['src/model'],
  ['src/sync', 'src/memory'],
  ['src/kernel', 'src/actors', 'src/invariants'],
  ['src/variants', 'src/sched', 'src/engine', 'src/report'],
  ['src/search'],
  ['src/threads', 'src/bench', 'properties', 'workers'],
  ['src/api', 'src/index.ts'],
  ['src/cli'],
];

/** the layer of a file: the longest matching prefix wins (src/variants/designs before src/variants) */
function layerOf(file: string): number {
  let best = -1;
  let len = -1;
  LAYERS.forEach((prefixes, i) => {
    for (const p of prefixes) if ((file === p || file.startsWith(`${p}/`)) && p.length > len) [best, len] = [i, p.length];
  });
  return best;
}

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((n) => {
    const p = `${dir}/${n}`;
    return statSync(join(ROOT, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(relative(ROOT, resolve(dirname(join(ROOT, file)), m[1])).replace(/\.js$/, '.ts'));
  }
  return out;
}

const ALL = [...files('src'), ...files('workers'), ...files('properties')];
const GRAPH = new Map(ALL.map((f) => [f, imports(f).filter((t) => ALL.includes(t))]));

describe('the import graph', () => {
  it('every file has a layer', () => {
    expect(ALL.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('no import runs up the layers', () => {
    const up: string[] = [];
    for (const [f, ts] of GRAPH) for (const t of ts) if (layerOf(t) > layerOf(f)) up.push(`${f} -> ${t}`);
    expect(up).toEqual([]);
  });

  it('workers import no pool code', () => {
    const bad = [...GRAPH].flatMap(([f, ts]) => (f.startsWith('workers/') ? ts.filter((t) => t === 'src/threads/pool.ts').map((t) => `${f} -> ${t}`) : []));
    expect(bad).toEqual([]);
  });

  it('no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 1);
      stack.push(f);
      for (const t of GRAPH.get(f) ?? []) {
        if (state.get(t) === 1) cycles.push([...stack.slice(stack.indexOf(t)), t].join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of ALL) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
