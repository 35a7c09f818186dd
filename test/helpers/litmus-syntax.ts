/**
 * For the litmus export tests: (1) a checker of the shape herd7 expects of a C litmus test, line by
 * line as the Linux kernel's tools/memory-model/litmus-tests/*.litmus are written (herd7 itself is
 * not installed on the developers' or CI's machines: no package of it in the registries they reach);
 * (2) an exported program as one of the project's own litmus shapes, so the project's exhaustive
 * explorer (engine/litmus/explore.ts) can say whether the weak mode reaches its exists clause.
 */
import type { LitmusProgram } from '../../src/report/litmus-select.js';
import type { Op, Shape } from '../../src/engine/litmus/shapes.js';

const STATEMENT = [
  /^r\d+ = READ_ONCE\(\*\w+\);$/, /^r\d+ = atomic_read\(\w+\);$/, /^r\d+ = smp_load_acquire\(\w+\);$/,
  /^WRITE_ONCE\(\*\w+, -?\d+\);$/, /^smp_store_release\(\w+, -?\d+\);$/, /^atomic_set(_release)?\(\w+, -?\d+\);$/,
  /^atomic_(or|and)\(\d+, \w+\);$/, /^r\d+ = atomic_xchg\(\w+, -?\d+\);$/, /^r\d+ = atomic_add_return\(-?\d+, \w+\);$/,
  /^(smp_mb|smp_rmb|smp_wmb|smp_mb__before_atomic|smp_mb__after_atomic)\(\);$/, /^spin_(un)?lock\(\w+\);$/,
];

/** The problems with `text` as a herd7 C litmus test (empty: none found). */
export function herdProblems(text: string): string[] {
  const bad: string[] = [];
  const lines = text.split('\n');
  let i = 0;
  if (!/^C [A-Za-z0-9_+.-]+$/.test(lines[i++] ?? '')) bad.push(`line 1 is not "C name": ${lines[0]}`);
  while (lines[i] === '') i++;
  if (lines[i] === '(*') {
    while (i < lines.length && lines[i] !== ' *)') {
      if (i > 0 && /\*\)/.test(lines[i]) ) bad.push(`comment closes early: ${lines[i]}`);
      i++;
    }
    i++;
  }
  while (lines[i] === '') i++;
  if (lines[i++] !== '{') bad.push(`no init block at line ${i}`);
  const vars = new Set<string>();
  for (; i < lines.length && lines[i] !== '}'; i++) {
    const m = /^\t(?:(\w+)=-?\d+;|atomic_t (\w+) = ATOMIC_INIT\(-?\d+\);)$/.exec(lines[i]);
    if (m === null) bad.push(`init line: ${lines[i]}`);
    else vars.add(m[1] ?? m[2]);
  }
  i++;
  const regs = new Map<number, Set<string>>();
  for (let p = 0; ; p++) {
    while (lines[i] === '') i++;
    const head = new RegExp(`^P${p}\\(((?:int|atomic_t|spinlock_t) \\*\\w+(?:, (?:int|atomic_t|spinlock_t) \\*\\w+)*)\\)$`).exec(lines[i] ?? '');
    if (head === null) {
      if (p === 0) bad.push(`no P0: ${lines[i]}`);
      break;
    }
    const params = new Set(head[1].split(', ').map((x) => x.replace(/^.*\*/, '')));
    if (lines[++i] !== '{') bad.push(`P${p} has no {`);
    const own = new Set<string>();
    regs.set(p, own);
    for (i++; i < lines.length && lines[i] !== '}'; i++) {
      const l = lines[i];
      if (l === '') continue;
      const decl = /^\tint (r\d+);$/.exec(l);
      if (decl) { own.add(decl[1]); continue; }
      const s = l.replace(/^\t/, '');
      if (!STATEMENT.some((re) => re.test(s))) bad.push(`P${p}: not a herd7 kernel statement: ${s}`);
      for (const name of s.match(/\b[A-Za-z_]\w*\b(?=[,)])/g) ?? []) if (!params.has(name) && !own.has(name)) bad.push(`P${p}: ${name} is not a parameter or register`);
      const reg = /^(r\d+) =/.exec(s)?.[1];
      if (reg && !own.has(reg)) bad.push(`P${p}: ${reg} is not declared`);
    }
    i++;
  }
  while (lines[i] === '') i++;
  const ex = /^exists \((.+)\)$/.exec(lines[i] ?? '');
  if (ex === null) bad.push(`no exists clause: ${lines[i]}`);
  else {
    for (const c of ex[1].split(' /\\ ')) {
      const m = /^(?:(\d+):(r\d+)|(\w+))=-?\d+$/.exec(c);
      if (m === null) bad.push(`exists: ${c}`);
      else if (m[3] !== undefined && !vars.has(m[3])) bad.push(`exists names ${m[3]}, not in the init block`);
      else if (m[1] !== undefined && !regs.get(Number(m[1]))?.has(m[2])) bad.push(`exists names ${m[1]}:${m[2]}, not a register of P${m[1]}`);
    }
  }
  if (lines.slice(i + 1).some((l) => l.trim() !== '')) bad.push('text after the exists clause');
  return bad;
}

const FENCE_OPS: Record<string, Op> = { smp_mb: ['mb'], smp_mb__before_atomic: ['mbb'], smp_mb__after_atomic: ['mba'], smp_wmb: ['wmb'], smp_rmb: ['rmb'] };

/** The program as a litmus shape (at most 4 variables and one lock; bit ops on one bit). */
export function shapeOf(p: LitmusProgram, name: string): Shape {
  const at = new Map(p.vars.map((v, i) => [v.name, i]));
  if (p.vars.length > 4 || p.locks.length > 1) throw new Error('too big for the explorer: at most 4 variables and 1 lock');
  const regs = new Map<string, number>();
  const bit = (mask: number): number => {
    const b = Math.log2(mask);
    if (!Number.isInteger(b)) throw new Error(`not one bit: ${mask}`);
    return b;
  };
  const threads = p.threads.map((t, ti) => t.ops.map((o): Op => {
    switch (o.op) {
      case 'read': regs.set(`${ti}:${o.reg}`, regs.size); return ['r', regs.size - 1, at.get(o.v)!];
      case 'write': return [o.release ? 'rel' : 'w', at.get(o.v)!, o.val];
      case 'or': return ['set', at.get(o.v)!, bit(o.mask)];
      case 'and': return ['clr', at.get(o.v)!, bit(p.vars[at.get(o.v)!].bits! & ~o.mask)];
      case 'fence': return FENCE_OPS[o.name];
      case 'lock': return ['lock'];
      case 'unlock': return ['unlock'];
      default: throw new Error(`no shape op for ${o.op}`);
    }
  }));
  const conj = p.exists.map((c): { reg: boolean; at: number; val: number } => {
    const [lhs, val] = c.split('=');
    return regs.has(lhs) ? { reg: true, at: regs.get(lhs)!, val: Number(val) } : { reg: false, at: at.get(lhs)!, val: Number(val) };
  });
  return {
    name, threads, init: p.vars.map((v) => v.init), existsText: p.exists.join(' /\\ '), lkmm: 'allowed',
    exists: (reg, mem) => conj.every((c) => (c.reg ? reg[c.at] : mem[c.at]) === c.val),
  };
}
