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
            --memory M       sc (default) or weak: per-actor store buffers (src/memory/weak.ts)
            --workload W,..  model features: global, nonslab, nokmem, alloc-fail, populate, lifecycle
                             (default: the variant's own, else global,nonslab,alloc-fail; or all)
            --json           print one JSON object instead of text
            --report         write reports/<id>/ even when no violation is found (a violation always does)
            --reports-dir D  where report directories go (default reports)
            --trace-out FILE the counterexample as Chrome trace-event JSON (Perfetto, chrome://tracing)
            --save           add the failure to the regression corpus (--corpus FILE, default
                             test/corpus/regressions.json), which the test suite replays
  stress    run seeded scenarios on real worker threads; replay what they find
            --variant NAME   design under test (default lockless)
            --workers N      worker threads (default 2)
            --duration D     how long: 500ms, 10s, 2m (default 10s)
            --seed S         fixes the scenarios and every worker's operation stream (default 1)
            --jitter P       per-step probability of a random busy-wait (default 0.02)
            --check-interval D  quiescent invariant checks inside a run (default 50ms)
            --watchdog D     an actor with no progress this long is a liveness report (default 3s)
            --parallel N     scenarios at once, each on --workers threads (default 1)
            --repeat N       times each actor repeats its operations in one run (default 64)
            --json           print one JSON object
            --trace-out FILE --save --corpus FILE   as for check (the ticket log's deterministic replay)
  replay    re-run a failure from its token: shrinkrace replay TOKEN [--json] [--trace-out FILE]
  validate  check every variant and finding against its expectation, print and write the matrix
            --budget quick|full (default quick)  --seed S  --json
  bench     engine speed, time to first failure (deterministic vs fc.scheduler vs threads), and
            reclaim-pass scaling (legacy, rwsem, lockless, nokmem-skip); writes reports/bench-*/
            --quick (small sizes, short budgets)  --json  --seed S
  litmus    run the litmus suite (SB, MP, LB, R, 2+2W, WRC, IRIW, the shrinker's pairing) exhaustively
            under --memory weak and sc; exit 0 iff each behaves as the kernel memory model says
            --shape NAME  --json
  variants  list the variants, findings and workloads
  main      validate --budget quick (what npm start runs)

exit codes: 0 no violation, 1 violation found (or reproduced), 2 bad usage or input`;

export function parseIntOption(name: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} must be an integer (got "${v}")`);
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min} (got ${v})`);
  return n;
}
