/**
 * Renders a trace the way the kernel's commit messages draw races: one column per actor, time going
 * down, each row one access, ending at the violation. Actors that did nothing visible get no column.
 *
 *   step  producer0                         reclaimer0
 *     41                                    do_shrink_slab: READ_ONCE(list_lru_one#3->nr_items) = 0
 *     42  spin_lock(&l->lock)
 *
 * Any length renders (a liveness run can leave 200,000 rows): widths are found in one pass, never by
 * spreading rows into a call, and a trace longer than `maxRows` shows its beginning and its end (where
 * the violation is) around one line saying what was left out; summary.json, report.html's timeline
 * and --trace-out keep every row. Cells wrap at word and separator boundaries (wrap-cell.ts).
 */
import type { TraceRow } from '../model/kernel.js';
import { wrapCell } from './wrap-cell.js';

export interface TraceRenderOptions {
  /** widest column, in characters; longer texts wrap */
  maxWidth?: number;
  /** most rows shown; a longer trace shows its first `headRows` and its last ones */
  maxRows?: number;
  headRows?: number;
}

export const TRACE_MAX_ROWS = 600;
export const TRACE_HEAD_ROWS = 150;

/** The rows shown, and the left-out stretch between them (null: every row is shown). */
function shownRows(rows: readonly TraceRow[], maxRows: number, headRows: number): { head: readonly TraceRow[]; tail: readonly TraceRow[]; gap: { rows: number; from: number; to: number } | null } {
  if (rows.length <= maxRows) return { head: rows, tail: [], gap: null };
  const head = rows.slice(0, Math.min(headRows, maxRows));
  const tail = rows.slice(rows.length - (maxRows - head.length));
  const left = rows.slice(head.length, rows.length - tail.length);
  return { head, tail, gap: { rows: left.length, from: left[0].step, to: left[left.length - 1].step } };
}

export function renderTrace(rows: readonly TraceRow[], actorNames: readonly string[], footer: string, o: TraceRenderOptions = {}): string {
  const maxWidth = o.maxWidth ?? 44;
  const { head, tail, gap } = shownRows(rows, Math.max(1, o.maxRows ?? TRACE_MAX_ROWS), o.headRows ?? TRACE_HEAD_ROWS);
  const longest = new Map<number, number>();
  for (const part of [head, tail]) {
    for (const r of part) if (r.actor >= 0) longest.set(r.actor, Math.max(longest.get(r.actor) ?? 0, r.text.length));
  }
  const used = [...longest.keys()].sort((x, y) => x - y);
  const col = new Map(used.map((a, i) => [a, i]));
  const width = used.map((a) => Math.min(maxWidth, Math.max(actorNames[a].length, longest.get(a)!)));
  const stepW = Math.max(4, String(rows.at(-1)?.step ?? 0).length);
  const line = (step: string, cells: Map<number, string>): string => {
    const parts = used.map((_, i) => (cells.get(i) ?? '').padEnd(width[i]));
    return `${step.padStart(stepW)}  ${parts.join('  ')}`.trimEnd();
  };
  const out = [line('step', new Map(used.map((a, i) => [i, actorNames[a]]))), line('', new Map(used.map((_, i) => [i, '-'.repeat(width[i])])))];
  let lastStep = -1;
  const emit = (part: readonly TraceRow[]): void => {
    for (const r of part) {
      const i = col.get(r.actor);
      if (i === undefined) continue;
      wrapCell(r.text, width[i]).forEach((piece, j) => {
        const label = j === 0 && r.step !== lastStep ? String(r.step) : '';
        out.push(line(label, new Map([[i, piece]])));
      });
      lastStep = r.step;
    }
  };
  emit(head);
  if (gap !== null) {
    const n = (x: number): string => x.toLocaleString('en-US');
    out.push(`${'...'.padStart(stepW)}  [${n(gap.rows)} rows of steps ${n(gap.from)}-${n(gap.to)} not shown: every row is in summary.json, report.html's timeline and --trace-out]`);
    lastStep = -1;
  }
  emit(tail);
  out.push(`${'>>>'.padStart(stepW)}  ${footer}`);
  return out.join('\n');
}
