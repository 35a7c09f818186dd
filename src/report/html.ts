/**
 * report.html: one self-contained page (inline CSS, inline script, inline SVG; no network) rendered
 * from a parsed summary: the verdict table, the counterexample as a swimlane timeline and as the
 * kernel-style column trace, the validate matrix (every column explained, each row's replay line),
 * the bench tables and scaling plot. Every string from the summary is escaped. Stable hooks for
 * tests: #overall, #verdicts, #replay-line, #timeline, #violation-marker, #column-trace, #matrix,
 * #matrix-legend, #matrix-replay (li[data-row] > code.replay-line or code.check-line).
 */
import { benchMarkdown } from './bench-text.js';
import { coverageHtml } from './coverage-html.js';
import { followUp, MATRIX_COLUMNS } from './matrix-columns.js';
import { scalingSvg } from './scaling-plot.js';
import type { Summary } from './summary-schema.js';
import { TIMELINE_CSS, timelineHtml } from './timeline.js';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The matrix's cells stay on one line, except the wordy ones (workloads, expected, observed). */
const MATRIX_WRAP = MATRIX_COLUMNS.flatMap((c, i) => (['workloads', 'expected', 'observed'].includes(c.field) ? [`#matrix td:nth-child(${i + 1})`] : [])).join(',');

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:1500px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef}tr.met td.verdict{color:#1e7d32}tr.unmet td.verdict{color:#c62828;font-weight:bold}
pre{background:#f6f6f8;border:1px solid #dde;padding:8px;overflow-x:auto;font-size:12px}
code{font-size:12px;word-break:break-all}
div.wide{overflow-x:auto}#matrix{font-size:13px}#matrix td{white-space:nowrap}${MATRIX_WRAP}{white-space:normal;min-width:7em}#matrix-replay li{margin:2px 0}dl#matrix-legend dt{font-weight:bold;margin-top:4px}dl#matrix-legend dd{margin-left:16px}${TIMELINE_CSS}`;

function table(id: string, head: string[], rows: { cells: string[]; cls?: string }[]): string {
  const th = head.map((h) => `<th>${esc(h).replace(/\//g, '/<wbr>')}</th>`).join(''); // a long header may break after a slash
  const trs = rows.map((r) => `<tr${r.cls ? ` class="${r.cls}"` : ''}>${r.cells.map((c, i) => `<td${i === r.cells.length - 1 ? ' class="verdict"' : ''}>${esc(c)}</td>`).join('')}</tr>`);
  return `<table id="${id}"><thead><tr>${th}</tr></thead><tbody>${trs.join('')}</tbody></table>`;
}

/** Markdown tables (bench) to HTML tables: the bench text is already tabular. */
function markdownTables(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('## ')) out.push(`<h3>${esc(l.slice(3))}</h3>`);
    else if (l.startsWith('|') && lines[i + 1]?.startsWith('| ---')) {
      const cells = (s: string): string[] => s.slice(1, -1).split('|').map((c) => c.trim());
      const head = cells(l);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
      i--;
      out.push(`<table class="bench"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if (l.trim()) out.push(`<p>${esc(l)}</p>`);
  }
  return out.join('\n');
}

/** The validate matrix: every column, a legend saying what each shows, and a line to look at each row worth a look. */
function matrixHtml(m: NonNullable<Summary['matrix']>): string {
  const follow = m.rows.flatMap((r) => {
    const f = followUp(r, m.seed);
    return f === null ? [] : [`<li data-row="${esc(r.name)}">${esc(r.name)}: <code class="${r.token === null ? 'check-line' : 'replay-line'}">${esc(f)}</code></li>`];
  });
  return [
    `<h2>Validation matrix (budget ${esc(m.budget)}, seed ${m.seed})</h2>`,
    `<div class="wide">${table('matrix', MATRIX_COLUMNS.map((c) => c.head), m.rows.map((r) => ({ cls: r.met ? 'met' : 'unmet', cells: MATRIX_COLUMNS.map((c) => c.cell(r)) })))}</div>`,
    ...(follow.length ? ['<p>To look at a row: a replay prints its counterexample byte for byte; a check re-runs a search that found none.</p>', `<ul id="matrix-replay">${follow.join('')}</ul>`] : []),
    '<h3>Columns</h3>',
    `<dl id="matrix-legend">${MATRIX_COLUMNS.map((c) => `<dt>${esc(c.head)}</dt><dd>${esc(c.help)}</dd>`).join('')}</dl>`,
  ].join('\n');
}

/** What happened, then whether every verdict met its expectation (a known bug caught is as expected). */
export function headline(s: Summary): string {
  const what = s.counterexample ? `violation found (${s.counterexample.invariant})` : s.command === 'check' ? 'no violation' : s.ok ? 'ok' : 'failed';
  return `${what}; ${s.verdicts.every((v) => v.met) ? 'as expected' : 'UNEXPECTED'}`;
}

export function renderHtml(s: Summary): string {
  const settings = Object.entries(s.settings).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`).join(' ');
  const parts = [
    '<!doctype html>', '<html lang="en"><head><meta charset="utf-8">', `<title>shrinkrace ${esc(s.command)}: ${esc(headline(s))} (${esc(s.runId)})</title>`,
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">',
    `<style>${CSS}</style></head><body>`,
    `<h1>shrinkrace ${esc(s.command)}: <span id="overall" class="${s.ok ? 'ok' : 'failed'}">${esc(headline(s))}</span></h1>`,
    `<p>run <code>${esc(s.runId)}</code>, ${esc(s.createdAt)}; ${esc(settings)}</p>`,
    '<h2>Verdicts</h2>',
    table('verdicts', ['name', 'expected', 'observed', 'detail', 'verdict'], s.verdicts.map((v) => ({ cls: v.met ? 'met' : 'unmet', cells: [v.name, v.expected, v.observed, v.detail ?? '', v.met ? 'as expected' : 'UNEXPECTED'] }))),
  ];
  const cx = s.counterexample;
  if (cx) {
    parts.push('<h2>Minimal counterexample</h2>', `<p><b>${esc(cx.invariant)}</b> (variant ${esc(cx.variant)}): ${esc(cx.message)}</p>`,
      `<p>${cx.choices} schedule choices, ${cx.steps} steps. Reproduce: <code id="replay-line">npx shrinkrace replay ${esc(cx.token)}</code></p>`,
      '<h3>Timeline (actors as lanes, steps in order; hover a step for its accesses)</h3>', timelineHtml(cx),
      '<h3>Column trace</h3>', `<pre id="column-trace">${esc(cx.columns)}</pre>`);
  }
  if (s.matrix) parts.push(matrixHtml(s.matrix));
  if (s.coverage) parts.push(coverageHtml(s.coverage));
  if (s.bench) parts.push('<h2>Benchmarks</h2>', markdownTables(benchMarkdown(s.bench)), '<h3>Scaling plot</h3>', scalingSvg(s.bench.scaling.points));
  parts.push('</body></html>');
  return parts.join('\n');
}
