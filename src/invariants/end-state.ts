/**
 * The invariants checked at quiescence (every actor finished, RCU callbacks drained), in order.
 * Online invariants are checked elsewhere, at the step they break: use-after-free and NULL dereference
 * in the checked accessor (use-after-free.ts), liveness in the engine (deadlock, step budget) and in
 * the thread engine's watchdog, bounds in set_shrinker_bit() (bounds.ts).
 */
import type { Kernel } from '../model/kernel.js';
import { checkBounds } from './bounds.js';
import { checkConservation } from './conservation.js';
import { checkLeaks } from './leak.js';
import { checkLostBit } from './lost-bit.js';
import { checkOverscan } from './overscan.js';

export const END_STATE_CHECKS: readonly ((k: Kernel) => void)[] = [checkLostBit, checkLeaks, checkConservation, checkBounds, checkOverscan];

export function checkEndState(k: Kernel): void {
  for (const check of END_STATE_CHECKS) check(k);
}
