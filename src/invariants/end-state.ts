/**
 * The invariants checked at quiescence (every actor finished, RCU callbacks drained), in order.
 * Online invariants are checked elsewhere, at the step they break: use-after-free and NULL dereference
 * in the checked accessor (use-after-free.ts), liveness in the engine (deadlock, step budget).
 */
import type { Kernel } from '../model/kernel.js';
import { checkLostBit } from './lost-bit.js';

export const END_STATE_CHECKS: readonly ((k: Kernel) => void)[] = [checkLostBit];

export function checkEndState(k: Kernel): void {
  for (const check of END_STATE_CHECKS) check(k);
}
