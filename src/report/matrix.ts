/**
 * The validation matrix as Markdown (validate.md: every column, each explained, and the line that
 * follows each row up) and its files under reports/<run-id>/: validate.json (the result, plus a legend
 * of its row fields) and validate.md, each written atomically into a fresh run directory. The
 * terminal table is matrix-text.ts (re-exported here).
 */
import { join } from 'node:path';
import type { ValidateResult } from './matrix-types.js';
import { writeFileAtomic } from './atomic-write.js';
import { fieldLegend, followUp, MATRIX_COLUMNS, type MatrixRowView } from './matrix-columns.js';
import { createRunDir } from './reports-dir.js';

export { matrixText } from './matrix-text.js';

/** What the Markdown needs of a result: a ValidateResult, or the matrix a summary.json holds. */
export interface MatrixView {
  ok: boolean;
  budget: string;
  seed: number;
  elapsedMs: number;
  rows: readonly MatrixRowView[];
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function matrixMarkdown(v: MatrixView): string {
  const row = (c: readonly string[]): string => `| ${c.map(mdCell).join(' | ')} |`;
  const follow = v.rows.flatMap((r) => { const f = followUp(r, v.seed); return f === null ? [] : [`- ${r.name}: \`${f}\``]; });
  return [
    `# shrinkrace validate (budget ${v.budget}, seed ${v.seed}, ${(v.elapsedMs / 1000).toFixed(1)}s)`, '',
    row(MATRIX_COLUMNS.map((c) => c.head)), row(MATRIX_COLUMNS.map(() => '---')), ...v.rows.map((r) => row(MATRIX_COLUMNS.map((c) => c.cell(r)))), '',
    v.ok ? 'Every row met its expectation.' : `**${v.rows.filter((r) => !r.met).length} rows did not meet their expectation.**`, '',
    ...(follow.length ? ['To look at a row: a replay prints its counterexample byte for byte; a check re-runs a search that found none.', '', ...follow, ''] : []),
    '## Columns', '',
    ...MATRIX_COLUMNS.map((c) => `- **${mdCell(c.head)}**: ${c.help}`), '',
  ].join('\n');
}

/** validate.json: the result as the API returns it, and what each row field holds. */
export function matrixJson(v: ValidateResult): string {
  return JSON.stringify({ ...v, columns: fieldLegend() }, null, 2) + '\n';
}

/** Write validate.json and validate.md into a fresh run directory under `reportsDir`; returns its path. */
export function writeMatrix(reportsDir: string, v: ValidateResult): string {
  const out = createRunDir(reportsDir, 'validate', null);
  writeFileAtomic(join(out, 'validate.json'), matrixJson(v));
  writeFileAtomic(join(out, 'validate.md'), matrixMarkdown(v));
  return out;
}
