/**
 * mulberry32: a small, fast, seedable 32-bit PRNG. Draws are reduced to 31 bits before `%` (uint32
 * values above 2^31 make V8's modulo take a slow path).
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 1);
  };
}
