/**
 * The built-in variants, by name. `resolveFns` merges a variant's overrides over the reference.
 */
import { ModelError } from '../invariants/violation.js';
import { expandMemcpy } from './expand-memcpy.js';
import { globalPutWithoutRcu } from './global-put-without-rcu.js';
import { infoAfterUnlock } from './info-after-unlock.js';
import { freeWithoutGracePeriod } from './free-without-grace-period.js';
import { freeWithoutWait } from './free-without-wait.js';
import { legacy } from './legacy.js';
import { lockless, locklessFns } from './lockless/index.js';
import type { ModelFns } from './model-fns.js';
import { noRecheck } from './no-recheck.js';
import { nokmemSkip } from './nokmem-skip.js';
import { noMbAfterAtomic } from './no-mb-after-atomic.js';
import { noMbBeforeAtomic } from './no-mb-before-atomic.js';
import { plainPublish } from './plain-publish.js';
import { rwsem } from './rwsem/index.js';
import type { Variant } from './variant.js';

export const VARIANTS: readonly Variant[] = [
  lockless, rwsem, legacy,
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
