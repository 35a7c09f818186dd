/**
 * A real browser opens report.html: headless Chromium (Debian's package; installed by the test when
 * missing, as root, if reachable) loads the file:// page of a real `check --variant no-recheck`
 * failure, runs its inline script, and the dumped DOM must hold the drawn timeline: its lanes, its
 * step marks and the violation marker. A screenshot is taken too. Without Chromium the tests are
 * skipped, with the reason, never passed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/search/check.js';
import { writeCheckReport } from '../../src/api/report.js';
import { noRecheck } from '../../src/variants/bugs/no-recheck.js';
import { CHROMIUM_FLAGS, findChromium } from '../helpers/chromium.js';

const browser = findChromium();
const reason = 'reason' in browser ? browser.reason : '';
if (reason) console.warn(`browser tests SKIPPED: ${reason}`);

function chromium(args: string[]): { code: number | null; out: string; err: string } {
  const profile = mkdtempSync(join(tmpdir(), 'shrinkrace-chromium-'));
  const r = spawnSync((browser as { path: string }).path, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--virtual-time-budget=5000', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('report.html in headless Chromium', () => {
  let html = '';
  let dir = '';
  beforeAll(() => {
    if (reason) return;
    const r = check({ variant: noRecheck, runs: 100_000, seed: 1, strategy: 'random', shrinkTimeMs: 5000 });
    expect(r.failure?.invariant).toBe('lost-bit');
    dir = writeCheckReport(noRecheck, r, mkdtempSync(join(tmpdir(), 'shrinkrace-report-')));
    html = join(dir, 'report.html');
  }, 120_000);

  it('renders the timeline with its lanes, steps and the violation marker', (ctx) => {
    if (reason) return ctx.skip(reason);
    const r = chromium(['--dump-dom', pathToFileURL(html).href]);
    expect(r.code, r.err).toBe(0);
    const dom = r.out;
    // the inline script ran: the static page says data-rendered="false" and holds no SVG lanes
    expect(readFileSync(html, 'utf8')).not.toMatch(/class="lane"/);
    expect(dom).toMatch(/<div id="timeline"[^>]*data-rendered="true"/);
    const lanes = [...dom.matchAll(/<g class="lane" id="lane-[\w-]+" data-actor="([^"]+)"/g)].map((m) => m[1]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const actors = new Set(summary.counterexample.trace.map((t: { actor: number }) => t.actor).filter((a: number) => a >= 0));
    expect(lanes.length).toBeGreaterThanOrEqual(2);
    expect(lanes.length).toBe(Number(/data-lanes="(\d+)"/.exec(dom)?.[1]));
    expect(lanes.length).toBe(actors.size + (summary.counterexample.violation.actor < 0 ? 1 : 0));
    expect((dom.match(/<rect class="step"/g) ?? []).length).toBeGreaterThan(lanes.length);
    expect(dom).toMatch(/<g id="violation-marker" class="violation-marker" data-step="\d+" data-invariant="lost-bit"/);
    expect(dom).toMatch(/id="column-trace"/);
  }, 180_000);

  it('takes a screenshot of the rendered page', (ctx) => {
    if (reason) return ctx.skip(reason);
    const png = join(dir, 'screenshot.png');
    const r = chromium([`--screenshot=${png}`, '--window-size=1400,1100', '--hide-scrollbars', pathToFileURL(html).href]);
    expect(r.code, r.err).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(10_000);
  }, 180_000);
});
