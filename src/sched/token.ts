/**
 * Replay tokens: everything a run needs, (variant, scenario, memory mode, schedule), in one string
 * that is safe to paste in a shell: `sr1.` + base64url. The payload is a list of unsigned varints,
 * deflated when that is shorter, and ends with a CRC-32 so a damaged token is refused, not misread.
 * A token for a variant file carries the file's source (a bundle, src/sched/variant-bundle.ts), so it
 * replays the design it was made from; a token for a built-in variant has no bundle and its bytes are
 * those of the first sr1 tokens (bit 1 of the flags is clear).
 *
 *   payload = flags(bit0: deflated, bit1: bundle follows; other bits: a newer format) data crc32(data, 4 bytes LE)
 *   data    = nameLen name-bytes memory nodes memcgs unitBits shrinkers numaMask globalMask nonslabMask
 *             nokmem failMask
 *             5 x (nActors (nOps (a b c)*)*)   producers, reclaimers, expanders, unregisterers, lifecycles
 *             scheduleLen choice*
 *             [bundle: path entryIndex nFiles (key text)* nLinks (fileIndex spec target)* sha256(32 bytes)]
 *             (strings are a length and UTF-8 bytes)
 * Decoding checks everything: a damaged token, bundle included, is one TokenError line, never a crash.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { OpSpec, Scenario } from '../model/scenario.js';
import { MEMORY_MODES, type MemoryMode } from '../model/memory-model.js';
import { bundleProblem, bundleSpec, carriedBundle, type VariantBundle } from './variant-bundle.js';
export type { MemoryMode };

export const TOKEN_PREFIX = 'sr1.';
const DEFLATED = 1;
const BUNDLE = 2;
/** an inflated payload larger than this is refused (a variant's source is a few KB) */
const MAX_PAYLOAD = 64 << 20;

