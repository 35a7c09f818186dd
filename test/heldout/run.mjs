#!/usr/bin/env node
/**
 * `npm run heldout`: runs `shrinkrace check` with its default budget (no --runs, --seed or --strategy:
 * whatever check defaults to) on every held-out variant file in this directory, one line per bug:
 * found or not, the invariant, the signature, runs to the first hit and time. A bug counts as found
 * only when check reports a violation of the invariant the file expects that is not a known finding
 * of the reference. Exit 1 if one is missed, 3 on a harness error or an unreadable result.
 * Needs the build (dist/), as the CLI does.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '../../dist/src/cli/main.js');
const { loadVariant } = await import(join(here, '../../dist/src/variants/load.js'));

const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
let missed = 0;
let broken = 0;
for (const f of files) {
  const path = join(here, f);
  const { variant } = await loadVariant(path);
  const e = variant.expect;
  const memory = e.kind === 'violates' && e.memory ? ['--memory', e.memory] : [];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'check', '--variant', path, '--json', '--reports-dir', join(here, '../../reports/heldout'), ...memory],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  let j;
  try {
    j = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{')) ?? '');
  } catch {
    broken++;
    console.log(`ERROR      ${f}: check exited ${r.status} without a result: ${r.stderr.trim().split('\n')[0] ?? ''}`);
    continue;
  }
  if (j.error) {
    broken++;
    console.log(`ERROR      ${f}: harness error: ${j.error.message}`);
    continue;
  }
  const hit = j.violations.find((v) => v.expected && v.known === null);
  const first = j.violation;
  if (e.kind === 'violates' && hit && first && first.invariant === e.invariant) {
    console.log(`found      ${f}: ${first.invariant}: ${first.signature} (after ${first.runsToFirstFailure} runs, ${(first.timeToFirstFailureMs / 1000).toFixed(1)}s; check ${secs}s)`);
  } else {
    missed++;
    const other = first ? `; instead: ${first.invariant}: ${first.signature}` : '';
    console.log(`NOT FOUND  ${f}: expected ${e.kind === 'violates' ? e.invariant : 'a violation'} in ${j.runs} runs (seed ${j.seed}, ${j.strategy}, workloads ${j.workloads.join(',')}, ${secs}s)${other}`);
  }
}
console.log(`held-out bugs: ${files.length - missed - broken} of ${files.length} found with check's default budget`);
process.exit(broken ? 3 : missed ? 1 : 0);
