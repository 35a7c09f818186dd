/**
 * `shrinkrace check`: parse, run api/check on a worker thread (so Ctrl-C and the watchdog work while
 * the search runs), print. Exit 0: no violation in every run asked for (or in the --time budget);
 * 1: a violation; 3: a harness error (one line with its replay token); 130: interrupted.
 */
import { checkOnWorker } from '../api/check-job.js';
import type { CheckResult } from '../search/check.js';
import { MEMORY_MODES } from '../model/memory-model.js';
import { STRATEGIES } from '../sched/strategy.js';
import { DEFAULT_GENERATOR, GENERATORS } from '../search/scenario-arb.js';
import { DEFAULT_WORKLOADS } from '../model/workloads.js';
import { harnessErrorLine } from '../report/harness-error.js';
import type { Variant } from '../variants/variant.js';
import { corpusOpt, jsonOpt, litmusOutOpt, reportOpt, reportsDirOpt, saveOpt, shardOpt, traceOutOpt, variantOpt, workloadOpt } from './common-options.js';
import { EXIT_INTERRUPTED, onInterrupt } from './interrupt.js';
import { choice, duration, flag, int, seed, text } from './option-kinds.js';
import { FINDINGS, findingScenario } from '../variants/findings.js';
import { parseCommand, type CommandSpec } from './options.js';
import { progress } from './progress.js';
import { checkOutputs, litmusLines } from './report-flags.js';
import { resolveVariant } from './resolve-variant.js';
import { shardText } from '../search/shard.js';
import { EXIT_HARNESS, UsageError } from './usage.js';
import { coverageLine } from '../search/coverage-report.js';
import { exhaustiveStatement } from '../search/exhaustive-search.js';

export const CHECK = {
  name: 'check',
  summary: 'search generated scenarios and schedules for a violation, shrink it, print its trace',
  options: {
    variant: variantOpt,
    runs: int('N', 'runs (scenario x schedule) to try', { dflt: 100_000, min: 1, max: 1_000_000_000 }),
    time: duration('D', 'stop after this long, found or not, and say how many runs were done (e.g. 30s, 5m)'),
    seed: seed(),
    strategy: choice('S', 'how schedules are chosen (portfolio: random, pct, coverage and exhaustive taking turns in doubling slices)', STRATEGIES, 'random'),
    scenarios: choice('G', 'scenario generator: blend (uniform 3 runs in 4, dense the 4th with random or PCT plans), uniform size classes, swarm (each scenario draws its features), mixed (uniform and swarm, half each), or dense (one memcg, every op on its lists)', GENERATORS, DEFAULT_GENERATOR),
    finding: text('NAME', 'search for a known finding of the reference (see `variants`) the way its validate row does: its workloads, its own scenario or generator; stop at it and shrink it'),
    preemptions: int('K', 'strategy exhaustive: run every schedule of small scenarios with at most K preemptions', { dflt: 2, min: 0, max: 16 }),
    memory: choice('M', 'memory model (weak: store buffers and stale loads, after the LKMM: src/memory/weak.ts)', MEMORY_MODES, 'sc'),
    workload: workloadOpt,
    shard: shardOpt,
    all: flag('keep searching after a violation; report every distinct bug signature (exit 1 iff one is neither a known finding nor what the variant expects)'),
    coverage: flag('count the reference lines and interleaving pairs the runs reach; print a summary and put the coverage table in the report'),
    watchdog: duration('D', 'no engine run starting for this long (a step that never returns) is a harness error', 30_000),
    json: jsonOpt,
    report: reportOpt,
    'reports-dir': reportsDirOpt,
    'trace-out': traceOutOpt,
    'litmus-out': litmusOutOpt,
    save: saveOpt,
    corpus: corpusOpt,
  },
  notes: [
    'A violation prints its invariant, its bug signature (where it happened, and what freed, cleared or allocated), the shrunk trace ' +
    'in kernel-style columns and a `reproduce:` line. A known finding of the design (see `variants`) is listed and the search goes on: it never hides a new bug.',
  ],
} satisfies CommandSpec;

