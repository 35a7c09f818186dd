/**
 * Wrapping one cell of the column trace (trace.ts) to its column's width; the validate legend
 * (matrix-text.ts) wraps its lines with it too. A cell is kernel text such as
 * `rcu_dereference(mem_cgroup#1->nodeinfo[0]->shrinker_info) = shrinker_info#3`, so it breaks where a
 * reader would: at spaces first (whole words, filled greedily), then, inside a word too long for a
 * line of its own, just after a separator (`, ( ; : = ->` and `.`; never inside `[0]` nor before a
 * closing `)`), and only a run of characters with no separator that is itself longer than the line
 * is cut. Continuation lines start with a two-space indent, which counts against the width. A text
 * that fits is returned unchanged.
 */

const INDENT = '  ';

/** Positions just after a separator inside `word` (ascending): where it may break. */
function breakPoints(word: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length - 1; i++) {
    const c = word[i];
    if (c === '-' && word[i + 1] === '>') i++;
    else if (!',(;:=.'.includes(c)) continue;
    if (!'),;]'.includes(word[i + 1] ?? '')) out.push(i + 1);
  }
  return out;
}

/** The longest head of `word` ending just after a separator and at most `room` long (0: none). */
function headAtSeparator(word: string, room: number): number {
  let best = 0;
  for (const p of breakPoints(word)) if (p <= room) best = p;
  return best;
}

export function wrapCell(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const first = Math.max(1, width);
  const next = Math.max(1, width - INDENT.length);
  const out: string[] = [];
  let line = '';
  const room = (): number => (out.length === 0 ? first : next) - line.length - (line ? 1 : 0);
  const flush = (): void => {
    out.push(out.length === 0 ? line : INDENT + line);
    line = '';
  };
  const put = (piece: string): void => {
    line = line ? `${line} ${piece}` : piece;
  };
  for (let word of text.split(/ +/).filter(Boolean)) {
    if (word.length <= room()) {
      put(word);
      continue;
    }
    // a word that fits a fresh line goes there whole; a longer one is broken, starting on this line
    if (line && word.length <= next) {
      flush();
      put(word);
      continue;
    }
    while (word.length > room()) {
      let cut = headAtSeparator(word, room());
      if (cut === 0 && line) {
        flush();
        continue;
      }
      if (cut === 0) cut = room(); // one run with no separator, longer than the line: cut it
      put(word.slice(0, cut));
      flush();
      word = word.slice(cut);
    }
    if (word) put(word);
  }
  if (line || out.length === 0) flush();
  return out;
}
