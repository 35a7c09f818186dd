import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, TOKEN_PREFIX, TokenError, type Replay } from '../../src/sched/token.js';
import { bundleHash, bundleSpec, type VariantBundle } from '../../src/sched/variant-bundle.js';
import { scenarioClassArb, SHRINK_LIMITS } from '../../src/search/scenario-arb.js';
import { explicitScheduleArb } from '../../src/search/schedule-arb.js';

const replayArb = fc.record({
  variant: fc.oneof(fc.constantFrom('lockless', 'no-recheck'), fc.string({ maxLength: 40 })),
  memory: fc.constant('sc' as const),
  scenario: scenarioClassArb(SHRINK_LIMITS),
  schedule: explicitScheduleArb(3000),
});

const keyArb = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}\.(ts|mjs|js)$/),
  fc.stringMatching(/^(\.\.\/)?[a-z]{1,6}\/[a-z][a-z0-9-]{0,8}\.ts$/),
);

/** a bundle as the loader builds it: sorted unique keys, entry among them, hash over content */
const bundleArb: fc.Arbitrary<VariantBundle> = fc
  .record({
    files: fc.uniqueArray(fc.tuple(keyArb, fc.string({ unit: 'grapheme', maxLength: 300 })), { minLength: 1, maxLength: 5, selector: ([k]) => k }),
    entryAt: fc.nat(),
    path: fc.string({ unit: 'grapheme', maxLength: 60 }),
    links: fc.array(fc.tuple(fc.nat(), fc.stringMatching(/^\.\.\/[a-z./]{1,20}\.js$/), fc.stringMatching(/^dist\/src\/[a-z]{1,8}\/[a-z-]{1,10}\.js$/)), { maxLength: 3 }),
  })
  .map(({ files, entryAt, path, links }) => {
    const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
    const entry = sorted[entryAt % sorted.length][0];
    const byKeySpec = new Map(links.map(([at, spec, target]) => [`${sorted[at % sorted.length][0]}\0${spec}`, target]));
    const linked = [...byKeySpec].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ks, target]) => [...ks.split('\0'), target] as [string, string, string]);
    return { entry, files: sorted, links: linked, path, sha256: bundleHash(entry, sorted, linked) };
  });

const SCENARIO = { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0, producers: [[{ a: 0, b: 0, c: 0 }]], reclaimers: [[{ a: 0, b: 0, c: 0 }]], expanders: [], unregisterers: [], lifecycles: [] };
const README_EXAMPLE = readFileSync(new URL('../fixtures/readme-example.ts', import.meta.url), 'utf8');
const exampleBundle = (text = README_EXAMPLE): VariantBundle => {
  const files = [['my-variant.ts', text]] as const;
  return { entry: 'my-variant.ts', files, links: [], path: './my-variant.ts', sha256: bundleHash('my-variant.ts', files) };
};
const withBundle = (b: VariantBundle): Replay => ({ variant: bundleSpec(b), memory: 'sc', scenario: SCENARIO, schedule: [1, 2, 1, 0, 2], bundle: b });

/** a token rebuilt around `payload` with a matching CRC-32, so that only the payload is wrong */
function reseal(flags: number, payload: Buffer): string {
  const data = flags & 1 ? deflateRawSync(payload) : payload;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(data));
  return TOKEN_PREFIX + Buffer.concat([Buffer.from([flags]), data, crc]).toString('base64url');
}
const payloadOf = (t: string): Buffer => {
  const bytes = Buffer.from(t.slice(TOKEN_PREFIX.length), 'base64url');
  const data = bytes.subarray(1, bytes.length - 4);
  return bytes[0] & 1 ? inflateRawSync(data) : Buffer.from(data);
};