export function checkJson(r: CheckResult): object {
  const secs = r.elapsedMs / 1000;
  const f = r.failure;
  return {
    ok: r.ok, variant: r.variant, memory: r.memory, runs: r.runs, runsAsked: r.runsAsked, stopped: r.stopped, seed: r.seed, strategy: r.strategy,
    ...(r.scenarios && { scenarios: r.scenarios }),
    workloads: r.workloads, elapsedMs: Math.round(r.elapsedMs), steps: r.steps, ...(r.shard && { shard: r.shard }),
    runsPerSecond: Math.round(r.runs / secs), stepsPerSecond: Math.round(r.steps / secs),
    ...(f && {
      violation: {
        invariant: f.invariant, signature: f.signature, message: f.message, replay: f.token, steps: f.steps, runSteps: f.runSteps,
        switches: f.switches, foundSteps: f.foundSteps, runsToFirstFailure: f.runsToFirstFailure,
        timeToFirstFailureMs: Math.round(f.timeToFirstFailureMs), shrinkMs: Math.round(f.shrinkMs), trace: f.text,
      },
    }),
    violations: r.violations.map((x) => ({ signature: x.signature, invariant: x.invariant, known: x.known, expected: x.expected, firstRun: x.firstRun, hits: x.hits, replay: x.replay, steps: x.steps, shrunk: x.shrunk })),
    ...(r.exhaustive && { exhaustive: { ...r.exhaustive, statement: exhaustiveStatement(r) } }),
    ...(r.coverage && { coverage: { linesReached: r.coverage.linesReached, linesTotal: r.coverage.linesTotal, sites: r.coverage.sites, pairs: r.coverage.pairs } }),
    ...(r.error && { error: { message: r.error.message, run: r.error.run, step: r.error.step, actor: r.error.actor, replay: r.error.token } }),
  };
}

const secsOf = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export function checkSummary(r: CheckResult): string {
  const secs = r.elapsedMs / 1000;
  const rate = `${r.runs} runs, ${r.steps} steps in ${secs.toFixed(1)}s (${Math.round(r.runs / secs)} runs/s, ${(r.steps / secs / 1e6).toFixed(2)}M steps/s)`;
  const gen = r.scenarios ? `, scenarios ${r.scenarios}` : '';
  const how = `strategy ${r.strategy}${gen}, seed ${r.seed}, memory ${r.memory}, workloads ${r.workloads.join(',') || 'core'}${r.shard ? `, shard ${shardText(r.shard)} of ${r.runsAsked} runs` : ''}`;
  const f = r.failure;
  if (f) {
    return `FAILED: variant ${r.variant} (memory ${r.memory}): ${f.invariant} after ${f.runsToFirstFailure} runs (${(f.timeToFirstFailureMs / 1000).toFixed(2)}s), ` +
      `strategy ${r.strategy}${gen}, seed ${r.seed}${r.shard ? `, shard ${shardText(r.shard)}` : ''}; shrunk from ${f.foundSteps} to ${f.steps} schedule choices in ${(f.shrinkMs / 1000).toFixed(2)}s` +
      (r.stopped === 'interrupt' ? ' (interrupted while shrinking: the shortest counterexample so far)' : '');
  }
  const none = r.violations.length === 0 ? 'no violation' : 'no new violation';
  if (r.stopped === 'interrupt') return `interrupted: variant ${r.variant}: ${none} in the ${rate} done before Ctrl-C (${r.runsAsked} asked), ${how}`;
  if (r.stopped === 'time') return `ok: variant ${r.variant}: ${none} in ${rate}: the time budget ended the search before the ${r.runsAsked} runs asked, ${how}`;
  return `ok: variant ${r.variant}: ${none} in ${rate}, ${how}`;
}

/** One line per distinct signature found: new, known (which finding) or expected; hits; replay. */
export function signatureLines(r: CheckResult): string[] {
  if (r.violations.length === 0) return [];
  const isNew = (x: CheckResult['violations'][number]): boolean => x.known === null && !x.expected;
  const news = r.violations.filter(isNew).length;
  const lines = [`bug signatures found: ${r.violations.length} (${news} new, ${r.violations.length - news} known or expected)`];
  for (const x of r.violations) {
    const tag = isNew(x) ? 'NEW     ' : x.known !== null ? `known (${x.known})` : 'expected';
    lines.push(`  ${tag}  ${x.signature}`, `            first at run ${x.firstRun}, ${x.hits} run(s); ${x.steps} choices${x.shrunk ? ' (shrunk)' : ''}: npx shrinkrace replay ${x.replay}`);
  }
  return lines;
}

