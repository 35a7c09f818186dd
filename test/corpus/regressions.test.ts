/**
 * The regression corpus (test/corpus/regressions.json), replayed the way proptest replays its
 * regression files: every saved failure must still break the same invariant, and the corpus must hold
 * at least one entry for every known-bug variant. Plus --save's own behaviour on a scratch corpus.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, saveRegression } from '../../src/api/corpus.js';
import { replayToken } from '../../src/api/replay.js';
import { knownBugs } from '../../src/bench/detection.js';

const FILE = fileURLToPath(new URL('./regressions.json', import.meta.url));
const corpus = loadCorpus(FILE);

describe('regression corpus', () => {
  it('holds at least one entry per known-bug variant', () => {
    const have = new Set(corpus.entries.map((e) => e.variant));
    for (const v of knownBugs()) expect(have, v.name).toContain(v.name);
  });

  it.each(corpus.entries.map((e) => [`${e.variant}: ${e.invariant}`, e] as const))('%s replays to the same invariant', async (_, e) => {
    const r = await replayToken(e.token);
    expect(r.replay.variant).toBe(e.variant);
    expect(r.run.violation?.invariant).toBe(e.invariant);
  });

  it('--save adds an entry once, atomically, and refuses a damaged corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkrace-corpus-'));
    const file = join(dir, 'c.json');
    const e = corpus.entries[0];
    expect(saveRegression(file, { variant: e.variant, invariant: e.invariant, token: e.token, source: 'check', seed: 1 })).toBe(true);
    expect(saveRegression(file, { variant: e.variant, invariant: e.invariant, token: e.token, source: 'check', seed: 1 })).toBe(false);
    expect(loadCorpus(file).entries).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['c.json']);
    writeFileSync(file, JSON.stringify({ schema: 'shrinkrace/regressions', version: 1, entries: [{ variant: 'x', invariant: 'lost-bit', token: 'nope', source: 'check', seed: 1, addedAt: '' }] }));
    expect(() => loadCorpus(file)).toThrow(CorpusError);
  });
});
