/**
 * `validate --shard i/n` runs rows k with (k-1) mod n = i-1 of the matrix, and `merge` deals them back:
 * the merged matrix has every row of the unsharded one, once, in its order, each as its shard ran it;
 * a shard missing is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobs } from '../../src/api/validate.js';
import { parseSummary, type Summary } from '../../src/report/summary-schema.js';
import { shrinkrace, tmp } from '../helpers/cli.js';

const readReport = (dir: string): Summary => parseSummary(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));

describe('validate --shard and merge', () => {
  it('the shards hold every row once; merged, the matrix of the whole, in order', () => {
    const names = jobs().map((j) => j.name);
    const dirs = [1, 2, 3].map((i) => {
      const out = tmp('shrinkrace-vshard-');
      const r = shrinkrace(['validate', '--time', '2s', '--shard', `${i}/3`, '--reports-dir', out]);
      expect([0, 1, 3]).toContain(r.code); // a short time share may miss a bug (1), or end before a first run (3: a known fast-check quirk)
      const [run] = readdirSync(out);
      const s = readReport(join(out, run));
      expect(s.shard).toEqual({ index: i, count: 3 });
      expect(s.settings.shard).toBe(`${i}/3`);
      expect(s.matrix!.rows.map((x) => x.name)).toEqual(names.filter((_, k) => k % 3 === i - 1));
      return join(out, run);
    });
    const out = tmp('shrinkrace-vmerged-');
    const r = shrinkrace(['merge', dirs[1], dirs[2], dirs[0], '--reports-dir', out]);
    const merged = readReport(/^report: (.*)\/report\.html$/m.exec(r.out)![1]);
    expect(merged.command).toBe('validate');
    expect(merged.matrix!.rows.map((x) => x.name)).toEqual(names);
    expect(merged.verdicts.map((x) => x.name)).toEqual(names);
    const shardRows = dirs.flatMap((d) => readReport(d).matrix!.rows);
    for (const row of merged.matrix!.rows) expect(row).toEqual(shardRows.find((x) => x.name === row.name));
    expect(merged.ok).toBe(merged.matrix!.rows.every((x) => x.met));
    expect(r.code).toBe(merged.matrix!.rows.some((x) => x.error) ? 3 : merged.ok ? 0 : 1);
    expect(r.out).toMatch(new RegExp(`^(ok|FAILED): merged 3 shards of validate \\(budget quick, seed 1\\): ${names.length} rows`));

    const missing = shrinkrace(['merge', dirs[0], dirs[2], '--reports-dir', tmp()]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^shrinkrace: merge: missing shard 2\/3/);
  }, 120_000);
});
