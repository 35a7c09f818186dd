/** `shrinkrace litmus [--shape NAME] [--json]`: exit 0 iff every shape behaves as expected. */
import { litmus } from '../api/litmus.js';
import { SHAPES } from '../engine/litmus/shapes.js';
import { jsonOpt } from './common-options.js';
import { text } from './option-kinds.js';
import { parseCommand, type CommandSpec, type Opt } from './options.js';
import { UsageError } from './usage.js';

const shapeOpt: Opt<string | undefined> = {
  ...text('NAME', 'run one shape only'),
  parse(raw, flagName) {
    if (raw === undefined) return undefined;
    if (!SHAPES.some((s) => s.name === raw)) throw new UsageError(`${flagName}: unknown litmus shape "${raw}" (known: ${SHAPES.map((s) => s.name).join(', ')})`);
    return raw;
  },
};

export const LITMUS = {
  name: 'litmus',
  summary: 'run the litmus suite (SB, MP, LB, R, 2+2W, WRC, IRIW, the shrinker\'s pairing) exhaustively under --memory weak and sc',
  options: { shape: shapeOpt, json: jsonOpt },
  notes: ['Exit 0 iff every shape behaves as the Linux kernel memory model says.'],
} satisfies CommandSpec;

export function litmusCommand(argv: string[]): number {
  const { values } = parseCommand(LITMUS, argv);
  const r = litmus(values.shape === undefined ? undefined : (n) => n === values.shape);
  if (values.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return r.ok ? 0 : 1;
  }
  const head = ['shape', 'LKMM', '--memory weak', '--memory sc', 'paths', 'verdict'];
  const rows = [head, ...r.rows.map((x) => [x.name, x.lkmm, x.weak, x.sc, String(x.paths),
    x.ok ? (x.stronger ? `as expected (stronger than LKMM: ${x.stronger})` : 'as expected') : 'UNEXPECTED'])];
  const w = head.map((_, i) => rows.reduce((m, row) => Math.max(m, row[i].length), 0));
  process.stdout.write(rows.map((row) => row.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n');
  process.stdout.write(`\n${r.ok ? 'every shape behaves as expected' : 'SOME SHAPES DO NOT BEHAVE AS EXPECTED'}: exhaustive, ${(r.elapsedMs / 1000).toFixed(1)}s; ` +
    'the weak mode never allows an outcome the LKMM forbids\n');
  return r.ok ? 0 : 1;
}
