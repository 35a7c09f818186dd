/**
 * report.html's timeline for a long trace, drawn by the page's own script in headless Chromium: 40,000
 * rows (mostly one livelocked actor) draw every lane and one mark per actor step in well under the
 * test's budget (the script is linear: the old one looked every step up with indexOf, quadratic).
 * Without Chromium the test is skipped with the reason, never passed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../src/model/kernel.js';
import { renderHtml } from '../../src/report/html.js';
import { SUMMARY_SCHEMA, SUMMARY_VERSION } from '../../src/report/summary-schema.js';
import { renderTrace } from '../../src/report/trace.js';
import { CHROMIUM_FLAGS, findChromium } from '../helpers/chromium.js';

const browser = findChromium();
const reason = 'reason' in browser ? browser.reason : '';
const N = 40_000;
const NAMES = ['producer0', 'reclaimer0', 'unregisterer0'];

describe('a long timeline in headless Chromium', () => {
  it('draws every lane and every actor step', (ctx) => {
    if (reason) return ctx.skip(reason);
    const actor = (i: number): number => (i % 97 === 0 ? -1 : i % 50 === 0 ? 2 : i % 10 === 0 ? 0 : 1);
    const trace: TraceRow[] = Array.from({ length: N }, (_, i) => ({ step: i >> 1, actor: actor(i), text: `spin ${i} <&>` }));
    const steps = trace[N - 1].step;
    const html = renderHtml({
      schema: SUMMARY_SCHEMA, version: SUMMARY_VERSION, runId: 'check-long', command: 'check', createdAt: '', ok: false, settings: {}, verdicts: [],
      counterexample: { variant: 'x', invariant: 'liveness', message: 'no quiescence', token: 'sr1.x', choices: 1, steps, actorNames: NAMES, trace, violation: { step: steps, actor: -1 }, columns: renderTrace(trace, NAMES, 'liveness') },
      matrix: null, bench: null,
    });
    const dir = mkdtempSync(join(tmpdir(), 'shrinkrace-long-timeline-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const t0 = Date.now();
    const r = spawnSync((browser as { path: string }).path, [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', pathToFileURL(file).href], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 << 20 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/<div id="timeline"[^>]*data-rendered="true"/);
    expect(Number(/data-lanes="(\d+)"/.exec(r.stdout)?.[1])).toBe(4);
    const marks = new Set(trace.filter((x) => x.actor >= 0).map((x) => `${x.step}:${x.actor}`)).size;
    expect((r.stdout.match(/<rect class="step"/g) ?? []).length).toBe(marks);
    expect(r.stdout).toMatch(/<g id="violation-marker" class="violation-marker" data-step="\d+" data-invariant="liveness"/);
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 150_000);
});
