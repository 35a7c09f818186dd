/**
 * Variants as checked edits: every built-in bug variant is the reference (or its design's) function
 * with exactly the lines its `edits` declare removed and added, so no variant silently drops a branch
 * of the reference (no-recheck and no-mb-after-atomic once lost the nokmem `continue` this way). Every
 * override that is not its design's own function is accounted for by an edit.
 */
import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../../src/variants/registry.js';
import { functionLines, lineEdits } from '../helpers/source-diff.js';

const bugs = VARIANTS.filter((v) => v.expect.kind === 'violates');
const designs = VARIANTS.filter((v) => v.expect.kind === 'passes');
const sorted = (xs: readonly string[]): string[] => [...xs].map((x) => x.replace(/\s+/g, ' ').trim()).sort();

describe.each(bugs.map((v) => [v.name, v] as const))('%s', (_, v) => {
  it('accounts for every override it makes with a declared edit', () => {
    const covered = new Set((v.edits ?? []).map((e) => e.override ?? e.fn.name));
    const own = Object.entries(v.overrides).filter(([key, f]) => !designs.some((d) => (d.overrides as Record<string, unknown>)[key] === f));
    expect(own.length).toBeGreaterThan(0);
    for (const [key] of own) expect(covered, key).toContain(key);
  });

  it.each((v.edits ?? []).map((e) => [e.fn.name, e] as const))('%s: the reference with exactly the declared lines removed and added', (_n, e) => {
    const got = lineEdits(functionLines(e.reference.file, e.reference.name), functionLines(e.fn.file, e.fn.name));
    expect({ removed: sorted(got.removed), added: sorted(got.added) }).toEqual({ removed: sorted(e.removed), added: sorted(e.added) });
  });
});

describe('the diff itself', () => {
  it('sees a dropped branch', () => {
    const ref = ['a;', 'if (x) {', 'return 0;', '}', 'b;'];
    expect(lineEdits(ref, ['a;', 'b;'])).toEqual({ removed: ['if (x) {', 'return 0;', '}'], added: [] });
  });
});
