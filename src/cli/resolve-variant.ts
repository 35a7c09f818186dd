/** --variant: a built-in name or a variant file; any problem with it is a usage error (exit 2, one line). */
import { loadVariant, VariantError, type VariantRef } from '../variants/load.js';
import type { Variant } from '../variants/variant.js';
import { UsageError } from './usage.js';

export async function resolveVariant(spec: string): Promise<{ variant: Variant; ref: VariantRef }> {
  try {
    return await loadVariant(spec);
  } catch (e) {
    if (e instanceof VariantError) throw new UsageError(e.message);
    throw e;
  }
}
