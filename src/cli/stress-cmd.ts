/**
 * `shrinkrace stress`: parse, call api/stress, print. Exit 0 when no violation is found, 1 when one
 * is (a violation or a liveness report), 3 when the design's code threw something that is not a
 * violation (a harness error, one line), 130 when interrupted, 2 on bad usage.
 */
import { stress, type StressResult } from '../threads/stress.js';
import { harnessErrorLine } from '../report/harness-error.js';
import { corpusOpt, jsonOpt, maxThreads, saveOpt, threadsWhy, traceOutOpt, variantOpt } from './common-options.js';
import { EXIT_INTERRUPTED, onInterrupt } from './interrupt.js';
import { duration, int, probability, seed } from './option-kinds.js';
import { parseCommand, type CommandSpec } from './options.js';
import { progress } from './progress.js';
import { stressOutputs } from './report-flags.js';
import { resolveVariant } from './resolve-variant.js';
import { stressJson, stressText } from './stress-text.js';
import { EXIT_HARNESS, UsageError } from './usage.js';

export const STRESS = {
  name: 'stress',
  summary: 'run seeded scenarios on real worker threads; replay (or re-find) and shrink what they find',
  options: {
    variant: variantOpt,
    workers: int('N', 'worker threads per scenario', { dflt: 2, min: 1, max: maxThreads, why: threadsWhy() }),
    duration: duration('D', 'how long to run (500ms, 10s, 2m, 1h)', 10_000),
    seed: seed('fixes the scenarios and every worker\'s operation stream'),
    jitter: probability('P', 'per-step probability of a random busy-wait (widens race windows)', 0.02),
    'check-interval': duration('D', 'quiescent invariant checks inside a run', 50),
    watchdog: duration('D', 'an actor with no progress this long is a liveness report', 3000),
    parallel: int('N', 'scenarios at once, each on --workers threads', { dflt: 1, min: 1, max: maxThreads, why: threadsWhy() }),
    repeat: int('N', 'times each actor repeats its operations in one run', { dflt: 64, min: 1, max: 1000 }),
    json: jsonOpt,
    'trace-out': traceOutOpt,
    save: saveOpt,
    corpus: corpusOpt,
  },
  notes: ['--workers x --parallel threads at most: ' + 'four per core of this machine.'],
} satisfies CommandSpec;

export async function stressCommand(argv: string[]): Promise<number> {
  const { values: v } = parseCommand(STRESS, argv);
  if (v.workers * v.parallel > maxThreads()) {
    throw new UsageError(`--workers ${v.workers} x --parallel ${v.parallel} = ${v.workers * v.parallel} threads: at most ${maxThreads()} (${threadsWhy()})`);
  }
  const { variant, ref } = await resolveVariant(v.variant);
  const bar = progress(`stress ${variant.name}`, v.json ? { quiet: true } : { unit: 's' });
  const stop = onInterrupt('the stress run');
  let r: StressResult;
  try {
    r = await stress({
      variant, variantRef: ref, workers: v.workers, durationMs: v.duration, jitter: v.jitter, seed: v.seed,
      checkIntervalMs: v['check-interval'], watchdogMs: v.watchdog, parallel: v.parallel, repeat: v.repeat, signal: stop.signal,
      onProgress: (p) => bar.update(p.elapsedMs / 1000, p.durationMs / 1000,
        `runs ${p.runs}, ${Math.round(p.steps / Math.max(0.001, p.elapsedMs / 1000))} steps/s, quiescent checks ${p.quiescentChecks}, violations ${p.violations}${p.rssMb !== undefined ? `, rss ${p.rssMb} MB` : ''}`),
    });
  } finally {
    bar.done();
    stop.dispose();
  }
  const e = r.violation;
  if (e?.invariant === 'error') {
    if (v.json) process.stdout.write(JSON.stringify(stressJson(r)) + '\n');
    const where = `in stress run ${e.run} (seed ${r.seed})`; // the message names the worker, actor and ticket
    process.stderr.write(`shrinkrace: ${harnessErrorLine(where, e.message, e.replay?.token ?? null)}\n`);
    return EXIT_HARNESS;
  }
  const outputs = await stressOutputs(v, r, r.seed); // --trace-out, --save
  process.stdout.write((v.json ? JSON.stringify(stressJson(r)) : stressText(r)) + '\n');
  for (const line of outputs) (v.json ? process.stderr : process.stdout).write(line + '\n');
  return r.interrupted ? EXIT_INTERRUPTED : r.ok ? 0 : 1;
}
