/**
 * Bench 5d: ingredient-pair coverage. Ingredients are read from a scenario as the roles read it, the
 * pair fractions count exactly, and the bench's table shows both generators (one cell per pair) and
 * the rarest pair of each; the section is part of the bench's Markdown.
 */
import { describe, expect, it } from 'vitest';
import { ingredientCoverage, ingredientMask, INGREDIENTS, pairFractions } from '../../src/bench/ingredients.js';
import { DEFAULT_SCENARIO, type Scenario } from '../../src/model/scenario.js';
import { ingredientsMarkdown } from '../../src/report/ingredients-text.js';
import { IngredientsSchema } from '../../src/report/bench-schema.js';

const names = (m: number): string[] => INGREDIENTS.filter((_, i) => m & (1 << i)).map(([n]) => n);

describe('ingredients', () => {
  it('reads the roles, the machine and the workload features a scenario holds', () => {
    expect(names(ingredientMask(DEFAULT_SCENARIO))).toEqual(['producer', 'reclaimer', 'expander', 'unregisterer', 'nodes>1', 'memcgs>1']);
    const s: Scenario = {
      ...DEFAULT_SCENARIO, nodes: 1, memcgs: 1, shrinkers: 1, producers: [], reclaimers: [], unregisterers: [],
      globalMask: 2, // shrinker 1 does not exist: not a global shrinker
      nonslabMask: 1, nokmem: 1, failMask: 4,
      expanders: [[{ a: 2, b: 1, c: 0 }]], // not MEMCG_AWARE, adds an item before registering
      lifecycles: [[{ a: 1, b: 0, c: 0 }]],
    };
    expect(names(ingredientMask(s))).toEqual(['expander', 'lifecycle', 'global', 'nonslab', 'nokmem', 'alloc-fail', 'populate']);
  });

  it('counts the fraction of scenarios holding each pair', () => {
    const f = pairFractions([0b011, 0b001, 0b111, 0]);
    expect(f).toHaveLength((INGREDIENTS.length * (INGREDIENTS.length - 1)) / 2);
    expect(f.slice(0, 2)).toEqual([0.5, 0.25]); // (producer, reclaimer), (producer, expander)
    expect(f[INGREDIENTS.length - 1]).toBe(0.25); // (reclaimer, expander)
    expect(f.filter((x) => x > 0)).toHaveLength(3);
  });

  it('measures both generators from a fixed seed and renders one cell per pair', () => {
    const g = IngredientsSchema.parse(ingredientCoverage(1000, 3));
    expect(ingredientCoverage(1000, 3)).toEqual(g);
    expect(g.pairs.every((p) => p.before > 0 && p.after > 0)).toBe(true);
    expect(g.minAfter.fraction).toBe(Math.min(...g.pairs.map((p) => p.after)));
    expect(g.minBefore.fraction).toBe(Math.min(...g.pairs.map((p) => p.before)));
    const md = ingredientsMarkdown(g);
    const rows = md.filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('|  |'));
    expect(rows.map((r) => r.split(' | ')[0].slice(2))).toEqual(g.names.slice(0, -1));
    expect(md.join('\n').match(/\d[\d.]*→\d[\d.]*/g)).toHaveLength(g.pairs.length);
    expect(md.at(-1)).toMatch(/^Rarest pair: before [\d.]+% \(.+ \+ .+\), after [\d.]+% \(.+ \+ .+\)\.$/);
  });
});
