/**
 * The RCU callback runner: an actor of its own, so when a callback runs is a scheduling choice. It
 * blocks until the oldest queued callback's grace period has elapsed, runs it, and finishes once every
 * other actor has finished and the queue is empty (quiescence).
 */
import { CB_FN, CB_PTR, G_ACTORS_DONE, G_CBQ_HEAD, G_NR_ACTORS } from '../model/layout.js';
import { note, type Kernel } from '../model/kernel.js';
import { CB_KVFREE, CB_NAMES, callback_ready, next_callback } from '../sync/rcu.js';
import { kvfree } from '../kernel/slab.js';
import { fmtPtr } from '../model/arena.js';
import type { Step } from '../model/wait.js';

function othersDone(k: Kernel): boolean {
  return Atomics.load(k.mem, G_ACTORS_DONE) === Atomics.load(k.mem, G_NR_ACTORS);
}

export function* rcu_runner(k: Kernel): Step {
  for (;;) {
    // ready: the next callback's grace period is over, or the queue is empty and everyone else is done
    yield {
      ready: () => (next_callback(k) < 0 ? othersDone(k) : callback_ready(k)),
      what: 'RCU callbacks (waiting for a grace period to end)',
    };
    const e = next_callback(k);
    if (e < 0) return;
    Atomics.add(k.mem, G_CBQ_HEAD, 1);
    const fn = k.mem[e + CB_FN];
    const ptr = k.mem[e + CB_PTR];
    if (k.tr !== null) note(k, `grace period over: ${CB_NAMES[fn]}(${fmtPtr(ptr)})`);
    if (fn === CB_KVFREE) yield* kvfree(k, ptr);
    else yield* k.fn.shrinker_free_rcu_cb(k, ptr);
  }
}
