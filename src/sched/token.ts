/**
 * Replay tokens: everything a run needs, (variant, scenario, memory mode, schedule), in one string
 * that is safe to paste in a shell: `sr1.` + base64url. The payload is a list of unsigned varints,
 * deflated when that is shorter, and ends with a CRC-32 so a damaged token is refused, not misread.
 *
 *   payload = flags(bit0: deflated) data crc32(data, 4 bytes LE)
 *   data    = nameLen name-bytes memory nodes memcgs unitBits shrinkers numaMask globalMask nonslabMask
 *             nokmem failMask
 *             5 x (nActors (nOps (a b c)*)*)   producers, reclaimers, expanders, unregisterers, lifecycles
 *             scheduleLen choice*
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { OpSpec, Scenario } from '../model/scenario.js';

export const TOKEN_PREFIX = 'sr1.';
import { MEMORY_MODES, type MemoryMode } from '../memory/model.js';
export type { MemoryMode };

export interface Replay {
  variant: string;
  memory: MemoryMode;
  scenario: Scenario;
  schedule: number[];
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
  const raw = Buffer.from(d);
  const packed = deflateRawSync(raw, { level: 9 });
  const deflated = packed.length < raw.length;
  const data = deflated ? packed : raw;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(data));
  return TOKEN_PREFIX + Buffer.concat([Buffer.from([deflated ? 1 : 0]), data, crc]).toString('base64url');
}

export function decodeToken(token: string): Replay {
  const t = token.trim();
  if (!t.startsWith(TOKEN_PREFIX)) throw new TokenError(`not a shrinkrace replay token (expected it to start with "${TOKEN_PREFIX}")`);
  const body = t.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new TokenError('replay token has characters outside base64url');
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < 6 || bytes[0] > 1) throw new TokenError('replay token is truncated or damaged');
  const data = bytes.subarray(1, bytes.length - 4);
  if (crc32(data) !== bytes.readUInt32LE(bytes.length - 4)) throw new TokenError('replay token checksum mismatch (damaged or incomplete copy)');
  let buf: Buffer;
  try {
    buf = bytes[0] === 1 ? inflateRawSync(data) : Buffer.from(data);
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
  i += nameLen;
  const memory = MEMORY_MODES[next()];
  if (memory === undefined) throw new TokenError('replay token names an unknown memory mode');
  const [nodes, memcgs, unitBits, shrinkers, numaMask, globalMask, nonslabMask, nokmem, failMask] = Array.from({ length: 9 }, next);
  const role = (): OpSpec[][] => Array.from({ length: count() }, () => Array.from({ length: count() }, () => ({ a: next(), b: next(), c: next() })));
  const [producers, reclaimers, expanders, unregisterers, lifecycles] = [role(), role(), role(), role(), role()];
  const schedule = Array.from({ length: count() }, next);
  if (i !== buf.length) throw new TokenError('replay token has trailing bytes');
  return { variant, memory, scenario: { nodes, memcgs, unitBits, shrinkers, numaMask, globalMask, nonslabMask, nokmem, failMask, producers, reclaimers, expanders, unregisterers, lifecycles }, schedule };
}
