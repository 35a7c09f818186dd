/**
 * Help text, generated from the commands' option tables (options.ts), so the help always lists every
 * flag a command accepts, with its placeholder, default and range; and the version from package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFlag, type CommandSpec } from './options.js';
import { EXIT_CODES } from './usage.js';

const WIDTH = 100;

/** package.json's version (found by walking up from this module, from dist/ or from the sources). */
export function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) return (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) return 'unknown';
  }
}

/** `text` wrapped to WIDTH, every line after the first indented by `indent` spaces. */
function wrap(text: string, indent: number): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && indent + line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  lines.push(line);
  return lines.join('\n' + ' '.repeat(indent));
}

function exitCodes(): string[] {
  return ['exit codes:', ...EXIT_CODES.map(([code, what]) => `  ${String(code).padEnd(4)} ${wrap(what, 7)}`)];
}

export function commandHelp(c: CommandSpec): string {
  const entries: [string, string][] = Object.entries(c.options).map(([name, o]) => [`--${name}${isFlag(o) ? '' : ` ${o.arg}`}`, `${o.help}${o.dflt !== undefined ? ` (default ${o.dflt})` : ''}`]);
  entries.push(['-h, --help', 'print this help']);
  const w = entries.reduce((m, [k]) => Math.max(m, k.length), 0);
  const usage = `usage: shrinkrace ${c.name}${c.positional ? ` ${c.positional.name}` : ''} [options]`;
  return [
    usage, '', wrap(c.summary, 0), '',
    ...(c.positional ? [`  ${c.positional.name.padEnd(w)}  ${wrap(c.positional.help, w + 4)}`, ''] : []),
    'options:',
    ...entries.map(([k, h]) => `  ${k.padEnd(w)}  ${wrap(h, w + 4)}`),
    ...(c.notes?.length ? ['', ...c.notes.map((n) => wrap(n, 0))] : []),
    '', ...exitCodes(),
  ].join('\n');
}

export function globalHelp(commands: readonly CommandSpec[], extra: readonly (readonly [string, string])[]): string {
  const all = [...commands.map((c) => [c.name, c.summary] as const), ...extra];
  const w = all.reduce((m, [n]) => Math.max(m, n.length), 0);
  return [
    `shrinkrace ${version()}: find races in the Linux kernel's lockless memcg slab shrinker before they ship`, '',
    'usage: shrinkrace <command> [options]', '       shrinkrace <command> --help     every option of a command', '       shrinkrace --version', '',
    'commands:',
    ...all.map(([n, s]) => `  ${n.padEnd(w)}  ${wrap(s, w + 4)}`),
    '', ...exitCodes(),
  ].join('\n');
}
