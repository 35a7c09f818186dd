/**
 * report.html's coverage section (`check --coverage`): the totals, the lines never reached (error paths
 * first), the table per kernel function and line, and the most frequent interleaving pairs. Stable
 * hooks for tests: #coverage, #coverage-never, #coverage-table, #coverage-pairs.
 */
import type { CoverageRecord } from './coverage-schema.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const row = (cells: (string | number)[], cls = ''): string => `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`;
const head = (cells: string[]): string => `<thead><tr>${cells.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>`;

export function coverageHtml(c: CoverageRecord): string {
  const errors = c.neverReached.filter((l) => l.error).length;
  const never = c.neverReached.map((l) => row([l.error ? 'error path' : '', l.fn, `mm/shrinker.c:${l.line}`, l.text], l.error ? 'never error' : 'never'));
  const lines = c.functions.flatMap((f) => (f.lines.length === 0
    ? [row([f.fn, f.source, '', f.hits, ''])]
    : f.lines.map((l) => row([f.fn, f.source, `${l.line}${l.error ? ' (error path)' : ''}`, l.hits, l.text], l.hits === 0 ? 'never' : ''))));
  return [
    '<h2>Coverage</h2>',
    `<p id="coverage">${c.runs} runs: ${c.linesReached} of ${c.linesTotal} reference lines reached, ${c.linesTotal - c.linesReached} never reached (${errors} on error paths); ${c.sites} access sites; ${c.pairs} distinct interleaving pairs (a store by one actor read by another).</p>`,
    '<h3>Never reached (error paths first)</h3>',
    `<table id="coverage-never">${head(['', 'function', 'line', 'source'])}<tbody>${never.join('')}</tbody></table>`,
    ...(c.unmapped.length ? [`<p>Sites whose label matched no reference line: ${esc(c.unmapped.join('; '))}</p>`] : []),
    '<h3>Per kernel function and line</h3>',
    `<div class="wide"><table id="coverage-table">${head(['function', 'cites', 'line', 'hits', 'source'])}<tbody>${lines.join('')}</tbody></table></div>`,
    '<h3>Most frequent interleaving pairs</h3>',
    `<table id="coverage-pairs">${head(['store at', 'read by another actor at', 'hits'])}<tbody>${c.topPairs.map((p) => row([p.write, p.read, p.hits])).join('')}</tbody></table>`,
  ].join('\n');
}
