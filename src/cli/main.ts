#!/usr/bin/env node
/**
 * The shrinkrace command line. It only parses and calls the same API the tests use (src/api);
 * bad usage or input prints one line and exits 2.
 */
import { checkCommand } from './check-cmd.js';
import { stressCommand } from './stress-cmd.js';
import { validateCommand } from './validate-cmd.js';
import { litmusCommand } from './litmus-cmd.js';
import { replayCommand } from './replay-cmd.js';
import { HELP, UsageError } from './usage.js';
import { variantsCommand } from './variants-cmd.js';
import { benchCommand } from './bench-cmd.js';

const COMMANDS: Record<string, (argv: string[]) => number | Promise<number>> = {
  check: checkCommand,
  stress: stressCommand,
  validate: validateCommand,
  litmus: litmusCommand,
  replay: replayCommand,
  variants: variantsCommand,
  bench: benchCommand,
  main: () => validateCommand(['--budget', 'quick']),
};

function run(argv: string[]): number | Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(HELP + '\n');
    return cmd === undefined ? 2 : 0;
  }
  const f = COMMANDS[cmd];
  if (f === undefined) throw new UsageError(`unknown command "${cmd}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  return f(rest);
}

function fail(e: unknown): void {
  const usage = e instanceof UsageError || (e instanceof TypeError && String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(`shrinkrace: ${usage ? (e as Error).message : `internal error: ${(e as Error).stack ?? e}`}\n`);
  process.exitCode = usage ? 2 : 3;
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
