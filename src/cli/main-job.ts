/**
 * `shrinkrace main` (npm start): check the reference and every known-bug variant with the default
 * budget and print a verdict table. Exit 0 iff every variant met its expectation: the reference
 * survives, each bug is caught with the invariant it is expected to break.
 */
import { check, type CheckResult } from '../api/check.js';
import { VARIANTS } from '../variants/registry.js';
import { describeExpectation, type Variant } from '../variants/variant.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from './check-cmd.js';
import { progress } from './progress.js';

export function expectationMet(v: Variant, r: CheckResult): boolean {
  return v.expect.kind === 'passes' ? r.ok : r.failure?.invariant === v.expect.invariant;
}

export function mainJob(): number {
  const rows: string[][] = [['variant', 'expected', 'observed', 'runs', 'time', 'shrunk choices', 'verdict']];
  let allMet = true;
  for (const v of VARIANTS) {
    const bar = progress(`check ${v.name}`);
    const r = check({ variant: v, runs: DEFAULT_RUNS, seed: DEFAULT_SEED, strategy: 'random', onProgress: bar.update });
    bar.done();
    const met = expectationMet(v, r);
    allMet &&= met;
    const f = r.failure;
    rows.push([
      v.name, describeExpectation(v.expect), f ? `violates ${f.invariant}` : 'passes', String(r.runs),
      `${((f ? f.timeToFirstFailureMs : r.elapsedMs) / 1000).toFixed(2)}s`, f ? String(f.steps) : '-', met ? 'as expected' : 'UNEXPECTED',
    ]);
    if (f) process.stdout.write(`${v.name}: ${f.message}\n  ${f.text.split('\n').at(-1)}\n`);
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  process.stdout.write('\n' + rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n');
  process.stdout.write(`\n${allMet ? 'every variant met its expectation' : 'SOME VARIANTS DID NOT MEET THEIR EXPECTATION'} ` +
    `(budget ${DEFAULT_RUNS} runs each, seed ${DEFAULT_SEED}, strategy random)\n`);
  return allMet ? 0 : 1;
}