export interface Replay {
  /** a built-in variant's name, or a variant file's spec (bundleSpec) */
  variant: string;
  memory: MemoryMode;
  scenario: Scenario;
  schedule: number[];
  /** the variant file's source (when absent on encode, the bundle the loader remembers for `variant`) */
  bundle?: VariantBundle;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

function putVarint(out: number[], v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new TokenError(`cannot encode ${v}`);
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

export function encodeToken(r: Replay): string {
  const d: number[] = [];
  const name = Buffer.from(r.variant, 'utf8');
  putVarint(d, name.length);
  for (const b of name) d.push(b);
  putVarint(d, MEMORY_MODES.indexOf(r.memory));
  const s = r.scenario;
  for (const v of [s.nodes, s.memcgs, s.unitBits, s.shrinkers, s.numaMask, s.globalMask, s.nonslabMask, s.nokmem, s.failMask]) putVarint(d, v);
  for (const list of [s.producers, s.reclaimers, s.expanders, s.unregisterers, s.lifecycles]) {
    putVarint(d, list.length);
    for (const ops of list) {
      putVarint(d, ops.length);
      for (const op of ops) for (const v of [op.a, op.b, op.c]) putVarint(d, v);
    }
  }
  putVarint(d, r.schedule.length);
  for (const c of r.schedule) putVarint(d, c);
  const bundle = r.bundle ?? carriedBundle(r.variant);
  if (bundle !== undefined) putBundle(d, r.variant, bundle);
  const raw = Buffer.from(d);
  const packed = deflateRawSync(raw, { level: 9 });
  const deflated = packed.length < raw.length;
  const data = deflated ? packed : raw;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(data));
  const flags = (deflated ? DEFLATED : 0) | (bundle !== undefined ? BUNDLE : 0);
  return TOKEN_PREFIX + Buffer.concat([Buffer.from([flags]), data, crc]).toString('base64url');
}

function putString(out: number[], s: string): void {
  const b = Buffer.from(s, 'utf8');
  putVarint(out, b.length);
  for (const x of b) out.push(x);
}

function putBundle(out: number[], spec: string, b: VariantBundle): void {
  const problem = bundleProblem(b);
  if (problem !== null) throw new TokenError(`cannot carry variant ${spec}: ${problem}`);
  if (bundleSpec(b) !== spec) throw new TokenError(`cannot carry variant ${spec}: its bundle is ${bundleSpec(b)}`);
  putString(out, b.path);
  putVarint(out, b.files.findIndex(([key]) => key === b.entry));
  putVarint(out, b.files.length);
  for (const [key, text] of b.files) {
    putString(out, key);
    putString(out, text);
  }
  putVarint(out, b.links.length);
  for (const [key, spec, target] of b.links) {
    putVarint(out, b.files.findIndex(([k]) => k === key));
    putString(out, spec);
    putString(out, target);
  }
  for (const x of Buffer.from(b.sha256, 'hex')) out.push(x);
}

export function decodeToken(token: string): Replay {
  const t = token.trim();
  const format = /^sr(\d{1,6})\./.exec(t);
  if (format !== null && format[1] !== '1') {
    throw new TokenError(`replay token is format sr${format[1]}, but this shrinkrace reads sr1 (the token was made by ${Number(format[1]) > 1 ? 'a newer' : 'an older'} version)`);
  }
  if (!t.startsWith(TOKEN_PREFIX)) throw new TokenError(`not a shrinkrace replay token (expected it to start with "${TOKEN_PREFIX}")`);
  const body = t.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new TokenError('replay token has characters outside base64url');
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < 6) throw new TokenError('replay token is truncated or damaged');
  const flags = bytes[0];
  if ((flags & ~(DEFLATED | BUNDLE)) !== 0) {
    throw new TokenError(`replay token has flags 0x${flags.toString(16).padStart(2, '0')} that this shrinkrace does not know (made by a newer version, or damaged)`);
  }
  const data = bytes.subarray(1, bytes.length - 4);
  if (crc32(data) !== bytes.readUInt32LE(bytes.length - 4)) throw new TokenError('replay token checksum mismatch (damaged or incomplete copy)');
  let buf: Buffer;
  try {
    buf = flags & DEFLATED ? inflateRawSync(data, { maxOutputLength: MAX_PAYLOAD }) : Buffer.from(data);
  } catch {
    throw new TokenError('replay token payload does not inflate');
  }
  let i = 0;
  const next = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (i >= buf.length) throw new TokenError('replay token ends early');
      const b = buf[i++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
      if (mul > 2 ** 35) throw new TokenError('replay token has an oversized number');
    }
  };
  /** a count of things still to read: never more than the bytes left */
  const count = (): number => {
    const v = next();
    if (v > buf.length - i) throw new TokenError('replay token ends early');
    return v;
  };
  const nameLen = count();
  if (i + nameLen > buf.length) throw new TokenError('replay token ends early');
  const variant = buf.subarray(i, i + nameLen).toString('utf8');
  // a name is printed in messages and texts: control characters (a newline) would break their one line
  if (/[\u0000-\u001f\u007f]/.test(variant)) throw new TokenError('replay token names a variant with control characters (damaged)');
  i += nameLen;
  const memory = MEMORY_MODES[next()];
  if (memory === undefined) throw new TokenError('replay token names an unknown memory mode');
  const [nodes, memcgs, unitBits, shrinkers, numaMask, globalMask, nonslabMask, nokmem, failMask] = Array.from({ length: 9 }, next);
  const role = (): OpSpec[][] => Array.from({ length: count() }, () => Array.from({ length: count() }, () => ({ a: next(), b: next(), c: next() })));
  const [producers, reclaimers, expanders, unregisterers, lifecycles] = [role(), role(), role(), role(), role()];
  const schedule = Array.from({ length: count() }, next);
  const bundle = flags & BUNDLE ? readBundle() : undefined;
  if (i !== buf.length) throw new TokenError('replay token has trailing bytes');
  const scenario = { nodes, memcgs, unitBits, shrinkers, numaMask, globalMask, nonslabMask, nokmem, failMask, producers, reclaimers, expanders, unregisterers, lifecycles };
  return { variant, memory, scenario, schedule, ...(bundle && { bundle }) };

  function str(): string {
    const n = count();
    const bytes = buf.subarray(i, (i += n));
    try {
      return UTF8.decode(bytes);
    } catch {
      throw new TokenError('replay token holds variant source that is not UTF-8');
    }
  }

  function readBundle(): VariantBundle {
    const path = str();
    const entryIndex = next();
    const files = Array.from({ length: count() }, () => [str(), str()] as const);
    const fileAt = (n: number): string => {
      if (n >= files.length) throw new TokenError('replay token\'s variant bundle names a file it does not hold');
      return files[n][0];
    };
    const entry = fileAt(entryIndex);
    const links = Array.from({ length: count() }, () => [fileAt(next()), str(), str()] as const);
    if (i + 32 > buf.length) throw new TokenError('replay token ends early');
    const sha256 = buf.subarray(i, (i += 32)).toString('hex');
    const b: VariantBundle = { entry, files, links, path, sha256 };
    const problem = bundleProblem(b);
    if (problem !== null) throw new TokenError(`replay token's variant bundle is damaged: ${problem}`);
    if (bundleSpec(b) !== variant) throw new TokenError(`replay token names variant ${variant}, but carries ${bundleSpec(b)}`);
    return b;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
