/** `shrinkrace variants`: name, expectation and summary of every built-in variant. */
import { VARIANTS } from '../variants/registry.js';
import { describeExpectation } from '../variants/variant.js';

export function variantsCommand(argv: string[]): number {
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(VARIANTS.map((v) => ({ name: v.name, expect: v.expect, summary: v.summary }))) + '\n');
    return 0;
  }
  const w = Math.max(...VARIANTS.map((v) => v.name.length));
  const e = Math.max(...VARIANTS.map((v) => describeExpectation(v.expect).length));
  for (const v of VARIANTS) process.stdout.write(`${v.name.padEnd(w)}  ${describeExpectation(v.expect).padEnd(e)}  ${v.summary}\n`);
  return 0;
}
