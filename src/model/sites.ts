/**
 * Where things happen, for bug signatures: a run with a SiteLog (`k.sites`, off on the fast path)
 * keeps, per actor, the stack of model functions it is inside (every `k.fn.*` call, see
 * engine/sites.ts), and remembers, per word, the site of its last store and, per bit, the site of its
 * last set or clear; per object, the site that allocated and the site that freed it. A site is a
 * model function and, when known, the access label within it ("shrink_slab_memcg_one [clear_bit(N,
 * @->map)]"), with numbers replaced by N so the same line of code gives the same site in every run.
 *
 * Only runs that found something are re-run with a SiteLog: the search stays fast.
 */

/** "clear_bit(3, @->map) [SHRINK_EMPTY]" -> "clear_bit(N, @->map) [SHRINK_EMPTY]"; object names lose their index. */
export function normalizeLabel(label: string): string {
  return label.replace(/#\d+/g, '').replace(/\b\d+\b/g, 'N');
}

export interface BitOp {
  op: 'set' | 'clear';
  site: string;
}

export class SiteLog {
  /** per actor (index actor + 1: setup is -1), the model functions it is inside, innermost last */
  private readonly stacks: string[][];
  /** per actor, the id of each frame on its stack (a frame is one call of a model function) */
  private readonly frameIds: number[][];
  private nextFrame = 1;
  /** per frame id, the references it took and dropped, per refcount word */
  private readonly refs = new Map<number, Map<number, { fn: string; gets: number; puts: number }>>();
  /** per refcount word, the last call that returned with its references unbalanced: "fn (2 gets, 1 put)" */
  readonly unbalanced = new Map<number, string>();
  /** per refcount word, the object it belongs to */
  private readonly refObj = new Map<number, number>();
  readonly lastStore = new Map<number, string>();
  /** who made each word's last store */
  readonly lastStoreBy = new Map<number, number>();
  /** per word, the last value stored, and who last took it from <= 0 to > 0 (a list's count: who filled it) */
  private readonly lastValue = new Map<number, number>();
  readonly filledBy = new Map<number, { actor: number; site: string }>();
  /** per actor (index actor + 1), its latest bit set: the word and the site */
  readonly lastSet: ({ addr: number; site: string } | null)[];
  /** key: word * 32 + bit */
  readonly bitOps = new Map<number, BitOp>();
  /** key: the object's first word */
  readonly allocated = new Map<number, string>();
  readonly freed = new Map<number, string>();
  /** per actor (index actor + 1), the site of its latest store or bit operation */
  readonly lastOp: string[];

  constructor(actors: number, private readonly roles: readonly string[]) {
    this.stacks = Array.from({ length: actors + 1 }, () => []);
    this.frameIds = Array.from({ length: actors + 1 }, () => []);
    this.lastOp = new Array(actors + 1).fill('');
    this.lastSet = new Array(actors + 1).fill(null);
  }

  push(actor: number, fn: string): void {
    this.stacks[actor + 1].push(fn);
    this.frameIds[actor + 1].push(this.nextFrame++);
  }

  pop(actor: number): void {
    this.stacks[actor + 1].pop();
    const id = this.frameIds[actor + 1].pop()!;
    const taken = this.refs.get(id);
    if (taken === undefined) return;
    this.refs.delete(id);
    for (const [word, r] of taken) {
      if (r.gets !== r.puts) this.unbalanced.set(word, `${r.fn} (${r.gets} get${r.gets === 1 ? '' : 's'}, ${r.puts} put${r.puts === 1 ? '' : 's'})`);
    }
  }

  /**
   * A reference taken (+1) or dropped (-1) on the refcount at `word`, counted for the nearest caller
   * that is not a get/put helper itself (shrinker_try_get, shrinker_put): the call that should balance it.
   */
  ref(actor: number, word: number, delta: 1 | -1, obj?: number): void {
    if (obj !== undefined) this.refObj.set(word, obj);
    const st = this.stacks[actor + 1];
    let j = st.length - 1;
    while (j >= 0 && /(^|_)(try_get|get|put)$/.test(st[j])) j--;
    if (j < 0) return;
    const id = this.frameIds[actor + 1][j];
    let taken = this.refs.get(id);
    if (taken === undefined) this.refs.set(id, (taken = new Map()));
    const r = taken.get(word) ?? { fn: st[j], gets: 0, puts: 0 };
    if (delta > 0) r.gets++;
    else r.puts++;
    taken.set(word, r);
  }

  /** the last unbalanced call on a refcount of object `obj` ("fn (1 get, 0 puts)"), if any */
  unbalancedOn(obj: number): string | undefined {
    for (const [word, o] of this.refObj) if (o === obj && this.unbalanced.has(word)) return this.unbalanced.get(word);
    return undefined;
  }

  /** the innermost model function `actor` is in; outside any, its role ("producer") or "setup" */
  fn(actor: number): string {
    const st = this.stacks[actor + 1];
    if (st.length > 0) return st[st.length - 1];
    if (actor < 0) return 'setup';
    const role = (this.roles[actor] ?? 'actor').replace(/\d+$/, '');
    return role === 'rcu' ? 'an RCU callback (kvfree_rcu)' : `${role} (actor code)`;
  }

  /** the site of an access by `actor` labelled `what` */
  site(actor: number, what?: string): string {
    return what === undefined ? this.fn(actor) : `${this.fn(actor)} [${normalizeLabel(what)}]`;
  }

  store(actor: number, addr: number, what: string, value: number): void {
    const site = this.site(actor, what);
    this.lastStore.set(addr, site);
    this.lastStoreBy.set(addr, actor);
    this.lastOp[actor + 1] = site;
    // a word never stored to in this run was zeroed by its allocation
    if (value > 0 && (this.lastValue.get(addr) ?? 0) <= 0) this.filledBy.set(addr, { actor, site });
    this.lastValue.set(addr, value);
  }

  /** an atomic or/and of `mask` into `addr`: each bit it sets or clears */
  bits(actor: number, addr: number, op: 'or' | 'and', mask: number, what: string): void {
    const site = this.site(actor, what);
    this.lastStore.set(addr, site);
    this.lastStoreBy.set(addr, actor);
    this.lastOp[actor + 1] = site;
    if (op === 'or') this.lastSet[actor + 1] = { addr, site };
    const changed = op === 'or' ? mask : ~mask;
    for (let b = 0; b < 32; b++) if ((changed >>> b) & 1) this.bitOps.set(addr * 32 + b, { op: op === 'or' ? 'set' : 'clear', site });
  }
}
