/**
 * Command-line options as data. Each command declares its options once, as a table of `Opt`s (a
 * placeholder, one line of help, a default, and a parser that validates the value's range and names
 * the flag in every message); parsing (node:util parseArgs, strict: unknown flags are refused) and
 * the help text (help.ts) are both generated from that table, so they cannot drift apart.
 *
 * Why parseArgs and a table rather than commander or yargs: parseArgs ships with Node 20, is strict,
 * and leaves printing and exiting to us, which keeps the contract of one line and exit 2 for every
 * bad input; a library would add its own multi-line messages and process.exit calls to override.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './usage.js';

export interface Opt<T> {
  /** placeholder in help (N, S, D, NAME|PATH); absent for a boolean flag */
  readonly arg?: string;
  readonly help: string;
  /** the default as help shows it */
  readonly dflt?: string;
  /** turns the raw value (undefined when absent) into T, or throws a UsageError naming `flag` */
  parse(raw: string | undefined, flag: string): T;
}

export interface CommandSpec<O extends Record<string, Opt<unknown>> = Record<string, Opt<unknown>>> {
  readonly name: string;
  /** one line */
  readonly summary: string;
  /** extra lines under the options in `<command> --help` */
  readonly notes?: readonly string[];
  readonly options: O;
  /** a positional argument (replay's TOKEN): its name and help; `many`: one or more (merge's DIR...) */
  readonly positional?: { name: string; help: string; many?: boolean };
}

export type Values<O extends Record<string, Opt<unknown>>> = { [K in keyof O]: O[K] extends Opt<infer T> ? T : never };

export const isFlag = (o: Opt<unknown>): boolean => o.arg === undefined;

/** `--seed -1`: a value that starts with a dash and a digit is the option's value, not another option. */
function joinNegativeValues(spec: CommandSpec, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : null;
    const o = name !== null ? spec.options[name] : undefined;
    if (o !== undefined && !isFlag(o) && i + 1 < argv.length && /^-\.?\d/.test(argv[i + 1])) {
      out.push(`${a}=${argv[++i]}`);
    } else out.push(a);
  }
  return out;
}

/** parseArgs' messages, as one line that names the flag and says where help is. */
function usageOf(spec: CommandSpec, e: unknown): Error {
  const err = e as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(err.message ?? '')?.[1] ?? '';
  const flag = quoted.split(' ')[0];
  const see = `(see: shrinkrace ${spec.name} --help)`;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return new UsageError(`${spec.name}: unknown option ${flag} ${see}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(spec.positional ? `${spec.name} takes one ${spec.positional.name}, got more ("${quoted}") ${see}` : `${spec.name} takes no arguments (got "${quoted}") ${see}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = flag.replace(/^-+/, '');
      const o = spec.options[name];
      return new UsageError(o && isFlag(o) ? `--${name} takes no value ${see}` : `--${name} needs a value${o?.arg ? ` (${o.arg})` : ''} ${see}`);
    }
    default: return e instanceof Error ? e : new Error(String(e));
  }
}

export function parseCommand<O extends Record<string, Opt<unknown>>>(spec: CommandSpec<O>, argv: readonly string[]): { values: Values<O>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: isFlag(o) ? 'boolean' as const : 'string' as const }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(spec, argv), options, strict: true, allowPositionals: spec.positional !== undefined });
  } catch (e) {
    throw usageOf(spec, e);
  }
  const values = {} as Record<string, unknown>;
  for (const [k, o] of Object.entries(spec.options)) {
    const raw = parsed.values[k];
    values[k] = isFlag(o) ? raw === true : o.parse(raw as string | undefined, `--${k}`);
  }
  if (spec.positional && !spec.positional.many && parsed.positionals.length > 1) {
    throw new UsageError(`${spec.name} takes exactly one ${spec.positional.name} (got ${parsed.positionals.length}) (see: shrinkrace ${spec.name} --help)`);
  }
  return { values: values as Values<O>, positionals: parsed.positionals };
}

/** Whether argv asks for this command's help (`--help` or `-h` anywhere before a `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
