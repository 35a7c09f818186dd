/** Bad usage or bad input: the CLI prints one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP = `usage: shrinkrace <command> [options]

commands:
  check     search generated scenarios and schedules for a violation, shrink it, print its trace
            --variant NAME   design under test (default lockless; see \`variants\`)
            --runs N         scenarios x schedules to try (default 100000)
            --seed S         fast-check seed (default 1): the same seed explores the same runs
            --strategy S     random (default) or pct
            --json           print one JSON object instead of text
  replay    re-run a failure from its token: shrinkrace replay TOKEN [--json]
  variants  list the variants and what each is expected to do
  main      check every variant with its default budget and print a verdict table (npm start)

exit codes: 0 no violation, 1 violation found (or reproduced), 2 bad usage or input`;

export function parseIntOption(name: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} must be an integer (got "${v}")`);
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min} (got ${v})`);
  return n;
}
