/**
 * Find Debian's Chromium for the browser test. The test suite never installs anything: .ci/run
 * installs the chromium package (as root, best effort) before it runs the tests; on a machine without
 * it, the browser test is skipped with the reason, never passed.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function findChromium(): { path: string } | { reason: string } {
  const have = CANDIDATES.find((p) => existsSync(p));
  if (have) return { path: have };
  return { reason: `Chromium is not installed (looked for ${CANDIDATES.join(', ')}); .ci/run installs Debian's chromium package, the tests never do` };
}
