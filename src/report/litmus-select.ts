/**
 * From a run's access log (engine/access-log.ts) to a litmus program: the accesses that matter and the
 * barriers and locks between them, as an intermediate form that litmus-render.ts writes in herd7's C
 * syntax. What matters: the words touched by at least two actors, at least one of them writing (the
 * conflicting accesses), every access to them in each actor's program order; the barriers between an
 * actor's first and last such access; the locks at least two of the chosen actors take, around a
 * section holding such an access. Threads are the actors with such an access, in actor order; the
 * outcome is what the run produced: the value each load returned and, when every store became visible
 * by the end, the final value of each word two threads wrote.
 *
 * A word some bit operation touched is `atomic`, and holds only the bits the program's set/clear ops
 * touch (every value of it is masked so): set_bit is an atomic_or, clear_bit an atomic_and.
 */
import { fmtPtr } from '../model/arena.js';
import type { AccessEvent, AccessLog } from '../engine/access-log.js';

export type LitmusOp =
  | { op: 'read'; v: string; reg: string; val: number }
  | { op: 'write'; v: string; val: number; release: boolean }
  | { op: 'or' | 'and'; v: string; mask: number }
  | { op: 'xchg'; v: string; reg: string; val: number; arg: number }
  | { op: 'add_return'; v: string; reg: string; val: number; arg: number }
  | { op: 'fence'; name: string }
  | { op: 'lock' | 'unlock'; lock: string };

export interface LitmusVar {
  name: string;
  /** the kernel word it stands for: "list_lru_one#1->nr_items" */
  what: string;
  atomic: boolean;
  /** the bits a bit operation touches (atomic words), else null */
  bits: number | null;
  init: number;
}

export interface LitmusProgram {
  threads: { actor: string; ops: LitmusOp[] }[];
  vars: LitmusVar[];
  /** spinlocks, with the model call that first took each: "spin_lock(&l->lock)" */
  locks: { name: string; what: string }[];
  /** conjuncts of the exists clause: "1:r0=0", "map=0" */
  exists: string[];
  /** pointer values, numbered: [number, "shrinker_info#3"] */
  pointers: [number, string][];
}

const READS = new Set(['load', 'atomic-return']);
const WRITES = new Set(['store', 'release', 'or', 'and', 'atomic-return']);
const RESERVED = /^(r\d+|int|char|long|void|if|else|while|for|return|exists|atomic_t|spinlock_t|P\d+)$/;

const isPtr = (v: number): boolean => v >= 1 << 27 && !fmtPtr(v).startsWith('?');
export const cIdent = (s: string): string => {
  const id = s.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'v';
  return /^\d/.test(id) || RESERVED.test(id) ? `v_${id}` : id;
};

/** The field a label names: the last `->field`, else what a one-argument label wraps, else the label's function. */
export function fieldOf(label: string): string {
  const arrows = [...label.matchAll(/->\s*([A-Za-z_]\w*)/g)];
  if (arrows.length > 0) return arrows[arrows.length - 1][1];
  const bare = label.replace(/\s*\[[^\]]*\]$/, '');
  const call = /^([A-Za-z_]\w*)\((.*)\)$/.exec(bare);
  if (call === null) return bare;
  return /^&?[A-Za-z_][\w.]*$/.test(call[2]) ? call[2].replace(/^&/, '') : call[1];
}

