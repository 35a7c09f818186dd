/**
 * .github/workflows/search.yml, the sharded search as a CI job matrix: it parses (a reader for the
 * block-YAML subset a workflow uses: mappings, sequences, flow lists, scalars), its matrix has one
 * job per shard 1..n and each runs `check --shard <i>/n` with flags the CLI's own option table accepts,
 * every shard's report is uploaded, and a final job that needs them downloads them all and merges them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK } from '../../src/cli/check-cmd.js';
import { MERGE } from '../../src/cli/merge-cmd.js';
import { parseCommand } from '../../src/cli/options.js';
import { ROOT } from '../helpers/cli.js';

type Y = string | number | boolean | null | Y[] | { [k: string]: Y };

function scalar(raw: string): Y {
  const v = raw.replace(/\s+#.*$/, '').trim();
  if (v === '') return null;
  if (/^\[.*\]$/.test(v)) return v.slice(1, -1).split(',').map((x) => scalar(x));
  if (/^'.*'$|^".*"$/.test(v)) return v.slice(1, -1);
  if (/^-?\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** Block YAML (two-space indents, no anchors, no multi-line scalars): a tiny reader, strict about layout. */
function readYaml(text: string): Y {
  const lines = text.split('\n').map((l, i) => ({ n: i + 1, indent: l.search(/\S/), body: l.trim() })).filter((l) => l.indent >= 0 && !l.body.startsWith('#'));
  let i = 0;
  const block = (indent: number): Y => {
    if (lines[i].body.startsWith('- ')) {
      const list: Y[] = [];
      while (i < lines.length && lines[i].indent === indent && lines[i].body.startsWith('- ')) {
        const l = lines[i];
        // "- key: value" opens a mapping whose further keys sit two columns right of the dash
        lines[i] = { ...l, indent: indent + 2, body: l.body.slice(2) };
        list.push(/^[\w-]+:(\s|$)/.test(lines[i].body) ? block(indent + 2) : (i++, scalar(lines[i - 1].body)));
      }
      return list;
    }
    const map: { [k: string]: Y } = {};
    while (i < lines.length && lines[i].indent === indent) {
      const l = lines[i];
      const m = /^([\w-]+):(?:\s+(.*))?$/.exec(l.body);
      if (m === null) throw new Error(`line ${l.n}: not "key: value": ${l.body}`);
      if (m[1] in map) throw new Error(`line ${l.n}: key ${m[1]} twice`);
      i++;
      if (m[2] !== undefined && m[2].trim() !== '' && !m[2].trim().startsWith('#')) map[m[1]] = scalar(m[2]);
      else map[m[1]] = i < lines.length && lines[i].indent > indent ? block(lines[i].indent) : null;
    }
    if (i < lines.length && lines[i].indent > indent) throw new Error(`line ${lines[i].n}: unexpected indent`);
    return map;
  };
  const doc = block(0);
  if (i !== lines.length) throw new Error(`line ${lines[i].n}: not read`);
  return doc;
}

const FILE = readFileSync(join(ROOT, '.github/workflows/search.yml'), 'utf8');
type Step = { uses?: string; run?: string; with?: Record<string, Y>; if?: string };
type Job = { needs?: string; if?: string; steps: Step[]; strategy?: { 'fail-fast': boolean; matrix: { shard: number[] } } };

describe('the sharded search workflow', () => {
  const wf = readYaml(FILE) as { jobs: Record<string, Job> };
  const search = wf.jobs.search;
  const merge = wf.jobs.merge;

  it('parses as the reader expects, and the reader refuses bad layout', () => {
    expect(Object.keys(wf.jobs)).toEqual(['search', 'merge']);
    expect(() => readYaml('a: 1\n   b: 2\n')).toThrow(/unexpected indent/);
    expect(() => readYaml('a: 1\na: 2\n')).toThrow(/twice/);
    expect(FILE).not.toMatch(/\t/);
  });

  it('a matrix of shards 1..n, each running check --shard i/n with real flags, every shard uploaded', () => {
    const shards = search.strategy!.matrix.shard;
    const n = shards.length;
    expect(n).toBeGreaterThan(1);
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(search.strategy!['fail-fast']).toBe(false); // a shard that finds a bug must not cancel the others
    const run = search.steps.find((s) => s.run?.startsWith('npx shrinkrace check '))!.run!;
    expect(run).toContain(`--shard \${{ matrix.shard }}/${n}`);
    for (const i of shards) {
      const argv = run.replace('${{ matrix.shard }}', String(i)).split(/\s+/).slice(3);
      const { values } = parseCommand(CHECK, argv); // throws on a flag the CLI does not have
      expect(values).toMatchObject({ shard: { index: i, count: n }, all: true, variant: 'mainline', runs: 250_000, 'reports-dir': 'out' });
    }
    const upload = search.steps.find((s) => s.uses === 'actions/upload-artifact@v4')!;
    expect(upload.with).toMatchObject({ name: 'shard-${{ matrix.shard }}', path: 'out/' });
    expect(search.steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-artifact@v4']);
    expect(search.steps[1].with).toMatchObject({ 'node-version': 20 });
  });

  it('a final job needs every shard, downloads them all, merges them and uploads the merged report', () => {
    expect(merge.needs).toBe('search');
    expect(merge.if).toBe('${{ !cancelled() }}'); // it runs when a shard failed (found a bug), so the merged report exists
    const download = merge.steps.find((s) => s.uses === 'actions/download-artifact@v4')!;
    expect(download.with).toMatchObject({ pattern: 'shard-*', path: 'shards' });
    const run = merge.steps.find((s) => s.run?.startsWith('npx shrinkrace merge '))!.run!;
    const argv = run.split('|')[0].trim().split(/\s+/).slice(3);
    const { values, positionals } = parseCommand(MERGE, argv);
    expect(positionals).toEqual(['shards/shard-*']);
    const upload = merge.steps.find((s) => s.uses === 'actions/upload-artifact@v4')!;
    expect(upload.with).toMatchObject({ path: `${values['reports-dir']}/` });
    expect(merge.steps.findIndex((s) => s === download)).toBeLessThan(merge.steps.findIndex((s) => s.run === run));
  });
});
