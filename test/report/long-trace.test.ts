/**
 * A long liveness trace through every renderer: 200,000 rows built by hand (no run needed) go through
 * the column trace, summary.json (schema), report.md, report.html (its timeline data holds every row)
 * and the Chrome trace-event export without throwing, each still complete where it must be. Before,
 * the column trace spread the rows into Math.max and died with "Maximum call stack size exceeded".
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../src/model/kernel.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { writeReportDir } from '../../src/report/report-dir.js';
import { SUMMARY_SCHEMA, SUMMARY_VERSION, type Counterexample, type Summary } from '../../src/report/summary-schema.js';
import { toTraceEvents } from '../../src/report/trace-events.js';
import { renderTrace } from '../../src/report/trace.js';

const N = 200_000;
const NAMES = ['producer0', 'reclaimer0', 'unregisterer0', 'rcu'];
const TEXTS = ['rcu_read_lock()', 'READ_ONCE(list_lru_one#3->nr_items) = 0', 'rcu_dereference(mem_cgroup#1->nodeinfo[0]->shrinker_info) = shrinker_info#3', 'wait_for_completion(&shrinker#0->done) <spins>'];

/** Mostly one livelocked actor (its rows alone overflowed the old Math.max spread), a few for the others. */
function rows(): TraceRow[] {
  const out: TraceRow[] = new Array(N);
  const actor = (i: number): number => (i % 97 === 0 ? -1 : i % 333 === 0 ? 3 : i % 50 === 0 ? 2 : i % 10 === 0 ? 0 : 1);
  for (let i = 0; i < N; i++) out[i] = { step: Math.floor(i / 2), actor: actor(i), text: TEXTS[i % TEXTS.length] };
  return out;
}

function counterexample(trace: TraceRow[]): Counterexample {
  const steps = trace[trace.length - 1].step;
  return {
    variant: 'never-completes', invariant: 'liveness', message: `no quiescence after ${steps} steps (livelock or a step budget too small)`,
    token: 'sr1.AAAA', choices: 12, steps, actorNames: NAMES, trace, violation: { step: steps, actor: -1 },
    columns: renderTrace(trace, NAMES, 'liveness'),
  };
}

describe('a 200,000-row trace', () => {
  const trace = rows();
  const cx = counterexample(trace);
  const summary: Summary = {
    schema: SUMMARY_SCHEMA, version: SUMMARY_VERSION, runId: 'check-long', command: 'check', createdAt: new Date(0).toISOString(), ok: false,
    settings: { variant: 'never-completes' }, verdicts: [{ name: 'never-completes', expected: 'passes', observed: 'violates liveness', met: false }],
    counterexample: cx, matrix: null, bench: null,
  };

  it('renders as columns: the beginning and the end, one line for what was left out, the footer', () => {
    const lines = cx.columns.split('\n');
    expect(lines.at(-1)).toBe('>>>  liveness'.padStart(lines.at(-1)!.length));
    expect(lines.filter((l) => l.includes('not shown: every row is in summary.json')).length).toBe(1);
    expect(cx.columns).toContain(String(trace[N - 1].step));
    expect(Math.max(...lines.slice(0, 5000).map((l) => l.length))).toBeLessThan(4 * 46 + 10);
    // every row is still rendered when asked for
    expect(renderTrace(trace, NAMES, 'x', { maxRows: Infinity }).split('\n').length).toBeGreaterThan(N);
  });

  it('renders report.md and report.html; the page embeds every row for the timeline', () => {
    expect(renderMarkdown(summary)).toContain(cx.columns);
    const html = renderHtml(summary);
    const data = JSON.parse(/<script type="application\/json" id="timeline-data">(.*?)<\/script>/s.exec(html)![1]);
    expect(data.trace).toHaveLength(N);
    expect(html).toContain('<div id="timeline" data-rendered="false">');
    expect(html).toContain('<pre id="column-trace">');
  });

  it('exports trace events: one per actor step, the violation last', () => {
    const t = toTraceEvents(cx, { variant: 'never-completes' });
    const steps = new Set(trace.filter((r) => r.actor >= 0).map((r) => `${r.step}:${r.actor}`));
    expect(t.traceEvents.filter((e) => e.ph === 'X')).toHaveLength(steps.size);
    expect(t.traceEvents.at(-1)).toMatchObject({ ph: 'i', name: 'VIOLATION liveness' });
  });

  it('writes a report directory through the schema', () => {
    const dir = writeReportDir(mkdtempSync(join(tmpdir(), 'shrinkrace-long-')), summary);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).counterexample.trace).toHaveLength(N);
  });
});
