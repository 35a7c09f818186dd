/**
 * The coverage table of a search (`check --coverage`): per kernel function of the reference
 * mm/shrinker.c and per coverage point (search/coverage-lines.ts), the hits; the points never reached,
 * error paths first; and the interleaving pairs reached. Functions the model cites from other files
 * (mm/list_lru.c) are listed with the hits of their entry only. Plain data: summary.json carries it
 * (report/coverage-schema.ts) and report.html renders it.
 */
import type { CoverageMap } from '../engine/coverage.js';
import { KERNEL_SOURCE } from '../kernel/sources.js';
import type { ModelFns } from '../model/kernel.js';
import { linesOfSite, referenceFunctions } from './coverage-lines.js';

export interface CoverageLine {
  line: number;
  text: string;
  hits: number;
  /** an error-handling branch (allocation failure) */
  error: boolean;
}

export interface CoverageFunction {
  fn: string;
  source: string;
  /** times the function was entered */
  hits: number;
  /** its coverage points in mm/shrinker.c ([] for functions of other files) */
  lines: CoverageLine[];
}

export interface CoverageReport {
  runs: number;
  /** distinct sites (function + access label) reached */
  sites: number;
  linesTotal: number;
  linesReached: number;
  /** distinct interleaving pairs (a store by one actor read by another) reached */
  pairs: number;
  functions: CoverageFunction[];
  /** every point never reached: error paths first, then by line */
  neverReached: { fn: string; line: number; text: string; error: boolean }[];
  /** sites in mm/shrinker.c functions whose label matched no line */
  unmapped: string[];
  /** the most frequent pairs (at most 20): writer site, reader site, hits */
  topPairs: { write: string; read: string; hits: number }[];
}

/** "fn [label]" -> [fn, label] */
function splitSite(site: string): [string, string] {
  const i = site.indexOf(' [');
  return [site.slice(0, i), site.slice(i + 2, -1)];
}

export function coverageReport(cov: CoverageMap): CoverageReport {
  const byFn = new Map<string, { site: string; label: string; hits: number; write: boolean | null }[]>();
  cov.sites.forEach((site, id) => {
    const [fn, label] = splitSite(site);
    const list = byFn.get(fn) ?? [];
    list.push({ site, label, hits: cov.siteHits[id], write: cov.written.has(id) ? (cov.loaded.has(id) ? null : true) : false });
    byFn.set(fn, list);
  });
  const functions: CoverageFunction[] = [];
  const neverReached: CoverageReport['neverReached'] = [];
  const unmapped: string[] = [];
  let linesTotal = 0;
  let linesReached = 0;
  const cited = new Set<string>();
  for (const f of referenceFunctions()) {
    cited.add(f.fn);
    const hits = new Map<number, number>();
    const sites = byFn.get(f.fn) ?? [];
    for (const s of sites) {
      const ls = linesOfSite(f, s.label, s.write);
      if (ls.length === 0) unmapped.push(s.site);
      for (const l of ls) hits.set(l, (hits.get(l) ?? 0) + s.hits);
    }
    const lines = [...f.points].map(([line, text]) => ({ line, text, hits: hits.get(line) ?? 0, error: f.errors.has(line) }));
    linesTotal += lines.length;
    linesReached += lines.filter((l) => l.hits > 0).length;
    for (const l of lines) if (l.hits === 0) neverReached.push({ fn: f.fn, line: l.line, text: l.text, error: l.error });
    functions.push({ fn: f.fn, source: KERNEL_SOURCE[f.fn as keyof ModelFns] ?? '', hits: sites.find((s) => s.label === '')?.hits ?? 0, lines });
  }
  for (const [fn, sites] of byFn) {
    if (cited.has(fn) || KERNEL_SOURCE[fn as keyof ModelFns] === undefined) continue;
    functions.push({ fn, source: KERNEL_SOURCE[fn as keyof ModelFns]!, hits: sites.find((s) => s.label === '')?.hits ?? 0, lines: [] });
  }
  neverReached.sort((a, b) => Number(b.error) - Number(a.error) || a.line - b.line);
  const pairs = cov.pairs().sort((a, b) => b[2] - a[2] || (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  return {
    runs: cov.runs, sites: cov.siteHits.filter((n) => n > 0).length, linesTotal, linesReached, pairs: pairs.length,
    functions, neverReached, unmapped: unmapped.sort(), topPairs: pairs.slice(0, 20).map(([write, read, hits]) => ({ write, read, hits })),
  };
}

/** One line for text output: "coverage: 80 of 95 reference lines reached, 15 never (6 error paths), 116 interleaving pairs" */
export function coverageLine(r: CoverageReport): string {
  const never = r.linesTotal - r.linesReached;
  const errors = r.neverReached.filter((l) => l.error).length;
  return `coverage: ${r.linesReached} of ${r.linesTotal} reference lines reached, ${never} never reached (${errors} on error paths), ${r.sites} sites, ${r.pairs} interleaving pairs`;
}
