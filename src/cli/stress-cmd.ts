/**
 * `shrinkrace stress`: parse, call api/stress, print. Exit 0 when no violation is found, 1 when one
 * is (a violation, a liveness report, or an error thrown by the design's code), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { stress, type StressResult } from '../api/stress.js';
import { resolveVariant, DEFAULT_SEED } from './check-cmd.js';
import { parseIntOption, UsageError } from './usage.js';
import { progress } from './progress.js';
import { REPORT_OPTIONS, stressOutputs } from './report-flags.js';

export function parseDuration(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`--duration must look like 500ms, 10s or 2m (got "${v}")`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
}

const perSec = (n: number, ms: number): number => Math.round(n / (ms / 1000));
const fmtRate = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

export function stressJson(r: StressResult): object {
  const v = r.violation;
  return {
    ok: r.ok, variant: r.variant, workers: r.workers, seed: r.seed, elapsedMs: Math.round(r.elapsedMs), runs: r.runs, steps: r.steps,
    stepsPerSecond: perSec(r.steps, r.elapsedMs),
    perWorker: r.perWorker.map((w) => ({ worker: w.worker, steps: w.steps, stepsPerSecond: perSec(w.steps, r.elapsedMs), busyStepsPerSecond: w.busyMs > 0 ? perSec(w.steps, w.busyMs) : 0 })),
    quiescentChecks: r.quiescentChecks,
    ...(r.calibration && { calibration: r.calibration }),
    ...(v && {
      violation: {
        invariant: v.invariant, message: v.message, worker: v.worker, actor: v.actor, step: v.step, run: v.run,
        ...(v.replay && { replay: { reproduced: v.replay.reproduced, logSteps: v.replay.logSteps, divergedAt: v.replay.divergedAt, observed: v.replay.observed, token: v.replay.token, steps: v.replay.steps, trace: v.replay.text } }),
      },
    }),
  };
}

export function stressText(r: StressResult): string {
  const secs = (r.elapsedMs / 1000).toFixed(1);
  const out: string[] = [];
  const total = perSec(r.steps, r.elapsedMs);
  out.push(r.ok ? `ok: variant ${r.variant}: no violation in ${r.runs} runs, ${r.steps} steps in ${secs}s on ${r.workers} worker threads (seed ${r.seed})`
    : `FAILED: variant ${r.variant}: ${r.violation!.invariant} in run ${r.violation!.run} after ${secs}s (seed ${r.seed})`);
  out.push(`  steps/s: total ${fmtRate(total)}; ` + r.perWorker.map((w) => `worker ${w.worker} ${fmtRate(perSec(w.steps, r.elapsedMs))} (${fmtRate(w.busyMs > 0 ? perSec(w.steps, w.busyMs) : 0)} while running)`).join(', '));
  out.push(`  quiescent checks: ${r.quiescentChecks}`);
  if (r.calibration) {
    const c = r.calibration;
    out.push(`  raw Atomics.add on these threads: ${fmtRate(c.sharedAtomicsPerSecond)}/s on one shared word, ${fmtRate(c.privateAtomicsPerSecond)}/s on private words; ` +
      `engine steps/s = 1/${Math.round(c.sharedAtomicsPerSecond / Math.max(1, total))} of the shared-word rate`);
  }
  const v = r.violation;
  if (v) {
    out.push('', v.message, `  found by ${v.worker >= 0 ? `worker ${v.worker}` : 'the main thread (quiescent check or watchdog)'}${v.actor !== '-' ? `, actor ${v.actor}` : ''}${v.step >= 0 ? `, ticket ${v.step}` : ''}`);
    const rp = v.replay;
    if (rp?.reproduced) {
      out.push(`  ticket log (${rp.logSteps} steps${rp.divergedAt === null ? '' : `, diverged at step ${rp.divergedAt}`}) replayed in the deterministic engine: reproduced; shrunk to ${rp.steps} schedule choices:`, '', rp.text!);
    } else if (rp) {
      out.push(`  ticket log (${rp.logSteps} steps${rp.divergedAt === null ? '' : `, diverged at step ${rp.divergedAt}`}) replayed in the deterministic engine: NOT reproduced (${rp.observed})`);
    }
  }
  return out.join('\n');
}

export async function stressCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      variant: { type: 'string', default: 'lockless' },
      workers: { type: 'string' },
      duration: { type: 'string' },
      seed: { type: 'string' },
      jitter: { type: 'string' },
      'check-interval': { type: 'string' },
      watchdog: { type: 'string' },
      parallel: { type: 'string' },
      repeat: { type: 'string' },
      json: { type: 'boolean', default: false },
      'trace-out': REPORT_OPTIONS['trace-out'],
      save: REPORT_OPTIONS.save,
      corpus: REPORT_OPTIONS.corpus,
    },
    strict: true,
    allowPositionals: false,
  });
  const { variant, ref } = await resolveVariant(values.variant!);
  const workers = parseIntOption('workers', values.workers, 2, 1);
  if (workers > 64) throw new UsageError(`--workers must be at most 64 (got ${workers})`);
  const jitter = values.jitter === undefined ? 0.02 : Number(values.jitter);
  if (!(jitter >= 0 && jitter <= 1)) throw new UsageError(`--jitter must be a probability 0..1 (got "${values.jitter}")`);
  const durationMs = parseDuration(values.duration, 10_000);
  const bar = progress(`stress ${variant.name}`, values.json ? { quiet: true } : { unit: 's' });
  const r = await stress({
    variant, variantRef: ref, workers, durationMs, jitter, seed: parseIntOption('seed', values.seed, DEFAULT_SEED, -(2 ** 31)),
    checkIntervalMs: parseDuration(values['check-interval'], 50), watchdogMs: parseDuration(values.watchdog, 3000),
    parallel: parseIntOption('parallel', values.parallel, 1, 1), repeat: parseIntOption('repeat', values.repeat, 64, 1),
    onProgress: (p) => bar.update(p.elapsedMs / 1000, p.durationMs / 1000,
      `runs ${p.runs}, ${fmtRate(perSec(p.steps, p.elapsedMs))} steps/s, quiescent checks ${p.quiescentChecks}, violations ${p.violations}`),
  });
  bar.done();
  const outputs = await stressOutputs(values, r, r.seed); // --trace-out, --save
  process.stdout.write((values.json ? JSON.stringify(stressJson(r)) : stressText(r)) + '\n');
  for (const line of outputs) (values.json ? process.stderr : process.stdout).write(line + '\n');
  return r.ok ? 0 : 1;
}
