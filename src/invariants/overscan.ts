/**
 * Invariant 10, overscan: do_shrink_slab() never asks a shrinker to scan more than twice what it
 * counted, and no nr_deferred is ever negative. The kernel's own bounds (mm/shrinker.c
 * do_shrink_slab(), reference lines 371-466):
 *   total_scan = min(total_scan, (2 * freeable));                   the request
 *   next_deferred = max_t(long, (nr + delta - scanned), 0);
 *   next_deferred = min(next_deferred, (2 * freeable));            what is deferred
 * A request past 2 x freeable makes a shrinker free objects that were never "freeable" (the 2.6 era
 * "shrink_slab: handle bad shrinkers" overflow). total_scan is a `long` in the reference (line 376): a
 * negative nr_deferred ends the scan loop; a huge request comes from a negative long converted to the
 * `unsigned long nr_to_scan` (a negative shrinker->batch), or from a callback reporting ~0UL scanned
 * (kernel/ctypes.ts models the C conversions). A negative nr_deferred is still a broken count.
 *
 * Online: the owner's scan callback (kernel/item-cache.ts scan_objects) checks the running request
 * against what its count callback returned for the same shrink_control (`sc.counted`, `sc.requested`:
 * harness fields). At quiescence: every live shrinker's and shrinker_info unit's nr_deferred.
 */
import { fmtPtr, base, liveObjects } from '../model/arena.js';
import { actorName, type Kernel, type ShrinkControl } from '../model/kernel.js';
import { MAX_NODES, SH_NR_DEFERRED, T_SHRINKER, T_UNIT, UNIT_NR_DEFERRED } from '../model/layout.js';
import { Violation } from '../model/violation.js';

/** The count callback returned `n` for `sc` (a count starts a new request). */
export function noteCounted(sc: ShrinkControl, n: number): void {
  sc.counted = n;
  sc.requested = 0;
}

/** The scan callback is asked for sc.nr_to_scan more: at most 2 x counted in all since the count. */
export function checkScanRequest(k: Kernel, shrinker: number, sc: ShrinkControl): void {
  const counted = sc.counted ?? 0;
  sc.requested = (sc.requested ?? 0) + sc.nr_to_scan;
  if (sc.requested > 2 * counted) {
    throw new Violation('overscan', `overscan: ${actorName(k, k.actor)} at step ${k.step}: do_shrink_slab() asked ${fmtPtr(shrinker)} to scan ` +
      `${sc.requested} objects in all after it counted ${counted} (at most 2 x freeable = ${2 * counted})`, { kind: 'scan request past 2 x freeable' });
  }
}

export function checkOverscan(k: Kernel): void {
  for (const [t, first, words] of [[T_SHRINKER, SH_NR_DEFERRED, MAX_NODES], [T_UNIT, UNIT_NR_DEFERRED, k.unitBits]] as const) {
    for (const p of liveObjects(k, t)) {
      const b = base(k, p);
      for (let w = 0; w < words; w++) {
        const v = k.mem[b + first + w];
        if (v < 0) {
          throw new Violation('overscan', `overscan: ${fmtPtr(p)}'s nr_deferred[${w}] is ${v} at quiescence (an atomic_long_t count of deferred work can never be negative)`,
            { kind: 'negative nr_deferred' });
        }
      }
    }
  }
}