/** null: no two actors conflict on any word (nothing to export). */
export function selectLitmus(log: AccessLog, actorNames: readonly string[]): LitmusProgram | null {
  const words = new Map<number, { actors: Set<number>; writers: Set<number>; first: AccessEvent }>();
  for (const e of log.events) {
    if (!READS.has(e.kind) && !WRITES.has(e.kind)) continue;
    const w = words.get(e.addr) ?? { actors: new Set(), writers: new Set(), first: e };
    w.actors.add(e.actor);
    if (WRITES.has(e.kind)) w.writers.add(e.actor);
    if (e.label !== '' && (w.first.label === '' || (w.first.ptr === 0 && e.ptr !== 0))) w.first = e; // name it after a labelled access that knows its object
    words.set(e.addr, w);
  }
  const chosen = [...words].filter(([, w]) => w.actors.size >= 2 && w.writers.size >= 1);
  if (chosen.length === 0) return null;
  // names: the field, or object_field where two words share a field
  const label = (e: AccessEvent): string => e.label.replace(/@/g, e.ptr ? fmtPtr(e.ptr) : 'obj');
  const field = new Map(chosen.map(([addr, w]) => [addr, cIdent(fieldOf(label(w.first)))]));
  const vars = new Map<number, LitmusVar>();
  const taken = new Set<string>();
  for (const [addr, w] of chosen) {
    const f = field.get(addr)!;
    let name = [...field.values()].filter((x) => x === f).length > 1 && w.first.ptr ? cIdent(`${fmtPtr(w.first.ptr)}_${f}`) : f;
    for (let i = 2; taken.has(name); i++) name = `${f}_${i}`;
    taken.add(name);
    const what = w.first.ptr ? `${fmtPtr(w.first.ptr)}->${fieldOf(label(w.first))}` : fieldOf(label(w.first));
    vars.set(addr, { name, what, atomic: false, bits: null, init: log.initial.get(addr) ?? 0 });
  }
  for (const e of log.events) {
    const v = vars.get(e.addr);
    if (v === undefined || !WRITES.has(e.kind) || e.kind === 'store' || e.kind === 'release') continue;
    v.atomic = true;
    if (e.kind === 'or' || e.kind === 'and') v.bits = (v.bits ?? 0) | (e.kind === 'or' ? e.value : ~e.value);
  }
  const pointers = new Map<number, number>();
  const val = (v: LitmusVar, x: number): number => {
    if (v.bits !== null) return x & v.bits;
    if (!isPtr(x)) return x;
    if (!pointers.has(x)) pointers.set(x, 1001 + pointers.size);
    return pointers.get(x)!;
  };
  for (const v of vars.values()) v.init = val(v, v.init);

  // locks two chosen actors take
  const inThreads = new Set(chosen.flatMap(([, w]) => [...w.actors]));
  const lockers = new Map<number, { actors: Set<number>; what: string }>();
  for (const e of log.events) {
    if (e.kind !== 'lock' || !inThreads.has(e.actor)) continue;
    const l = lockers.get(e.addr) ?? { actors: new Set<number>(), what: e.label };
    lockers.set(e.addr, l);
    l.actors.add(e.actor);
  }
  const shared = [...lockers].filter(([, l]) => l.actors.size >= 2);
  const locks = new Map<number, string>();
  for (const [addr, l] of shared) {
    const base = cIdent(/\(&?([^()]*)\)/.exec(l.what)?.[1] ?? 'lock'); // spin_lock(&l->lock): l_lock
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    locks.set(addr, name);
  }

  const threads: LitmusProgram['threads'] = [];
  const exists: string[] = [];
  for (const actor of [...inThreads].sort((a, b) => a - b)) {
    const ops: LitmusOp[] = [];
    let regs = 0;
    for (const e of log.events) {
      if (e.actor !== actor) continue;
      const v = vars.get(e.addr);
      const reg = (): string => `r${regs++}`;
      if (e.kind === 'fence') ops.push({ op: 'fence', name: e.label });
      else if (e.kind === 'lock' || e.kind === 'unlock') { if (locks.has(e.addr)) ops.push({ op: e.kind, lock: locks.get(e.addr)! }); }
      else if (v === undefined) continue;
      else if (e.kind === 'load') ops.push({ op: 'read', v: v.name, reg: reg(), val: val(v, e.value) });
      else if (e.kind === 'store' || e.kind === 'release') ops.push({ op: 'write', v: v.name, val: val(v, e.value), release: e.kind === 'release' });
      else if (e.kind === 'or') ops.push({ op: 'or', v: v.name, mask: e.value & v.bits! });
      else if (e.kind === 'and') ops.push({ op: 'and', v: v.name, mask: e.value & v.bits! });
      else {
        const add = /add(?:_return)?\((-?\d+),/.exec(e.label);
        const arg = add ? Number(add[1]) : Number(/,\s*(-?\d+)\)/.exec(e.label)?.[1] ?? 0);
        ops.push({ op: add ? 'add_return' : 'xchg', v: v.name, reg: reg(), val: e.value, arg });
      }
    }
    const t = { actor: actorNames[actor] ?? `actor${actor}`, ops: trim(ops) };
    const p = threads.push(t) - 1;
    for (const o of t.ops) if ('reg' in o && Number.isFinite(o.val)) exists.push(`${p}:${o.reg}=${o.val}`);
  }
  // final values: a coherence order two threads' writes made, when every store became visible
  if (log.pendingAtEnd === 0) {
    for (const [addr, v] of vars) {
      const writers = threads.filter((t) => t.ops.some((o) => 'v' in o && o.v === v.name && o.op !== 'read'));
      const fin = log.final.get(addr);
      // a plain word ends holding a value a thread wrote (not so if its object was freed and poisoned meanwhile)
      const written = fin !== undefined && (v.atomic || threads.some((t) => t.ops.some((o) => o.op === 'write' && o.v === v.name && o.val === val(v, fin))));
      if (writers.length >= 2 && written) exists.push(`${v.name}=${val(v, fin!)}`);
    }
  }
  // a lock that only one thread still takes around an access that matters orders nothing: out
  const takers = (l: string): number => threads.filter((t) => t.ops.some((o) => 'lock' in o && o.lock === l)).length;
  const kept = shared.filter(([addr]) => takers(locks.get(addr)!) >= 2);
  const keptNames = new Set(kept.map(([addr]) => locks.get(addr)!));
  for (const t of threads) t.ops = t.ops.filter((o) => !('lock' in o) || keptNames.has(o.lock));
  return { threads, vars: [...vars.values()], locks: kept.map(([addr, l]) => ({ name: locks.get(addr)!, what: l.what })), exists, pointers: [...pointers].map(([p, n]) => [n, fmtPtr(p)]) };
}

/** Drops barriers outside the first..last access, repeated barriers, and lock sections that hold no access. */
function trim(ops: LitmusOp[]): LitmusOp[] {
  const isAccess = (o: LitmusOp): boolean => o.op !== 'fence' && o.op !== 'lock' && o.op !== 'unlock';
  const first = ops.findIndex(isAccess);
  let last = ops.length - 1;
  while (last >= 0 && !isAccess(ops[last])) last--;
  const keep = ops.map((o, i) => o.op !== 'fence' || (i > first && i < last));
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (o.op === 'fence' && keep[i]) {
      let j = i - 1;
      while (j >= 0 && !keep[j]) j--;
      if (j >= 0 && ops[j].op === 'fence' && (ops[j] as { name: string }).name === o.name) keep[i] = false;
    }
    if (o.op !== 'lock') continue;
    let j = i + 1;
    while (j < ops.length && !(ops[j].op === 'unlock' && (ops[j] as { lock: string }).lock === o.lock)) j++;
    if (!ops.slice(i + 1, j).some(isAccess)) keep[i] = keep[j] = false; // keep[ops.length] is harmless
  }
  return ops.filter((_, i) => keep[i]);
}
