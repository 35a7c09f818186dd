/**
 * Arena pointers as values: one Int32, type tag (bits 27-30) | generation (bits 16-26) | slot index + 1
 * (bits 0-15); 0 is NULL; always positive. Pure arithmetic and formatting, no memory access: the arena (arena.ts)
 * checks them, the oops reports (use-after-free.ts) print them.
 */
import { ARENA_NAMES } from './layout.js';

export const NULL = 0;

export const ptrType = (p: number): number => (p >>> 27) & 15;
export const ptrGen = (p: number): number => (p >>> 16) & GEN_MASK;
/** generations wrap at 2048 (a stale pointer is caught unless 2048 objects reuse its slot: slots are never reused) */
export const GEN_MASK = 0x7ff;
export const ptrIndex = (p: number): number => (p & 0xffff) - 1;

export function makePtr(type: number, index: number, gen: number): number {
  return (type << 27) | ((gen & GEN_MASK) << 16) | (index + 1);
}

export function fmtPtr(p: number): string {
  if (p === NULL) return 'NULL';
  return `${ARENA_NAMES[ptrType(p)] ?? '?'}#${ptrIndex(p)}`;
}
