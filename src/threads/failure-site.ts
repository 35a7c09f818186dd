/**
 * Where a failure happened, as far as its message says: the invariant's message with actor numbers,
 * steps, object numbers and other counts taken out. "use-after-free: reclaimer1 at step 3288 touched
 * shrinker#2 (refcount_inc_not_zero(&@->refcount)); freed by rcu at step 3101 ..." becomes
 * "use-after-free: reclaimer at step N touched shrinker# (refcount_inc_not_zero(&@->refcount)); freed
 * by rcu at step N ...": the same access in the same kernel function, freed by the same role. When a
 * thread-found failure is re-found or cut down (reproduce.ts), candidates with the same site are
 * preferred over others that break the same invariant elsewhere. Not a full signature (no source
 * line): messages are all the thread engine reports.
 */
const ROLE_NUMBER = /\b(producer|reclaimer|expander|unregisterer|lifecycle)\d+\b/g;

export function siteOf(message: string): string {
  return message.replace(ROLE_NUMBER, '$1').replace(/#\d+/g, '#').replace(/0x[0-9a-f]+/gi, '0x').replace(/\d+/g, 'N');
}
