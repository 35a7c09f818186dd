/** A scenario in words, for failure reports. */
import { actorsOf, ROLES, type OpSpec, type Scenario } from '../model/scenario.js';
import { actorNamesOf } from '../engine/run.js';
import { expanderFlags, isDel, pickMemcg } from '../actors/roles.js';
import { SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB, SHRINKER_NUMA_AWARE } from '../model/layout.js';

function flagNames(f: number): string {
  return [f & SHRINKER_MEMCG_AWARE ? 'MEMCG_AWARE' : 'global', f & SHRINKER_NUMA_AWARE ? 'NUMA' : '', f & SHRINKER_NONSLAB ? 'NONSLAB' : ''].filter(Boolean).join('|');
}

function op(role: string, o: OpSpec, s: Scenario): string {
  // memcgs are picked by position among those that exist when the operation runs; shown as at boot
  const n = s.memcgs + 1;
  const m = (v: number): string => `memcg ${s.lifecycles.length ? '~' : ''}${pickMemcg(n, v)}`;
  switch (role) {
    case 'producer': return `${isDel(o) ? 'del' : 'add'}(owner~${o.a}, ${m(o.b)}, node ${o.c % s.nodes})`;
    case 'reclaimer': return `shrink_slab(${m(o.a)}, node ${o.b % s.nodes}, prio ${o.c % 3})`;
    case 'expander': return `shrinker_alloc(${flagNames(expanderFlags(o.a))})${o.b ? ` + ${o.b} item(s) into ${m(o.c)}` : ''} + register`;
    case 'unregisterer': return `shrinker_free(owner~${o.a})`;
    default: return [`create memcg below ${m(o.b)}`, `offline ${m(o.b)}`, `free ${m(o.b)}`][o.a % 3];
  }
}

export function describeScenario(s: Scenario): string {
  const names = actorNamesOf(s);
  const opts = [s.nokmem ? 'cgroup.memory=nokmem' : '', s.failMask ? `allocation failures 0x${s.failMask.toString(16)}` : ''].filter(Boolean);
  const boot = Array.from({ length: s.shrinkers }, (_, i) => {
    const bit = (mask: number): number => (mask >> i) & 1;
    return flagNames((bit(s.globalMask) ? 0 : SHRINKER_MEMCG_AWARE) | (bit(s.numaMask) ? SHRINKER_NUMA_AWARE : 0) | (bit(s.nonslabMask) ? SHRINKER_NONSLAB : 0));
  });
  const head = `${s.nodes} node(s), ${s.memcgs} memcg(s) below root (a chain), SHRINKER_UNIT_BITS=${s.unitBits}, ` +
    `boot shrinkers [${boot.join(', ')}]${opts.length ? `, ${opts.join(', ')}` : ''}`;
  const actors = actorsOf(s).map((a, i) => `  ${names[i]}: ${a.ops.map((o) => op(ROLES[a.role], o, s)).join('; ')}`);
  return [head, ...actors].join('\n');
}
