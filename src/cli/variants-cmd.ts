/** `shrinkrace variants`: every built-in variant with its expectation and workloads, and the findings. */
import { DEFAULT_WORKLOADS, WORKLOAD_HELP, WORKLOADS } from '../model/workloads.js';
import { designsOf, FINDINGS } from '../variants/findings.js';
import { VARIANTS } from '../variants/registry.js';
import { describeExpectation } from '../variants/variant.js';
import { jsonOpt } from './common-options.js';
import { parseCommand, type CommandSpec } from './options.js';

export const VARIANTS_CMD = {
  name: 'variants',
  summary: 'list the built-in variants (designs and known bugs), the findings in the reference, and the workloads',
  options: { json: jsonOpt },
} satisfies CommandSpec;

export function variantsCommand(argv: string[]): number {
  const { values } = parseCommand(VARIANTS_CMD, argv);
  const rows = VARIANTS.map((v) => ({ name: v.name, expect: describeExpectation(v.expect), workloads: (v.workloads ?? DEFAULT_WORKLOADS).join(','), summary: v.summary }));
  if (values.json) {
    process.stdout.write(JSON.stringify({ variants: rows, findings: FINDINGS, workloads: WORKLOAD_HELP }) + '\n');
    return 0;
  }
  const w = (k: 'name' | 'expect' | 'workloads'): number => rows.reduce((m, r) => Math.max(m, r[k].length), 0);
  for (const r of rows) process.stdout.write(`${r.name.padEnd(w('name'))}  ${r.expect.padEnd(w('expect'))}  ${r.workloads.padEnd(w('workloads'))}  ${r.summary}\n`);
  process.stdout.write('\nfindings (known bugs of the designs, each found under its workloads, each with its bug signature):\n');
  for (const f of FINDINGS) {
    process.stdout.write(`  ${f.name}: violates ${f.invariant} [${f.workloads.join(',')}] (in ${designsOf(f).join(', ')}): ${f.summary}\n`);
    for (const sig of f.signatures) process.stdout.write(`      signature: ${sig}\n`);
  }
  process.stdout.write('\nworkloads (check --workload a,b; default: ' + DEFAULT_WORKLOADS.join(',') + '):\n');
  for (const wl of WORKLOADS) process.stdout.write(`  ${wl.padEnd(10)} ${WORKLOAD_HELP[wl]}\n`);
  return 0;
}