describe('replay token codec', () => {
  it('round-trips every (variant, scenario, schedule)', () => {
    fc.assert(fc.property(replayArb, (r) => {
      const t = encodeToken(r);
      expect(t.startsWith(TOKEN_PREFIX)).toBe(true);
      expect(t).toMatch(/^[A-Za-z0-9._-]+$/); // safe to paste in a shell
      expect(decodeToken(t)).toEqual(r);
    }), { numRuns: 500 });
  });

  it('round-trips a variant bundle with every (scenario, schedule)', () => {
    fc.assert(fc.property(bundleArb, scenarioClassArb(SHRINK_LIMITS), explicitScheduleArb(500), (b, scenario, schedule) => {
      const r: Replay = { variant: bundleSpec(b), memory: 'sc', scenario, schedule, bundle: b };
      const t = encodeToken(r);
      expect(t).toMatch(/^sr1\.[A-Za-z0-9_-]+$/);
      expect(decodeToken(t)).toEqual(r);
    }), { numRuns: 300 });
  });

  it('keeps the tokens of built-in variants byte for byte (the corpus re-encodes to the same strings)', () => {
    const corpus = JSON.parse(readFileSync(new URL('../corpus/regressions.json', import.meta.url), 'utf8')) as { entries: { token: string }[] };
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').match(/sr1\.[A-Za-z0-9_-]+/g) ?? [];
    const tokens = [...corpus.entries.map((e) => e.token), ...readme];
    expect(tokens.length).toBeGreaterThan(5);
    for (const t of tokens) {
      const r = decodeToken(t);
      expect(r.bundle).toBeUndefined();
      expect(encodeToken(r)).toBe(t);
    }
  });

  it('stays compact for long schedules', () => {
    const t = encodeToken({ variant: 'lockless', memory: 'sc', scenario: { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0, producers: [[{ a: 0, b: 0, c: 0 }]], reclaimers: [], expanders: [], unregisterers: [], lifecycles: [] }, schedule: new Array(2000).fill(0).map((_, i) => (i % 50 === 0 ? 2 : 0)) });
    expect(t.length).toBeLessThan(200);
  });

  it('carries the README example in under 1 KB', () => {
    const t = encodeToken(withBundle(exampleBundle()));
    expect(t.length).toBeLessThan(1000);
  });

  it('refuses damaged tokens with a TokenError', () => {
    const good = encodeToken({ variant: 'lockless', memory: 'sc', scenario: { nodes: 1, memcgs: 1, unitBits: 1, shrinkers: 1, numaMask: 0, globalMask: 1, nonslabMask: 2, nokmem: 1, failMask: 5, producers: [], reclaimers: [[{ a: 1, b: 2, c: 3 }]], expanders: [], unregisterers: [], lifecycles: [[{ a: 0, b: 1, c: 2 }]] }, schedule: [1, 0, 2] });
    for (const bad of ['garbage', '', 'sr1.', 'sr1.!!!!', good.slice(0, -3), good.slice(0, 10) + (good[10] === 'A' ? 'B' : 'A') + good.slice(11), 'sr2.' + good.slice(4)]) {
      expect(() => decodeToken(bad), bad).toThrow(TokenError);
    }
  });

  it('refuses every truncation of a valid token, bundle or not', () => {
    const plain = encodeToken({ variant: 'no-recheck', memory: 'sc', scenario: { nodes: 2, memcgs: 2, unitBits: 2, shrinkers: 2, numaMask: 1, globalMask: 0, nonslabMask: 0, nokmem: 0, failMask: 0, producers: [[{ a: 0, b: 0, c: 0 }]], reclaimers: [[{ a: 1, b: 0, c: 0 }]], expanders: [], unregisterers: [], lifecycles: [] }, schedule: [3, 1, 4, 1, 5] });
    const bundled = encodeToken(withBundle(exampleBundle()));
    for (const good of [plain, bundled]) for (let n = 0; n < good.length; n++) expect(() => decodeToken(good.slice(0, n))).toThrow(TokenError);
  });

  it('names another format version, or unknown flags, in one line', () => {
    const good = encodeToken(withBundle(exampleBundle()));
    expect(() => decodeToken('sr2.' + good.slice(4))).toThrow(/format sr2, but this shrinkrace reads sr1 \(the token was made by a newer version\)/);
    expect(() => decodeToken('sr0.' + good.slice(4))).toThrow(/made by an older version/);
    const newer = reseal(0x04 | 1, payloadOf(good));
    expect(() => decodeToken(newer)).toThrow(/flags 0x05 that this shrinkrace does not know/);
  });

  it('refuses a damaged bundle with a one-line TokenError, never a crash (the CRC-32 made to match)', () => {
    const good = encodeToken(withBundle(exampleBundle()));
    const payload = payloadOf(good);
    const at = payload.indexOf(Buffer.from('my-no-recheck'));
    const edits: Buffer[] = [
      Buffer.concat([payload.subarray(0, at), Buffer.from('my-no-RECHECK'), payload.subarray(at + 13)]), // source no longer matches its sha256
      Buffer.concat([payload.subarray(0, payload.length - 1), Buffer.from([payload[payload.length - 1] ^ 1])]), // the sha256 itself
      payload.subarray(0, payload.length - 40), // cut inside the bundle
      Buffer.concat([payload, Buffer.from([0])]), // trailing byte
      Buffer.concat([payload.subarray(0, at), Buffer.from([0xff, 0xfe]), payload.subarray(at + 2)]), // not UTF-8
    ];
    const messages: string[] = [];
    for (const p of edits) {
      for (const flags of [2, 3]) {
        let err: unknown = null;
        try {
          decodeToken(reseal(flags, p));
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(TokenError);
        messages.push((err as Error).message);
      }
    }
    for (const m of messages) expect(m.split('\n')).toHaveLength(1);
    expect(messages).toContain("replay token's variant bundle is damaged: its files do not match its sha256");
    // a bundle flag on a token without one: the bytes run out where the bundle should start
    const plain = encodeToken({ variant: 'lockless', memory: 'sc', scenario: SCENARIO, schedule: [1] });
    const plainPayload = payloadOf(plain);
    for (const flags of [2, 3]) expect(() => decodeToken(reseal(flags, plainPayload))).toThrow(/replay token ends early/);
  });

  it('never crashes on a damaged payload: any byte changed under a matching CRC-32 is decoded or a TokenError', () => {
    const payload = payloadOf(encodeToken(withBundle(exampleBundle())));
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(payload.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.constantFrom(2, 3), (edits, flags) => {
      const p = Buffer.from(payload);
      for (const [at, v] of edits) p[at] = v;
      try {
        decodeToken(reseal(flags, p));
      } catch (e) {
        expect(e).toBeInstanceOf(TokenError);
        expect((e as Error).message.split('\n')).toHaveLength(1);
      }
    }), { numRuns: 1000 });
  });

  it('refuses to carry a bundle that does not match its spec or its hash', () => {
    const b = exampleBundle();
    expect(() => encodeToken({ ...withBundle(b), variant: 'other.ts@00000000' })).toThrow(TokenError);
    expect(() => encodeToken(withBundle({ ...b, sha256: '0'.repeat(64) }))).toThrow(TokenError);
    expect(() => encodeToken(withBundle({ ...b, files: [['../', 'x']], entry: '../', sha256: bundleHash('../', [['../', 'x']]) }))).toThrow(TokenError);
  });
});
