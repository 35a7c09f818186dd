/**
 * Renders a trace the way the kernel's commit messages draw races: one column per actor, time going
 * down, each row one access, ending at the violation. Actors that did nothing visible get no column.
 *
 *   step  producer0                         reclaimer0
 *     41                                    do_shrink_slab: READ_ONCE(list_lru_one#3->nr_items) = 0
 *     42  spin_lock(&l->lock)
 */
import type { TraceRow } from '../model/kernel.js';

export interface TraceRenderOptions {
  /** widest column, in characters; longer texts wrap */
  maxWidth?: number;
}

function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut < width / 2) cut = width;
    out.push(rest.slice(0, cut));
    rest = '  ' + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

export function renderTrace(rows: readonly TraceRow[], actorNames: readonly string[], footer: string, o: TraceRenderOptions = {}): string {
  const maxWidth = o.maxWidth ?? 44;
  const used = [...new Set(rows.map((r) => r.actor))].filter((a) => a >= 0).sort((x, y) => x - y);
  const col = new Map(used.map((a, i) => [a, i]));
  const width = used.map((a) => Math.min(maxWidth, Math.max(actorNames[a].length, ...rows.filter((r) => r.actor === a).map((r) => r.text.length))));
  const stepW = Math.max(4, String(rows.at(-1)?.step ?? 0).length);
  const line = (step: string, cells: Map<number, string>): string => {
    const parts = used.map((_, i) => (cells.get(i) ?? '').padEnd(width[i]));
    return `${step.padStart(stepW)}  ${parts.join('  ')}`.trimEnd();
  };
  const out = [line('step', new Map(used.map((a, i) => [i, actorNames[a]]))), line('', new Map(used.map((_, i) => [i, '-'.repeat(width[i])])))];
  let lastStep = -1;
  for (const r of rows) {
    const i = col.get(r.actor);
    if (i === undefined) continue;
    wrap(r.text, width[i]).forEach((piece, j) => {
      const label = j === 0 && r.step !== lastStep ? String(r.step) : '';
      out.push(line(label, new Map([[i, piece]])));
    });
    lastStep = r.step;
  }
  out.push(`${'>>>'.padStart(stepW)}  ${footer}`);
  return out.join('\n');
}
