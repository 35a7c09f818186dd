/**
 * A litmus program (litmus-select.ts) in herd7's C syntax, the Linux kernel memory model's format
 * (tools/memory-model/litmus-tests/*.litmus): `C name`, a comment, the initial state, one `Pn(...)`
 * function per thread, and the `exists` clause; run it with `herd7 -conf linux-kernel.cfg FILE` from
 * tools/memory-model.
 *
 * Mapping: loads are READ_ONCE (atomic_read on an atomic word), stores WRITE_ONCE (atomic_set), release
 * stores smp_store_release (atomic_set_release); the model's set_bit/clear_bit, which herd's kernel
 * macros lack, are atomic_or/atomic_and on an atomic_t standing for the map word (these two need a
 * tools/memory-model from 2024 or later: linux-kernel.def defines them since then); value-returning
 * atomics are atomic_xchg/atomic_add_return; barriers and spin_lock/spin_unlock keep their names.
 */
import type { LitmusOp, LitmusProgram } from './litmus-select.js';

export interface LitmusHeader {
  /** the test's name, after `C ` */
  name: string;
  /** comment lines */
  lines: string[];
}

/** A comment line must not close the comment early. */
const commentSafe = (s: string): string => s.replace(/\*\)/g, '* )').replace(/\(\*/g, '( *');

/** A test name herd7 reads as one word. */
export const litmusName = (s: string): string => s.replace(/[^A-Za-z0-9_+.-]+/g, '-').replace(/^-+|-+$/g, '') || 'shrinkrace';

function statement(o: LitmusOp, atomic: (v: string) => boolean): string {
  switch (o.op) {
    case 'read': return atomic(o.v) ? `${o.reg} = atomic_read(${o.v});` : `${o.reg} = READ_ONCE(*${o.v});`;
    case 'write':
      if (atomic(o.v)) return o.release ? `atomic_set_release(${o.v}, ${o.val});` : `atomic_set(${o.v}, ${o.val});`;
      return o.release ? `smp_store_release(${o.v}, ${o.val});` : `WRITE_ONCE(*${o.v}, ${o.val});`;
    case 'or': return `atomic_or(${o.mask}, ${o.v});`;
    case 'and': return `atomic_and(${o.mask}, ${o.v});`;
    case 'xchg': return `${o.reg} = atomic_xchg(${o.v}, ${o.arg});`;
    case 'add_return': return `${o.reg} = atomic_add_return(${o.arg}, ${o.v});`;
    case 'fence': return `${o.name}();`;
    case 'lock': return `spin_lock(${o.lock});`;
    case 'unlock': return `spin_unlock(${o.lock});`;
  }
}

export function renderLitmus(p: LitmusProgram, h: LitmusHeader): string {
  const atomicVars = new Set(p.vars.filter((v) => v.atomic).map((v) => v.name));
  const atomic = (v: string): boolean => atomicVars.has(v);
  const out = [`C ${litmusName(h.name)}`, '', '(*', ...h.lines.map((l) => commentSafe(l === '' ? ' *' : ` * ${l}`)), ' *)', ''];
  out.push('{', ...p.vars.map((v) => (v.atomic ? `\tatomic_t ${v.name} = ATOMIC_INIT(${v.init});` : `\t${v.name}=${v.init};`)), '}', '');
  p.threads.forEach((t, i) => {
    const used = p.vars.filter((v) => t.ops.some((o) => 'v' in o && o.v === v.name));
    const locks = p.locks.map((l) => l.name).filter((l) => t.ops.some((o) => 'lock' in o && o.lock === l));
    const params = [...used.map((v) => (v.atomic ? `atomic_t *${v.name}` : `int *${v.name}`)), ...locks.map((l) => `spinlock_t *${l}`)];
    const regs = t.ops.flatMap((o) => ('reg' in o ? [o.reg] : []));
    out.push(`P${i}(${params.join(', ')})`, '{');
    if (regs.length > 0) out.push(...regs.map((r) => `\tint ${r};`), '');
    out.push(...t.ops.map((o) => `\t${statement(o, atomic)}`), '}', '');
  });
  out.push(`exists (${p.exists.join(' /\\ ')})`, '');
  return out.join('\n');
}
