/**
 * A task's variant in this thread: built-in by name, or a variant file from the bundle the task carries
 * (the bytes the main thread read, never the file as it is now, and the module it compiled from them),
 * loaded once per thread per sha256.
 */
import { findVariant } from '../src/variants/registry.js';
import { loadVariantBundle, type VariantRef } from '../src/variants/load.js';
import type { Variant } from '../src/variants/variant.js';

const loaded = new Map<string, Promise<Variant>>();

export async function variantOf(ref: VariantRef): Promise<Variant> {
  if (ref.bundle === undefined) {
    const v = findVariant(ref.name);
    if (v === undefined) throw new Error(`worker: unknown variant ${ref.name}`);
    return v;
  }
  let v = loaded.get(ref.bundle.sha256);
  if (v === undefined) loaded.set(ref.bundle.sha256, (v = loadVariantBundle(ref.bundle, ref.module)));
  return v;
}
