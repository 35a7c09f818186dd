/** A stress result as text (the terminal) and as one JSON object (--json). */
import type { StressResult } from '../threads/stress.js';

const perSec = (n: number, ms: number): number => Math.round(n / (ms / 1000));
export const fmtRate = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

export function stressJson(r: StressResult): object {
  const v = r.violation;
  return {
    ok: r.ok, interrupted: r.interrupted ?? false, variant: r.variant, workers: r.workers, seed: r.seed, elapsedMs: Math.round(r.elapsedMs), runs: r.runs, steps: r.steps,
    stepsPerSecond: perSec(r.steps, r.elapsedMs),
    perWorker: r.perWorker.map((w) => ({ worker: w.worker, steps: w.steps, stepsPerSecond: perSec(w.steps, r.elapsedMs), busyStepsPerSecond: w.busyMs > 0 ? perSec(w.steps, w.busyMs) : 0 })),
    quiescentChecks: r.quiescentChecks,
    ...(r.memory && { memory: { rssStartMb: r.memory.rssStartMb, rssPeakMb: r.memory.rssPeakMb, rssEndMb: r.memory.rssEndMb, sharedBuffers: r.memory.sharedBuffers } }),
    ...(r.calibration && { calibration: r.calibration }),
    ...(v && {
      violation: {
        invariant: v.invariant, message: v.message, worker: v.worker, actor: v.actor, step: v.step, run: v.run,
        ...(v.replay && { replay: { ...v.replay, trace: v.replay.text, text: undefined } }),
      },
    }),
  };
}

export function stressText(r: StressResult): string {
  const secs = (r.elapsedMs / 1000).toFixed(1);
  const out: string[] = [];
  const total = perSec(r.steps, r.elapsedMs);
  const head = r.violation ? `FAILED: variant ${r.variant}: ${r.violation.invariant} in run ${r.violation.run} after ${secs}s (seed ${r.seed})`
    : `${r.interrupted ? 'interrupted' : 'ok'}: variant ${r.variant}: no violation in ${r.runs} runs, ${r.steps} steps in ${secs}s on ${r.workers} worker threads (seed ${r.seed})` +
      (r.interrupted ? ' before Ctrl-C' : '');
  out.push(head);
  out.push(`  steps/s: total ${fmtRate(total)}; ` + r.perWorker.map((w) => `worker ${w.worker} ${fmtRate(perSec(w.steps, r.elapsedMs))} (${fmtRate(w.busyMs > 0 ? perSec(w.steps, w.busyMs) : 0)} while running)`).join(', '));
  out.push(`  quiescent checks: ${r.quiescentChecks}`);
  if (r.memory) out.push(`  memory (RSS): ${r.memory.rssStartMb} MB at start, ${r.memory.rssPeakMb} MB peak, ${r.memory.rssEndMb} MB at the end; ${r.memory.sharedBuffers} shared buffer(s) reused across runs`);
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
      const log = `ticket log (${rp.logSteps} steps${rp.divergedAt === null ? '' : `, diverged at step ${rp.divergedAt}`})`;
      const how = rp.how === 're-found'
        ? `${log} ${rp.logReproduced ? 'reproduced it' : `did not reproduce it (${rp.observed})`}; re-found by the deterministic engine with each actor's operations ` +
          `${rp.repeat.counterexample ?? '?'}x (${rp.search.runs} runs)`
        : `${log} replayed in the deterministic engine: reproduced`;
      out.push(`  ${how}; shrunk to ${rp.steps} schedule choices${rp.sameSite === false ? ' (the counterexample breaks it at another site)' : ''}:`, '', rp.text!);
    } else if (rp) {
      out.push(`  ticket log (${rp.logSteps} steps${rp.divergedAt === null ? '' : `, diverged at step ${rp.divergedAt}`}) replayed in the deterministic engine: NOT reproduced (${rp.observed}); ` +
        `not re-found in ${rp.search.runs} runs: no token`);
    }
  }
  return out.join('\n');
}

