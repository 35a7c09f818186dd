#!/usr/bin/env node
/**
 * The shrinkrace command line. It only parses (each command's options are a table: options.ts) and
 * calls the same API the tests use (src/api). Bad usage or input prints one line and exits 2; an
 * error nobody expected prints one line and exits 3 (SHRINKRACE_DEBUG=1 adds the stack).
 */
import { BENCH, benchCommand } from './bench-cmd.js';
import { CHECK, checkCommand } from './check-cmd.js';
import { commandHelp, globalHelp, version } from './help.js';
import { LITMUS, litmusCommand } from './litmus-cmd.js';
import { MERGE, mergeCommand } from './merge-cmd.js';
import { wantsHelp, type CommandSpec } from './options.js';
import { REPLAY, replayCommand } from './replay-cmd.js';
import { STRESS, stressCommand } from './stress-cmd.js';
import { EXIT_HARNESS, UsageError } from './usage.js';
import { ReportsDirError } from '../report/reports-dir.js';
import { VALIDATE, validateCommand } from './validate-cmd.js';
import { VARIANTS_CMD, variantsCommand } from './variants-cmd.js';

type Handler = (argv: string[]) => number | Promise<number>;

const COMMANDS: readonly (readonly [CommandSpec, Handler])[] = [
  [CHECK, checkCommand], [STRESS, stressCommand], [REPLAY, replayCommand], [VALIDATE, validateCommand],
  [BENCH, benchCommand], [LITMUS, litmusCommand], [VARIANTS_CMD, variantsCommand], [MERGE, mergeCommand],
];
const MAIN = { ...VALIDATE, name: 'main', summary: 'validate --budget quick (what `npm start` runs); takes validate\'s options' } satisfies CommandSpec;
const EXTRA = [['main', MAIN.summary], ['help', 'this text, or `help <command>`'], ['version', 'print the version (also --version)']] as const;

function find(name: string): readonly [CommandSpec, Handler] | undefined {
  if (name === 'main') return [MAIN, (argv) => validateCommand(['--budget', 'quick', ...argv])];
  return COMMANDS.find(([c]) => c.name === name);
}

function run(argv: string[]): number | Promise<number> {
  const [cmd, ...rest] = argv;
  const help = (text: string, code = 0): number => (process.stdout.write(text + '\n'), code);
  if (cmd === undefined) return help(globalHelp(COMMANDS.map(([c]) => c), EXTRA), 2);
  if (cmd === '--version' || cmd === '-V' || cmd === 'version') return help(version());
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    if (rest.length === 0) return help(globalHelp(COMMANDS.map(([c]) => c), EXTRA));
    const c = find(rest[0]);
    if (c === undefined) throw new UsageError(`help: unknown command "${rest[0]}" (commands: ${COMMANDS.map(([s]) => s.name).join(', ')}, main)`);
    return help(commandHelp(c[0]));
  }
  const c = find(cmd);
  if (c === undefined) throw new UsageError(`unknown command "${cmd}" (commands: ${COMMANDS.map(([s]) => s.name).join(', ')}, main; see: shrinkrace --help)`);
  if (wantsHelp(rest)) return help(commandHelp(c[0]));
  return c[1](rest);
}

function fail(e: unknown): void {
  const usage = e instanceof UsageError || e instanceof ReportsDirError; // a reports dir that went bad during the run
  const err = e instanceof Error ? e : new Error(String(e));
  const line = usage ? err.message : `internal error: ${err.name}: ${err.message.split('\n')[0]}${process.env.SHRINKRACE_DEBUG ? `\n${err.stack}` : ' (SHRINKRACE_DEBUG=1 prints the stack)'}`;
  process.stderr.write(`shrinkrace: ${line}\n`);
  process.exitCode = usage ? 2 : EXIT_HARNESS;
}

// a closed pipe (`| head`) ends the output quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  Promise.resolve(run(process.argv.slice(2))).then((code) => (process.exitCode = code), fail);
} catch (e) {
  fail(e);
}
