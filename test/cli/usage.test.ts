/**
 * Bad input, every way a new user met it: exit 2, one line on stderr that names the flag, nothing on
 * stdout, and nothing written (the reports directory stays empty).
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shrinkrace, tmp } from '../helpers/cli.js';

const aFile = join(mkdtempSync(join(tmpdir(), 'shrinkrace-usage-')), 'not-a-dir');
writeFileSync(aFile, 'x');
const aDir = tmp();
const threads = 4 * availableParallelism();

const ROWS: [string[], RegExp][] = [
  [['frobnicate'], /unknown command "frobnicate"/],
  [['help', 'nope'], /help: unknown command "nope"/],
  [['check', '--variant', 'nonsense'], /unknown variant "nonsense"/],
  [['check', '--variant', './no-such-file.mjs'], /does not exist/],
  [['check', '--variant', 'test/fixtures/throws-at-import.mjs'], /failed to load: this variant file is broken at import/],
  [['check', '--bogus'], /^shrinkrace: check: unknown option --bogus \(see: shrinkrace check --help\)$/],
  [['check', '--finding', 'nope'], /--finding: unknown finding "nope" \(known: lockless@lifecycle, /],
  [['check', '--runs', '0'], /--runs must be an integer from 1 to 1000000000 \(got 0\)/],
  [['check', '--runs', '-5'], /--runs must be an integer from 1 to 1000000000 \(got -5\)/],
  [['check', '--runs', '1e3'], /--runs must be an integer \(got "1e3"\)/],
  [['check', '--seed'], /--seed needs a value \(S\)/],
  [['check', '--seed', 'abc'], /--seed must be an integer/],
  [['check', '--seed', '4294967296'], /--seed must be a 32-bit seed: 0 to 4294967295, or -2147483648 to -1 \(got 4294967296\)/],
  [['check', '--seed', '-2147483649'], /--seed must be a 32-bit seed/],
  [['check', '--json=yes'], /--json takes no value/],
  [['check', '--strategy', 'dfs'], /--strategy must be one of random, pct(, [a-z]+)* \(got "dfs"\)/],
  [['check', '--memory', 'tso'], /--memory must be one of sc, weak \(got "tso"\)/],
  [['check', '--workload', ''], /--workload needs at least one workload/],
  [['check', '--workload', ','], /--workload needs at least one workload/],
  [['check', '--workload', 'global,nope'], /--workload: unknown workload "nope"/],
  [['check', '--time', '0'], /--time must be a duration such as 500ms, 10s, 2m or 1h \(got "0"\)/],
  [['check', '--time', 'soon'], /--time must be a duration/],
  [['check', '--watchdog', '-1s'], /--watchdog must be a duration/],
  [["check", "--reports-dir", aFile], /--reports-dir: reports dir .* exists and is not a directory/],
  [['check', '--trace-out', aDir], /--trace-out .* is a directory; give a file name/],
  [['check', '--corpus', aDir], /--corpus .* is a directory/],
  [['replay'], /replay takes exactly one token/],
  [['replay', 'a', 'b'], /replay takes exactly one TOKEN \(got 2\)/],
  [['replay', 'garbage'], /not a shrinkrace replay token/],
  [['replay', 'sr1.AAAAAAAAAAAA'], /replay token/],
  [['replay', '--bogus', 'x'], /replay: unknown option --bogus/],
  [['replay', '--litmus-out', aDir, 'sr1.AAAAAAAAAAAA'], /--litmus-out .* is a directory; give a file name/],
  [['check', '--litmus-out', join(aDir, 'race.litmus')], /^shrinkrace: --litmus-out exports a weak-memory race: it needs --memory weak \(got --memory sc\)$/],
  [['stress', '--bogus'], /stress: unknown option --bogus/],
  [['stress', '--duration', 'soon'], /--duration must be a duration/],
  [['stress', '--watchdog', '0'], /^shrinkrace: --watchdog must be a duration/],
  [['stress', '--check-interval', '0'], /--check-interval must be a duration/],
  [['stress', '--workers', '0'], /--workers must be an integer from 1 to \d+/],
  [['stress', '--workers', String(threads + 1)], /--workers must be an integer from 1 to \d+ \(at most 4 threads per core; this machine has \d+\)/],
  [['stress', '--parallel', '1000'], /--parallel must be an integer from 1 to \d+ \(at most 4 threads per core/],
  [['stress', '--workers', String(threads), '--parallel', '2'], /--workers \d+ x --parallel 2 = \d+ threads: at most \d+/],
  [['stress', '--jitter', '2'], /--jitter must be a probability from 0 to 1 \(got "2"\)/],
  [['stress', '--repeat', '0'], /--repeat must be an integer from 1 to 1000/],
  [['stress', '--seed', '-1.5'], /--seed must be an integer/],
  [['validate', '--budget', 'huge'], /--budget must be one of quick, full \(got "huge"\)/],
  [['validate', '--bogus'], /validate: unknown option --bogus/],
  [['validate', '--time', 'never'], /--time must be a duration/],
  [['validate', '--reports-dir', aFile], /--reports-dir: reports dir .* exists and is not a directory/],
  [['bench', '--bogus'], /bench: unknown option --bogus/],
  [['bench', '--quick', 'yes'], /bench takes no arguments \(got "yes"\)/],
  [['litmus', '--shape', 'XYZ'], /--shape: unknown litmus shape "XYZ"/],
  [['litmus', '--bogus'], /litmus: unknown option --bogus/],
  [['variants', '--bogus'], /variants: unknown option --bogus/],
  [['main', '--bogus'], /(main|validate): unknown option --bogus/],
];

describe('bad input exits 2 with one line and writes nothing', () => {
  it.each(ROWS)('%j', (args, msg) => {
    const reports = tmp('shrinkrace-reports-');
    const given = args.includes('--reports-dir') ? args : [...args, ...(['check', 'validate', 'bench'].includes(args[0]) && !args.includes('--bogus') ? ['--reports-dir', reports] : [])];
    const r = shrinkrace(given, { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err.trimEnd()).toMatch(msg);
    expect(r.err).toMatch(/^shrinkrace: /);
    expect(readdirSync(reports)).toEqual([]);
  });
});
