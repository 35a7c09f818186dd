/**
 * Coverage of runs (RunOptions.coverage): which access sites the actors reached and which interleaving
 * pairs they exercised, per run and accumulated over a search.
 *
 *  - a site is a model function and the normalized label of a shared access inside it
 *    ("shrink_slab_memcg_one [clear_bit(N, @->map)]", the same naming bug signatures use); a model
 *    function entered counts as its own site ("shrink_slab_memcg_one []").
 *  - an interleaving pair (A, B): a store (or atomic) at site A by one actor, then a read at site B
 *    by another actor of the same word while A's store is still its last one.
 *
 * Not modeled: which store a read really sees under weak memory (a store counts when it is issued,
 * not when it becomes visible); setup's accesses (actor -1) count neither as sites nor as writers.
 * Off (the default) nothing here runs: `k.cov` stays null and the model functions are not wrapped.
 */
import type { AccessSink, ModelFns } from '../model/kernel.js';
import { normalizeLabel } from '../model/sites.js';
import { wrapFns } from './wrap-fns.js';

/** The accumulated coverage of a search, and the new coverage of its latest run. */
export class CoverageMap implements AccessSink {
  /** site names by id ("fn [label]") */
  readonly sites: string[] = [];
  /** hits per site id, over every run */
  readonly siteHits: number[] = [];
  /** hits per pair (writer site id * 2^16 + reader site id), over every run */
  readonly pairHits = new Map<number, number>();
  /** the site ids that stored, and that loaded (an atomic does both) */
  readonly written = new Set<number>();
  readonly loaded = new Set<number>();
  /** runs counted */
  runs = 0;
  /** sites and pairs first reached by the latest run */
  fresh = 0;
  private readonly siteIds = new Map<string, number>();
  /** raw label -> normalized label (labels carry numbers; their normal form is cached) */
  private readonly normal = new Map<string, string>();
  /** per actor (index actor + 1), the model functions it is inside, innermost last */
  private stacks: string[][] = [];
  /** per word: the last store's site id and actor (packed site * 64 + actor), this run */
  private readonly lastWrite = new Map<number, number>();

  /** Start counting a run of `actors` actors. */
  beginRun(actors: number): void {
    this.stacks = Array.from({ length: actors + 1 }, () => []);
    this.lastWrite.clear();
    this.fresh = 0;
    this.runs++;
  }

  enter(actor: number, fn: string): void {
    this.stacks[actor + 1].push(fn);
    if (actor >= 0) this.hit(this.siteId(`${fn} []`));
  }

  leave(actor: number): void {
    this.stacks[actor + 1].pop();
  }

  read(actor: number, addr: number, what: string): void {
    if (actor < 0) return;
    const site = this.siteOf(actor, what);
    this.hit(site);
    this.loaded.add(site);
    const w = this.lastWrite.get(addr);
    if (w === undefined || (w & 63) === actor) return;
    const key = (w >>> 6) * 65536 + site;
    const had = this.pairHits.get(key);
    if (had === undefined) this.fresh++;
    this.pairHits.set(key, (had ?? 0) + 1);
  }

  write(actor: number, addr: number, what: string): void {
    if (actor < 0) return;
    const site = this.siteOf(actor, what);
    this.hit(site);
    this.written.add(site);
    this.lastWrite.set(addr, site * 64 + actor);
  }

  /** An unlabelled branch (an injected allocation failure): a site in the innermost function, and in each caller "... in <callee>". */
  mark(actor: number, what: string): void {
    if (actor < 0) return;
    const st = this.stacks[actor + 1];
    if (st.length === 0) return this.hit(this.siteId(`actor code [${what}]`));
    this.hit(this.siteId(`${st[st.length - 1]} [${what}]`));
    for (let j = st.length - 2; j >= 0; j--) this.hit(this.siteId(`${st[j]} [${what} in ${st[j + 1]}]`));
  }

  /** the pairs reached, as [writer site, reader site, hits] */
  pairs(): [string, string, number][] {
    return [...this.pairHits].map(([key, n]) => [this.sites[Math.floor(key / 65536)], this.sites[key % 65536], n]);
  }

  private hit(site: number): void {
    if (this.siteHits[site]++ === 0) this.fresh++;
  }

  private siteOf(actor: number, what: string): number {
    const st = this.stacks[actor + 1];
    const fn = st.length > 0 ? st[st.length - 1] : 'actor code';
    let label = this.normal.get(what);
    if (label === undefined) this.normal.set(what, (label = normalizeLabel(what)));
    return this.siteId(`${fn} [${label}]`);
  }

  private siteId(name: string): number {
    let id = this.siteIds.get(name);
    if (id === undefined) {
      id = this.sites.length;
      this.siteIds.set(name, id);
      this.sites.push(name);
      this.siteHits.push(0);
    }
    return id;
  }
}

/** `fns` with every generator function wrapped to keep `cov`'s per-actor function stacks. */
export function coverFns(fns: ModelFns, cov: CoverageMap): ModelFns {
  return wrapFns(fns, { enter: (actor, name) => cov.enter(actor, name), leave: (actor) => cov.leave(actor) });
}