/** A design expected to fail only under weak memory, run under sc: say so before the run. */
export function memoryHint(variant: Variant, memory: string): string | null {
  const e = variant.expect;
  if (e.kind !== 'violates' || e.memory === undefined || e.memory === memory) return null;
  return `hint: ${variant.name} is expected to violate ${e.invariant} only under --memory ${e.memory}; under --memory ${memory} it passes by design (try --memory ${e.memory})`;
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values: v } = parseCommand(CHECK, argv);
  // a shard is every n-th run of fast-check's generation order (search/shard.ts); the other strategies have no such order yet
  if (v.shard && v.strategy !== 'random' && v.strategy !== 'pct') throw new UsageError(`--shard splits the random and pct searches only, not --strategy ${v.strategy}`);
  if (v.coverage && v.strategy === 'portfolio') throw new UsageError('--coverage counts one search: not --strategy portfolio (use --strategy random or coverage)');
  if (v['litmus-out'] !== undefined && v.memory !== 'weak') throw new UsageError(`--litmus-out exports a weak-memory race: it needs --memory weak (got --memory ${v.memory})`);
  const finding = v.finding === undefined ? undefined : FINDINGS.find((f) => f.name === v.finding);
  if (v.finding !== undefined && finding === undefined) throw new UsageError(`--finding: unknown finding "${v.finding}" (known: ${FINDINGS.map((f) => f.name).join(', ')})`);
  const { variant, ref } = await resolveVariant(v.variant);
  const workloads = v.workload ?? finding?.workloads ?? variant.workloads ?? DEFAULT_WORKLOADS;
  const hint = memoryHint(variant, v.memory);
  if (hint !== null) process.stderr.write(hint + '\n');
  // with --time, progress is the time budget's (runs are shown beside it)
  const bar = v.json ? progress('', { quiet: true }) : progress(`check ${variant.name}`, v.time === undefined ? {} : { unit: 's' });
  const t0 = performance.now();
  const show = (runs: number, total: number, phase: string): void => {
    const note = phase === 'searching' ? undefined : phase;
    if (v.time === undefined) bar.update(runs, total, note);
    else bar.update(Math.min(v.time, performance.now() - t0) / 1000, v.time / 1000, `${runs} runs${note ? `, ${note}` : ''}`);
  };
  const stop = onInterrupt('the search');
  let r: CheckResult;
  try {
    r = await checkOnWorker(
      { variant: ref, variantName: variant.name, runs: v.runs, seed: v.seed, strategy: v.strategy, workloads, memory: v.memory, timeLimitMs: v.time, all: v.all, shard: v.shard, coverage: v.coverage, preemptions: v.preemptions,
        scenarios: finding?.scenarios ?? v.scenarios, ...(finding && { scenario: findingScenario(finding), until: finding.name }) },
      { signal: stop.signal, watchdogMs: v.watchdog, onProgress: show },
    );
  } finally {
    bar.done();
    stop.dispose();
  }
  if (r.error) {
    if (v.json) process.stdout.write(JSON.stringify(checkJson(r)) + '\n');
    if (v.shard) for (const line of checkOutputs({ ...v, report: true }, variant, r)) process.stderr.write(line + '\n'); // merge needs every shard's report
    process.stderr.write(`shrinkrace: ${harnessErrorLine(`in run ${r.error.run} of seed ${r.seed}`, r.error.message, r.error.token)}\n`);
    return EXIT_HARNESS;
  }
  const interrupted = r.stopped === 'interrupt';
  const outputs = checkOutputs({ ...v, report: v.report || interrupted || v.shard !== undefined }, variant, r); // report dir, --trace-out, --save
  outputs.push(...await litmusLines(v['litmus-out'], r.failure?.token));
  // --finding: whether the search met it (the exit code keeps check's meaning: 1 only for a signature neither known nor expected)
  const met = finding && r.violations.find((x) => finding.signatures.includes(x.signature));
  const findingLine = finding && (met ? `finding ${finding.name}: met at run ${met.firstRun} (${met.hits} run(s)); replay: npx shrinkrace replay ${met.replay}`
    : `finding ${finding.name}: not met in ${r.runs} runs of ${variant.name}`);
  if (v.json) {
    process.stdout.write(JSON.stringify({ ...checkJson(r), ...(finding && { finding: { name: finding.name, met: met !== undefined, ...(met && { firstRun: met.firstRun, replay: met.replay }) } }) }) + '\n');
    for (const line of outputs) process.stderr.write(line + '\n');
  } else {
    process.stdout.write(checkSummary(r) + '\n');
    if (findingLine) process.stdout.write(findingLine + '\n');
    if (r.coverage) process.stdout.write(coverageLine(r.coverage) + '\n');
    for (const line of outputs) process.stdout.write(line + '\n');
    // the list says more than the failure text only when something else was found (known findings, --all)
    if (r.violations.some((x) => x.signature !== r.failure?.signature)) for (const line of signatureLines(r)) process.stdout.write(line + '\n');
    if (r.failure) process.stdout.write('\n' + r.failure.text + '\n');
    const bounded = exhaustiveStatement(r); // strategy exhaustive: what it covered, last
    if (bounded !== null) process.stdout.write(bounded + '\n');
  }
  if (r.stopped === 'time' && !r.failure) process.stderr.write(`note: stopped by --time ${secsOf(v.time!)} after ${r.runs} of ${r.runsAsked} runs\n`);
  return interrupted ? EXIT_INTERRUPTED : r.ok ? 0 : 1;
}
