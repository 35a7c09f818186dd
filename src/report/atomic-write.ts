/**
 * Atomic file writes for reports: write a temporary file beside the target, then rename it over the
 * target, so a reader (a browser, a CI job, a concurrent run) sees the old file or the new one, never
 * a half-written one. The temporary name carries the pid, so two processes never share one.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * A run id for reports/<id>/: the command, the variant, the time to the millisecond and the pid, so
 * two processes never share one. Two runs of one process in one millisecond are told apart by the
 * exclusive mkdir in reports-dir.ts (createRunDir), which adds a suffix.
 */
export function runId(command: string, variant: string | null, now = new Date(), pid = process.pid): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = variant === null ? '' : `${variant.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40)}-`;
  return `${command}-${name}${stamp}-${pid}`;
}
