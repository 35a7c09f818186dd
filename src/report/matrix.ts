/** The validation matrix as text (terminal, Markdown) and its atomic write under reports/. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateResult } from '../api/validate.js';

const HEAD = ['variant', 'kind', 'memory', 'workloads', 'expected', 'observed', 'runs', 'time to first failure', 'shrunk choices', 'do_shrink_slab/pass', 'bits visited/pass', 'nokmem probe: bits/pass', 'verdict'];

function cells(r: ValidateResult['rows'][number]): string[] {
  return [
    r.name, r.kind, r.memory, r.workloads.join(',') || '-', r.expected, r.observed, String(r.runs),
    r.timeToFirstFailureMs === null ? '-' : `${(r.timeToFirstFailureMs / 1000).toFixed(2)}s`,
    r.shrunkChoices === null ? '-' : String(r.shrunkChoices), r.doShrinkSlabPerPass.toFixed(2), r.visitsPerPass.toFixed(2), r.probeVisitsPerPass.toFixed(1), r.met ? 'as expected' : 'UNEXPECTED',
  ];
}

export function matrixText(v: ValidateResult): string {
  const rows = [HEAD, ...v.rows.map(cells)];
  const w = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd());
  lines.splice(1, 0, w.map((n) => '-'.repeat(n)).join('  '));
  const verdict = v.ok ? 'every row met its expectation' : 'SOME ROWS DID NOT MEET THEIR EXPECTATION';
  return `${lines.join('\n')}\n\n${verdict} (budget ${v.budget}, seed ${v.seed}, ${(v.elapsedMs / 1000).toFixed(1)}s)`;
}

export function matrixMarkdown(v: ValidateResult): string {
  const row = (c: string[]): string => `| ${c.join(' | ')} |`;
  return [`# shrinkrace validate (budget ${v.budget}, seed ${v.seed})`, '', row(HEAD), row(HEAD.map(() => '---')), ...v.rows.map((r) => row(cells(r))), '',
    v.ok ? 'Every row met its expectation.' : '**Some rows did not meet their expectation.**', '',
    ...v.rows.filter((r) => r.token).map((r) => `- ${r.name}: \`npx shrinkrace replay ${r.token}\``), ''].join('\n');
}

/** Write reports/<id>/validate.{json,md}, each through a temporary file and a rename. */
export function writeMatrix(dir: string, v: ValidateResult): string {
  const out = join(dir, `validate-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  for (const [name, text] of [['validate.json', JSON.stringify(v, null, 2)], ['validate.md', matrixMarkdown(v)]]) {
    const tmp = join(out, `.${name}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(out, name));
  }
  return out;
}
