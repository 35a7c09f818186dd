/**
 * The column trace (src/report/trace.ts) and its cell wrapping (wrap-cell.ts): rows that fit their
 * column render byte for byte as before (golden text taken from the renderer before wrapping changed),
 * long cells break at spaces, then after separators, and only a run with no separator longer than the
 * line is cut; a trace longer than maxRows shows its beginning and end around one line saying what
 * was left out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../src/model/kernel.js';
import { renderTrace } from '../../src/report/trace.js';
import { wrapCell } from '../../src/report/wrap-cell.js';

const NAMES = ['producer0', 'reclaimer0', 'unregisterer0', 'rcu'];
const ROWS: TraceRow[] = [
  { step: 3, actor: 2, text: 'owner 1: closing shrinker#1 to producers' },
  { step: 4, actor: 0, text: 'rcu_read_lock()' },
  { step: 5, actor: 0, text: 'css_tryget(mem_cgroup#0)' },
  { step: 5, actor: 0, text: 'READ_ONCE(list_lru_one#3->nr_items) = 0' },
  { step: 9, actor: 1, text: 'do_shrink_slab: count_objects = 0' },
  { step: 10, actor: -1, text: 'end-state check' },
  { step: 12, actor: 3, text: 'grace period over' },
  { step: 13, actor: 1, text: 'clear_bit(0, shrinker_info_unit#1->map)' },
];

/** Rendered by the renderer as it was before this change: no row wraps, so nothing may differ. */
const GOLDEN_SHORT = 'step  producer0                                reclaimer0                               unregisterer0                             rcu\n      ---------------------------------------  ---------------------------------------  ----------------------------------------  -----------------\n   3                                                                                    owner 1: closing shrinker#1 to producers\n   4  rcu_read_lock()\n   5  css_tryget(mem_cgroup#0)\n      READ_ONCE(list_lru_one#3->nr_items) = 0\n   9                                           do_shrink_slab: count_objects = 0\n  12                                                                                                                              grace period over\n  13                                           clear_bit(0, shrinker_info_unit#1->map)\n >>>  lost bit: memcg 1 node 0 shrinker 0';

const GOLDEN_NARROW = [
  'step  producer0             reclaimer0            unregisterer0         rcu',
  '      --------------------  --------------------  --------------------  -----------------',
  '   3                                              owner 1: closing',
  '                                                    shrinker#1 to',
  '                                                    producers',
  '   4  rcu_read_lock()',
  '   5  css_tryget(',
  '        mem_cgroup#0)',
  '      READ_ONCE(',
  '        list_lru_one#3->',
  '        nr_items) = 0',
  '   9                        do_shrink_slab:',
  '                              count_objects = 0',
  '  12                                                                    grace period over',
  '  13                        clear_bit(0,',
  '                              shrinker_info_unit',
  '                              #1->map)',
  ' >>>  footer',
].join('\n');

describe('column trace', () => {
  it('renders rows that fit byte for byte as before', () => {
    expect(renderTrace(ROWS, NAMES, 'lost bit: memcg 1 node 0 shrinker 0')).toBe(GOLDEN_SHORT);
  });

  it('wraps long cells at spaces and separators, never inside an identifier that fits a line', () => {
    expect(renderTrace(ROWS, NAMES, 'footer', { maxWidth: 20 })).toBe(GOLDEN_NARROW);
  });

  it('breaks the texts that used to be cut mid-identifier at a separator', () => {
    expect(wrapCell('rcu_dereference(mem_cgroup#1->nodeinfo[0]->shrinker_info) = shrinker_info#3', 44))
      .toEqual(['rcu_dereference(mem_cgroup#1->nodeinfo[0]->', '  shrinker_info) = shrinker_info#3']);
    expect(wrapCell('do_shrink_slab: READ_ONCE(list_lru_one#3->nr_items) = 0', 30))
      .toEqual(['do_shrink_slab: READ_ONCE(', '  list_lru_one#3->nr_items) =', '  0']);
    expect(wrapCell('rcu_assign_pointer(mem_cgroup#0->nodeinfo[0]->shrinker_info) = shrinker_info(flat)#4', 44))
      .toEqual(['rcu_assign_pointer(mem_cgroup#0->', '  nodeinfo[0]->shrinker_info) =', '  shrinker_info(flat)#4']);
    expect(wrapCell('x'.repeat(25), 10)).toEqual(['xxxxxxxxxx', '  xxxxxxxx', '  xxxxxxx']);
  });

  it('any text: lines fit, words survive, and only separator-free runs longer than a line are cut', () => {
    const word = fc.stringMatching(/^[a-z_#0-9]{1,12}([,(;:=.]|->)?[a-z_#0-9)]{0,12}$/);
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.integer({ min: 6, max: 60 }), (words, width) => {
      const text = words.join(' ');
      const lines = wrapCell(text, width);
      lines.forEach((l, i) => {
        expect(l.length).toBeLessThanOrEqual(width);
        if (i > 0) expect(l.startsWith('  ') && !l.startsWith('   ')).toBe(true);
      });
      const pieces = lines.map((l, i) => (i === 0 ? l : l.slice(2)));
      expect(pieces.join(' ').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      // a word that fits a continuation line is never split
      for (const w of words) if (w.length <= width - 2) expect(pieces.join('\n').split(/[ \n]/)).toContain(w);
    }));
  });

  it('shows the beginning and the end of a trace longer than maxRows, and says what was left out', () => {
    const rows: TraceRow[] = Array.from({ length: 50 }, (_, i) => ({ step: i, actor: i % 2, text: `op ${i}` }));
    const out = renderTrace(rows, NAMES, 'footer', { maxRows: 10, headRows: 3 }).split('\n');
    expect(out).toHaveLength(2 + 3 + 1 + 7 + 1);
    expect(out[5]).toContain('[40 rows of steps 3-42 not shown');
    expect(out.at(-2)).toContain('op 49');
    expect(out.at(-1)).toBe(' >>>  footer');
  });
});
