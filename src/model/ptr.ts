/**
 * Arena pointers as values: one Int32, type tag (bits 27-30) | generation (bits 18-26) | slot index + 1
 * (bits 0-17); 0 is NULL; always positive. Pure arithmetic and formatting, no memory access: the arena (arena.ts)
 * checks them, the oops reports (use-after-free.ts) print them.
 */
import { ARENA_NAMES } from './layout.js';

export const NULL = 0;

export const ptrType = (p: number): number => (p >>> 27) & 15;
export const ptrGen = (p: number): number => (p >>> INDEX_BITS) & GEN_MASK;
/** slot index + 1: up to 262,143 objects of a kind (the bench's 2000 x 2000 has 128,000 shrinker_info_units) */
const INDEX_BITS = 18;
/** generations wrap at 512 (a forged pointer is caught unless its generation matches: slots are never reused) */
export const GEN_MASK = 0x1ff;
export const ptrIndex = (p: number): number => (p & ((1 << INDEX_BITS) - 1)) - 1;

export function makePtr(type: number, index: number, gen: number): number {
  return (type << 27) | ((gen & GEN_MASK) << INDEX_BITS) | (index + 1);
}

export function fmtPtr(p: number): string {
  if (p === NULL) return 'NULL';
  return `${ARENA_NAMES[ptrType(p)] ?? '?'}#${ptrIndex(p)}`;
}
