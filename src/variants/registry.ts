/**
 * The built-in variants, by name. `resolveFns` merges a variant's overrides over the reference.
 */
import { ModelError } from '../model/violation.js';
import { expandMemcpy } from './bugs/expand-memcpy.js';
import { globalPutWithoutRcu } from './bugs/global-put-without-rcu.js';
import { infoAfterUnlock } from './bugs/info-after-unlock.js';
import { freeWithoutGracePeriod } from './bugs/free-without-grace-period.js';
import { freeWithoutWait } from './bugs/free-without-wait.js';
import { legacy } from './designs/legacy.js';
import { locklessFns } from '../kernel/index.js';
import { lockless } from './designs/lockless.js';
import { mainline } from './designs/mainline.js';
import type { ModelFns } from '../model/kernel.js';
import { noRecheck } from './bugs/no-recheck.js';
import { nokmemSkip } from './designs/nokmem-skip.js';
import { noMbAfterAtomic } from './bugs/no-mb-after-atomic.js';
import { noMbBeforeAtomic } from './bugs/no-mb-before-atomic.js';
import { plainPublish } from './bugs/plain-publish.js';
import { rwsem } from './designs/rwsem/index.js';
import type { Variant } from './variant.js';

export const VARIANTS: readonly Variant[] = [
  lockless, mainline, rwsem, legacy,
  noRecheck, freeWithoutWait, freeWithoutGracePeriod, expandMemcpy, infoAfterUnlock, globalPutWithoutRcu, nokmemSkip,
  noMbAfterAtomic, noMbBeforeAtomic, plainPublish,
];

export function findVariant(name: string): Variant | undefined {
  return VARIANTS.find((v) => v.name === name);
}

export function resolveFns(v: Variant): ModelFns {
  for (const key of Object.keys(v.overrides)) {
    if (!(key in locklessFns)) throw new ModelError(`variant ${v.name} overrides unknown model function ${key}`);
  }
  return { ...locklessFns, ...v.overrides };
}
