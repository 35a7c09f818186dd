/** The one error a variant file can cause: missing, unreadable, fails to compile or import, not a variant. One line. */
export class VariantError extends Error {
  override name = 'VariantError';
}
