/**
 * Arena pointers as values: one Int32, type tag (bits 28-30) | generation (bits 16-27) | slot index + 1
 * (bits 0-15); 0 is NULL. Pure arithmetic and formatting, no memory access: the arena (arena.ts)
 * checks them, the oops reports (use-after-free.ts) print them.
 */
import { ARENA_NAMES } from './layout.js';

export const NULL = 0;

export const ptrType = (p: number): number => (p >>> 28) & 7;
export const ptrGen = (p: number): number => (p >>> 16) & 0xfff;
export const ptrIndex = (p: number): number => (p & 0xffff) - 1;

export function makePtr(type: number, index: number, gen: number): number {
  return (type << 28) | ((gen & 0xfff) << 16) | (index + 1);
}

export function fmtPtr(p: number): string {
  if (p === NULL) return 'NULL';
  return `${ARENA_NAMES[ptrType(p)] ?? '?'}#${ptrIndex(p)}`;
}
