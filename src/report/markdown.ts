/** report.md, rendered from a parsed summary: the same sections as report.html, as text. */
import { benchMarkdown } from './bench-text.js';
import { headline } from './html.js';
import { matrixMarkdown } from './matrix.js';
import type { Summary } from './summary-schema.js';
import { reproduceLine } from './failure.js';

export function renderMarkdown(s: Summary): string {
  const row = (c: string[]): string => `| ${c.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
  const out = [
    `# shrinkrace ${s.command}: ${headline(s)}`, '',
    `Run \`${s.runId}\`, ${s.createdAt}. Settings: ${Object.entries(s.settings).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`).join(', ')}.`, '',
    '## Verdicts', '', row(['name', 'expected', 'observed', 'detail', 'verdict']), row(['---', '---', '---', '---', '---']),
    ...s.verdicts.map((v) => row([v.name, v.expected, v.observed, v.detail ?? '', v.met ? 'as expected' : '**UNEXPECTED**'])), '',
  ];
  const cx = s.counterexample;
  if (cx) {
    out.push('## Minimal counterexample', '', `**${cx.invariant}** (variant ${cx.variant}): ${cx.message}`, '',
      `${cx.choices} schedule choices, ${cx.steps} steps.`, '', '```', cx.columns, '```', '', '```sh', reproduceLine(cx.token), '```', '');
  }
  // the summary holds the matrix as data; matrixMarkdown only formats it (its sections one level down)
  if (s.matrix) out.push(matrixMarkdown({ ok: s.ok, ...s.matrix }).replace(/^#/gm, '##'), '');
  if (s.bench) out.push('## Benchmarks', '', benchMarkdown(s.bench), '');
  return out.join('\n');
}
