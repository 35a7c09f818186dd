/**
 * Which reference lines a coverage site stands for. The model cites src/kernel/reference/mm-shrinker.c
 * by function (kernel/sources.ts: "mm/shrinker.c:A-B"); within a function, a site's access label
 * ("rcu_dereference(@->nodeinfo[N]->shrinker_info)") is matched to the line of the function whose C
 * text shares most of the label's words. The lines a function offers (its coverage points) are:
 *  - its first line (the function entered),
 *  - every line with a shared access of the kind the model labels (ACCESS_RE),
 *  - its error paths: the allocation-failure branches, a small hand table (ERROR_PATHS) citing lines,
 *    reached by the "allocation fails" marks of kernel/slab.ts (engine/coverage.ts).
 * What the model does not label (mutex_lock, rcu_read_lock, plain local arithmetic) is not a point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNEL_SOURCE } from '../kernel/sources.js';
import { PACKAGE_ROOT } from '../variants/package-root.js';

/** A shared access the model labels, in C: the lines a label can land on. */
const ACCESS_RE = /rcu_dereference|rcu_assign_pointer|READ_ONCE|WRITE_ONCE|atomic_long_\w+|\b(set|clear|test)_bit\(|for_each_set_bit|->map_nr_max|\bunit\[|->flags|->id\b|->batch|->seeks|shrinker_nr_max\b|list_\w*_rcu|->nr_deferred|memcpy|shrinker_info_protected|mem_cgroup_online|parent_mem_cgroup/;

/** Helpers a model function inlines: their lines count as the function's (kernel/shrinker-reclaim.ts cites them). */
const INLINED: Readonly<Record<string, readonly [number, number]>> = { xchg_nr_deferred: [252, 266], add_nr_deferred: [268, 283] };

/** Label words that name a C line by another word: the model's list pointers are list_*_rcu() in C. */
const ALIASES: Readonly<Record<string, readonly string[]>> = { shrinker_list: ['list_del_rcu', 'list_add_tail_rcu', 'list_for_each_entry_rcu'] };

/** Allocation-failure branches, by function: the lines an injected failure there (or below it) runs. */
export const ERROR_PATHS: readonly { fn: string; lines: readonly number[]; mark: string }[] = [
  { fn: 'shrinker_unit_alloc', lines: [51, 52, 53], mark: 'allocation fails' },
  { fn: 'alloc_shrinker_info', lines: [87, 88, 100, 101, 102, 103], mark: 'allocation fails' },
  { fn: 'alloc_shrinker_info', lines: [90, 91, 92], mark: 'allocation fails in shrinker_unit_alloc' },
  { fn: 'expand_one_shrinker_info', lines: [132, 133], mark: 'allocation fails' },
  { fn: 'expand_one_shrinker_info', lines: [138, 139, 140], mark: 'allocation fails in shrinker_unit_alloc' },
  { fn: 'expand_shrinker_info', lines: [169, 170, 171], mark: 'allocation fails in expand_one_shrinker_info' },
  { fn: 'shrinker_memcg_alloc', lines: [225, 226], mark: 'allocation fails' },
  { fn: 'shrinker_memcg_alloc', lines: [229, 230, 231], mark: 'allocation fails in expand_shrinker_info' },
  { fn: 'shrinker_alloc', lines: [686, 687], mark: 'allocation fails' },
  { fn: 'shrinker_alloc', lines: [706, 707, 730, 731, 732, 733, 734], mark: 'allocation fails in shrinker_memcg_alloc' },
  // a non-memcg-aware shrinker's nr_deferred array: the model keeps it inside the shrinker object
  { fn: 'shrinker_alloc', lines: [725, 726], mark: 'allocation fails (nr_deferred array, not modeled)' },
];

export interface FnLines {
  fn: string;
  first: number;
  last: number;
  /** coverage points: line -> its C text */
  points: Map<number, string>;
  /** the error-path lines among them */
  errors: Set<number>;
}

let cached: FnLines[] | null = null;

const lineRange = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** the ranges of other cited functions strictly inside [first, last] */
function nestedRanges(fn: string, first: number, last: number): [number, number][] {
  return Object.entries(KERNEL_SOURCE).flatMap(([g, src]) => {
    const m = /^mm\/shrinker\.c:(\d+)-(\d+)$/.exec(src ?? '');
    if (!m || g === fn) return [];
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a >= first && b <= last && (a > first || b < last) ? [[a, b] as [number, number]] : [];
  });
}

function referenceText(): string[] {
  const file = join(PACKAGE_ROOT, 'src/kernel/reference/mm-shrinker.c');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
}

/** The functions the model cites in mm/shrinker.c, with their coverage points (line numbers 1-based). */
export function referenceFunctions(): FnLines[] {
  if (cached !== null) return cached;
  const text = referenceText();
  cached = [];
  for (const [fn, src] of Object.entries(KERNEL_SOURCE)) {
    const m = /^mm\/shrinker\.c:(\d+)-(\d+)$/.exec(src ?? '');
    if (!m) continue;
    const first = Number(m[1]);
    const last = Number(m[2]);
    const points = new Map<number, string>([[first, text[first - 1]?.trim() ?? '']]);
    const inner = nestedRanges(fn, first, last);
    const inlined = INLINED[fn];
    const range = [...(inlined ? lineRange(inlined[0], inlined[1]) : []), ...lineRange(first + 1, last)];
    for (const l of range) {
      if (inner.some(([a, b]) => l >= a && l <= b)) continue; // a nested function's lines are its own (shrink_slab_memcg_one)
      const t = text[l - 1] ?? '';
      if (ACCESS_RE.test(t) && !/^\s*(\/?\*|\/\/)/.test(t)) points.set(l, t.trim());
    }
    const errors = new Set<number>();
    for (const e of ERROR_PATHS.filter((x) => x.fn === fn)) for (const l of e.lines) {
      errors.add(l);
      points.set(l, text[l - 1]?.trim() ?? '');
    }
    cached.push({ fn, first, last, points: new Map([...points].sort((a, b) => a[0] - b[0])), errors });
  }
  return cached;
}

const words = (s: string): string[] => [...new Set(s.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].filter((w) => w.length > 1);

const has = (t: string, w: string): boolean => new RegExp(`\\b${w}\\b`).test(t) || (ALIASES[w] ?? []).some((a) => t.includes(a));
/** field or global `w` is assigned on this line (`->w = `, `->w[i] = `, `->w |= `, `shrinker_nr_max = `); locals do not count */
const assigns = (t: string, w: string): boolean => new RegExp(`(->${w}|${w.includes('_') ? '^\\s*' + w : '->' + w})\\b(\\[[^\\]]*\\])?\\s*[|&+-]?=(?!=)`).test(t);

/**
 * The lines of `f` a site labelled `label` reached: its first line for an entry, the hand table's
 * lines for an error mark, else the point sharing most words with the label (a store prefers a line
 * that assigns one of them, a load one that does not; `write` null: an atomic, both); [] when nothing matches.
 */
export function linesOfSite(f: FnLines, label: string, write: boolean | null = false): number[] {
  if (label === '') return [f.first];
  const err = ERROR_PATHS.filter((e) => e.fn === f.fn && e.mark === label);
  if (err.length > 0) return err.flatMap((e) => [...e.lines]);
  const ws = words(label);
  let best = -1;
  let bestScore = 0;
  for (const [l, t] of f.points) {
    if (l === f.first || f.errors.has(l)) continue;
    const matched = ws.filter((w) => has(t, w));
    if (matched.length === 0) continue;
    const score = matched.length + (write !== null && matched.some((w) => assigns(t, w)) === write ? 0.5 : 0);
    if (score > bestScore) [best, bestScore] = [l, score];
  }
  return best < 0 ? [] : [best];
}
