/**
 * The ingredient-pair table of a bench (src/bench/ingredients.ts) as Markdown: a triangle, one row and
 * one column per ingredient, each cell the percentage of generated scenarios holding both, uniform
 * generator (before) then swarm (after), and the rarest pair of each.
 */
import type { Ingredients } from './bench-schema.js';

const pct = (f: number): string => (f === 0 ? '0' : f < 0.1 ? (100 * f).toFixed(1) : (100 * f).toFixed(0));

export function ingredientsMarkdown(g: Ingredients): string[] {
  const cell = new Map(g.pairs.map((p) => [`${p.a}|${p.b}`, `${pct(p.before)}→${pct(p.after)}`]));
  const cols = g.names.slice(1);
  const row = (c: string[]): string => `| ${c.join(' | ')} |`;
  const rows = g.names.slice(0, -1).map((a) => row([a, ...cols.map((b) => cell.get(`${a}|${b}`) ?? '')]));
  return [
    `## d. Ingredient pairs: % of ${g.samples.toLocaleString('en-US')} generated scenarios holding both, uniform generator → swarm (workloads ${g.workloads.join(',')}, seed ${g.seed})`, '',
    row(['', ...cols]), row(['---', ...cols.map(() => '---')]), ...rows, '',
    `Rarest pair: before ${pct(g.minBefore.fraction)}% (${g.minBefore.pair}), after ${pct(g.minAfter.fraction)}% (${g.minAfter.pair}).`,
  ];
}
