/** `shrinkrace litmus [--shape NAME] [--json]`: exit 0 iff every shape behaves as expected. */
import { parseArgs } from 'node:util';
import { litmus } from '../api/litmus.js';
import { SHAPES } from '../memory/litmus/shapes.js';
import { UsageError } from './usage.js';

export function litmusCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { shape: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
  if (values.shape !== undefined && !SHAPES.some((s) => s.name === values.shape)) {
    throw new UsageError(`unknown litmus shape "${values.shape}" (known: ${SHAPES.map((s) => s.name).join(', ')})`);
  }
  const r = litmus(values.shape === undefined ? undefined : (n) => n === values.shape);
  if (values.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return r.ok ? 0 : 1;
  }
  const head = ['shape', 'LKMM', '--memory weak', '--memory sc', 'paths', 'verdict'];
  const rows = [head, ...r.rows.map((x) => [x.name, x.lkmm, x.weak, x.sc, String(x.paths),
    x.ok ? (x.stronger ? `as expected (stronger than LKMM: ${x.stronger})` : 'as expected') : 'UNEXPECTED'])];
  const w = head.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  process.stdout.write(rows.map((row) => row.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n');
  process.stdout.write(`\n${r.ok ? 'every shape behaves as expected' : 'SOME SHAPES DO NOT BEHAVE AS EXPECTED'}: exhaustive, ${(r.elapsedMs / 1000).toFixed(1)}s; ` +
    'the weak mode never allows an outcome the LKMM forbids\n');
  return r.ok ? 0 : 1;
}
