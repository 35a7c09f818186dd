/** A task's variant in this thread: built-in by name, or the user's file (imported once per thread). */
import { findVariant } from '../src/variants/registry.js';
import { loadVariantFile, type VariantRef } from '../src/variants/load.js';
import type { Variant } from '../src/variants/variant.js';

const loaded = new Map<string, Variant>();

export async function variantOf(ref: VariantRef): Promise<Variant> {
  if (ref.path === undefined) {
    const v = findVariant(ref.name);
    if (v === undefined) throw new Error(`worker: unknown variant ${ref.name}`);
    return v;
  }
  let v = loaded.get(ref.path);
  if (v === undefined) loaded.set(ref.path, (v = await loadVariantFile(ref.path)));
  return v;
}
