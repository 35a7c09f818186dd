/**
 * --trace-out: a failing run as Chrome trace-event JSON. From a real counterexample (the corpus's
 * no-recheck entry, replayed), and end to end through `replay --trace-out` on the built CLI: the file
 * parses, names one thread per actor, has one event per actor step in step order, and exactly one
 * instant event for the violation, at the violation's step, on the violating actor's thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/api/corpus.js';
import { replayToken } from '../../src/api/replay.js';
import { replayCounterexample } from '../../src/api/report.js';
import { toTraceEvents, type TraceEventFile } from '../../src/report/trace-events.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const CORPUS = fileURLToPath(new URL('../corpus/regressions.json', import.meta.url));
const entry = loadCorpus(CORPUS).entries.find((e) => e.variant === 'free-without-wait')!;

function shape(t: TraceEventFile, cx: NonNullable<ReturnType<typeof replayCounterexample>>) {
  const names = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const steps = t.traceEvents.filter((e) => e.ph === 'X');
  const instants = t.traceEvents.filter((e) => e.ph === 'i');
  const actors = new Set(cx.trace.filter((r) => r.actor >= 0).map((r) => r.actor));
  expect(names.map((n) => n.args!.name)).toEqual(expect.arrayContaining([...actors].map((a) => cx.actorNames[a])));
  expect(steps.length).toBe(new Set(cx.trace.filter((r) => r.actor >= 0).map((r) => `${r.step}:${r.actor}`)).size);
  for (const e of steps) expect(names.some((n) => n.tid === e.tid)).toBe(true);
  expect(steps.map((e) => e.ts)).toEqual([...steps.map((e) => e.ts)].sort((a, b) => a! - b!));
  expect(instants).toHaveLength(1);
  expect(instants[0]).toMatchObject({ name: `VIOLATION ${cx.invariant}`, ts: cx.violation.step, tid: cx.violation.actor + 1 });
}

describe('Chrome trace-event export', () => {
  it('turns a real counterexample into threads, steps and one violation instant', async () => {
    const r = await replayToken(entry.token);
    const cx = replayCounterexample(r, entry.token)!;
    shape(toTraceEvents(cx, { variant: entry.variant }), cx);
  });

  it('a passing run gives a trace with no steps and says why', () => {
    const t = toTraceEvents(null, { variant: 'lockless' });
    expect(t.traceEvents.filter((e) => e.ph !== 'M')).toHaveLength(0);
    expect(t.otherData.note).toMatch(/no violation/);
  });

  it('replay --trace-out writes it, keeps stdout byte for byte, and says where on stderr', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'shrinkrace-trace-')), 'run.json');
    const plain = spawnSync(process.execPath, [CLI, 'replay', entry.token], { encoding: 'utf8' });
    const traced = spawnSync(process.execPath, [CLI, 'replay', entry.token, '--trace-out', file], { encoding: 'utf8' });
    expect(traced.status).toBe(1);
    expect(traced.stdout).toBe(plain.stdout);
    expect(traced.stderr).toContain(`trace: ${file}`);
    const r = await replayToken(entry.token);
    shape(JSON.parse(readFileSync(file, 'utf8')), replayCounterexample(r, entry.token)!);
  });
});
