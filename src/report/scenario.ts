/** A scenario in words, for failure reports. */
import { actorsOf, ROLES, type OpSpec, type Scenario } from '../model/scenario.js';
import { actorNamesOf } from '../engine/run.js';
import { isDel, pickMemcg } from '../actors/roles.js';

function op(role: string, o: OpSpec, s: Scenario): string {
  switch (role) {
    case 'producer': return `${isDel(o) ? 'del' : 'add'}(owner~${o.a}, memcg ${pickMemcg(s, o.b)}, node ${o.c % s.nodes})`;
    case 'reclaimer': return `shrink_slab(memcg ${pickMemcg(s, o.a)}, node ${o.b % s.nodes}, prio ${o.c % 3})`;
    case 'expander': return `shrinker_alloc+register(${o.a & 1 ? 'NUMA' : 'single node'})`;
    default: return `shrinker_free(owner~${o.a})`;
  }
}

export function describeScenario(s: Scenario): string {
  const names = actorNamesOf(s);
  const head = `${s.nodes} node(s), ${s.memcgs} memcg(s) below root, SHRINKER_UNIT_BITS=${s.unitBits}, ` +
    `${s.shrinkers} shrinker(s) registered at boot`;
  const actors = actorsOf(s).map((a, i) => `  ${names[i]}: ${a.ops.map((o) => op(ROLES[a.role], o, s)).join('; ')}`);
  return [head, ...actors].join('\n');
}
