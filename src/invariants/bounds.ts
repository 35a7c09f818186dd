/**
 * Invariant 6, bounds: no shrinker bit at or past an info's map_nr_max. Online, set_shrinker_bit()
 * reports the kernel's WARN_ON_ONCE(shrinker_id >= info->map_nr_max) through `warnBounds`; at
 * quiescence every map is scanned: a unit's word has SHRINKER_UNIT_BITS meaningful bits, a flat map
 * (rwsem-era designs) map_nr_max of them.
 */
import { fmtPtr, base, liveObjects } from '../model/arena.js';
import { actorName, type Kernel } from '../model/kernel.js';
import { FLAT_MAP, FLAT_MAP_NR_MAX, T_FLAT_INFO, T_UNIT, UNIT_MAP } from '../model/layout.js';
import { Violation } from '../model/violation.js';

export function warnBounds(k: Kernel, shrinker_id: number, map_nr_max: number, info: number): Violation {
  return new Violation('bounds', `bounds: WARN_ON_ONCE(shrinker_id >= map_nr_max): ${actorName(k, k.actor)} at step ${k.step} ` +
    `sets bit ${shrinker_id} of ${fmtPtr(info)}, whose map_nr_max is ${map_nr_max}`, { kind: 'WARN_ON_ONCE in set_shrinker_bit' });
}

export function checkBounds(k: Kernel): void {
  for (const [t, words] of [[T_UNIT, 1], [T_FLAT_INFO, 0]] as const) {
    for (const p of liveObjects(k, t)) {
      const b = base(k, p);
      const limit = t === T_UNIT ? k.unitBits : k.mem[b + FLAT_MAP_NR_MAX];
      const nwords = t === T_UNIT ? words : k.L.flatMapWords;
      for (let w = 0; w < nwords; w++) {
        const word = k.mem[b + (t === T_UNIT ? UNIT_MAP : FLAT_MAP) + w];
        for (let bit = 0; bit < 32; bit++) {
          if ((word >>> bit) & 1 && w * 32 + bit >= limit) {
            throw new Violation('bounds', `bounds: bit ${w * 32 + bit} of ${fmtPtr(p)} is set, at or past its ${limit} bits`, { kind: 'map scan at quiescence' });
          }
        }
      }
    }
  }
}
