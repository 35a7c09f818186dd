/**
 * The reports directory and the run directories under it (reports/<run-id>/), for check, validate
 * and bench alike. A run directory is created with an exclusive mkdir of its last component: two runs
 * never share one, even in the same millisecond (the id carries the pid, and on EEXIST a suffix is
 * added). A reports path that is not a directory is a ReportsDirError with one line naming it;
 * assertReportsDir lets a command refuse a bad --reports-dir before a long run, not after it.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runId } from './atomic-write.js';

export class ReportsDirError extends Error {
  override name = 'ReportsDirError';
}

const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** The path, or its nearest existing ancestor when it does not exist yet, and whether it exists itself. */
function nearestExisting(path: string): { at: string; self: boolean } {
  for (let p = resolve(path), self = true; ; p = dirname(p), self = false) {
    try {
      statSync(p);
      return { at: p, self };
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw new ReportsDirError(`reports dir ${path}: cannot look at ${p} (${code(e)})`);
      if (dirname(p) === p) return { at: p, self };
    }
  }
}

/**
 * Throws a ReportsDirError unless run directories can be made under `path`: it is a writable
 * directory, or it does not exist yet and its nearest existing ancestor is one. Creates nothing.
 */
export function assertReportsDir(path: string): void {
  const { at, self } = nearestExisting(path);
  if (!statSync(at).isDirectory()) {
    throw new ReportsDirError(self ? `reports dir ${path} exists and is not a directory` : `reports dir ${path} cannot be created: ${at} is not a directory`);
  }
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
  } catch {
    throw new ReportsDirError(self ? `reports dir ${path} is not writable` : `reports dir ${path} cannot be created: ${at} is not writable`);
  }
}

/**
 * Create a fresh, empty run directory reports/<command>-<variant>-<time>-<pid>[-n]/ and return its
 * path. Only the reports dir itself is created recursively; the run directory never is.
 */
export function createRunDir(reportsDir: string, command: string, variant: string | null, now = new Date()): string {
  assertReportsDir(reportsDir);
  try {
    mkdirSync(reportsDir, { recursive: true });
  } catch (e) {
    throw new ReportsDirError(`reports dir ${reportsDir} cannot be created (${code(e)})`);
  }
  const id = runId(command, variant, now);
  for (let n = 1; ; n++) {
    const dir = join(reportsDir, n === 1 ? id : `${id}-${n}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (e) {
      if (code(e) !== 'EEXIST') throw new ReportsDirError(`cannot create run directory ${dir} (${code(e)})`);
    }
  }
}
