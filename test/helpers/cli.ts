/**
 * Running the built CLI (npm test builds it first) from the tests: exit code, stdout, stderr, how long
 * it took, and whether it had to be killed. Commands that write report directories get a temporary
 * --reports-dir unless the test gives one, so the test suite never writes into the repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
  ms: number;
  killed: boolean;
}

export const tmp = (prefix = 'shrinkrace-test-'): string => mkdtempSync(join(tmpdir(), prefix));

const WRITES_REPORTS = new Set(['check', 'validate', 'bench', 'main']);

function withReportsDir(args: readonly string[]): string[] {
  if (!WRITES_REPORTS.has(args[0]) || args.includes('--reports-dir') || args.includes('--help')) return [...args];
  return [...args, '--reports-dir', tmp('shrinkrace-reports-')];
}

export function shrinkrace(args: readonly string[], o: { timeoutMs?: number; cwd?: string } = {}): CliRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...withReportsDir(args)], { encoding: 'utf8', timeout: o.timeoutMs ?? 180_000, cwd: o.cwd ?? ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - t0, killed: r.signal !== null };
}

/** Start the CLI, send SIGINT after `afterMs`, and collect what it printed and how it exited. */
export function interruptAfter(args: readonly string[], afterMs: number, timeoutMs = 120_000): Promise<CliRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...withReportsDir(args)], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const timer = setTimeout(() => child.kill('SIGINT'), afterMs);
  const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.on('close', (code, signal) => {
    clearTimeout(timer);
    clearTimeout(kill);
    resolve({ code, out, err, ms: performance.now() - t0, killed: signal === 'SIGKILL' });
  }));
}
