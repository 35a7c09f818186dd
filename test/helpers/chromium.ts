/**
 * Find Debian's Chromium for the browser test, installing it when it is missing, we are root, and the
 * package is reachable (`apt-get install -y chromium`, after `apt-get update` when apt knows no
 * candidate). Returns the binary, or why there is none: the test is then skipped with that reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const found = (): string | undefined => CANDIDATES.find((p) => existsSync(p));

function apt(args: string[], timeoutMs: number): { ok: boolean; out: string } {
  const r = spawnSync('apt-get', args, { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function hasCandidate(): boolean {
  const r = spawnSync('apt-cache', ['policy', 'chromium'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && /Candidate: (?!\(none\))\S+/.test(r.stdout);
}

export function findOrInstallChromium(): { path: string } | { reason: string } {
  const have = found();
  if (have) return { path: have };
  if (process.getuid?.() !== 0) return { reason: 'Chromium is not installed and the tests do not run as root, so they cannot apt-get install chromium' };
  if (!hasCandidate()) {
    const u = apt(['update'], 180_000);
    if (!u.ok || !hasCandidate()) return { reason: `Chromium is not installed and Debian's chromium package is not reachable (apt-get update: ${u.out.trim().split('\n').at(-1) ?? 'failed'})` };
  }
  const i = apt(['install', '-y', 'chromium'], 600_000);
  const now = found();
  if (now) return { path: now };
  return { reason: `apt-get install -y chromium failed: ${i.out.trim().split('\n').at(-1) ?? 'no output'}` };
}
