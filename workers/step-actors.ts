/**
 * In-thread stepping for the thread engine: this worker's actors, driven straight through on the
 * shared buffer. Each step takes a ticket from the shared counter and logs (ticket -> actor) in the
 * ring, so the order the threads produced can be replayed by the deterministic engine. Between steps
 * the worker picks among its own runnable actors (seeded) and may busy-wait a random while (jitter).
 *
 * Stops promptly when G_STOP is raised; raises it on a violation or an error of its own. An error
 * (anything thrown that is not a Violation) is reported with its class, first line and code site,
 * and names this worker, the actor and the ticket.
 */
import { kernelFor } from '../src/engine/boot.js';
import { ROLE_BODIES } from '../src/actors/roles.js';
import { rcu_runner } from '../src/actors/rcu-runner.js';

import { isViolation } from '../src/model/violation.js';
import { harnessFault } from '../src/engine/harness-fault.js';

import { ACTOR_OPS, ACTOR_STATE, ACTOR_STEPS, AS_BLOCKED, AS_DONE, AS_PARKED, AS_RUNNING, G_ACTORS_DONE, G_PAUSE, G_RING_OVERFLOW, G_STOP, G_TICKET, LINE } from '../src/model/layout.js';
import { actorsOf } from '../src/model/scenario.js';

import { mulberry32 } from '../src/sched/prng.js';
import type { Step, Wait } from '../src/model/wait.js';
import { resolveFns } from '../src/variants/registry.js';
import { variantOf } from './variant-of.js';
import type { RunResult, RunTask } from '../src/threads/protocol.js';
import { spinBarrier } from './barrier.js';
import { loopGuard } from '../src/sync/loop-guard.js';

let sink = 0; // keeps jitter loops from being optimised away

export async function stepActors(t: RunTask): Promise<RunResult> {
  const variant = await variantOf(t.variant);
  const k = kernelFor(resolveFns(variant), t.scenario, { ringCap: t.ringCap, buffer: new Int32Array(t.sab) });
  const { L, mem } = k;
  const names = k.actorNames;
  const specs = actorsOf(t.scenario);
  const runner = names.length - 1;
  const line = (a: number): number => L.rcuSlots + a * LINE;
  const parked: Wait = { ready: () => Atomics.load(mem, G_PAUSE) === 0, what: 'parked for a quiescent check' };
  k.opBegin = (kk) => {
    if (Atomics.load(mem, G_PAUSE) !== 0) return parked;
    Atomics.add(mem, line(kk.actor) + ACTOR_OPS, 1); // counted when the operation really starts
    return undefined;
  };
  const mine = t.actors;
  const gens: Step[] = mine.map((a) => (a === runner ? rcu_runner(k) : ROLE_BODIES[specs[a].role](k, t.scenario, specs[a].ops)));
  const waits: (Wait | undefined)[] = mine.map(() => undefined);
  const done: boolean[] = mine.map(() => false);
  let live = mine.length;
  const rnd = mulberry32(t.seed);
  const jitterCut = Math.floor(t.jitter * 0x7fffffff);
  const ready: number[] = [];
  let steps = 0;

  spinBarrier(mem, t.workers);
  const t0 = performance.now();
  const ran = () => ({ worker: t.worker, steps, elapsedMs: performance.now() - t0 });
  let a = -1;
  let i = 0;
  try {
    while (live > 0) {
      if (Atomics.load(mem, G_STOP) !== 0) {
        const w = mine.flatMap((actor, j) => (done[j] ? [] : [{ actor, what: waits[j]?.what ?? 'running' }]));
        return { kind: 'stopped', ...ran(), waits: w };
      }
      ready.length = 0;
      for (let j = 0; j < mine.length; j++) if (!done[j] && (waits[j] === undefined || waits[j]!.ready())) ready.push(j);
      if (ready.length === 0) continue; // every actor here waits on another thread: spin
      i = ready[rnd() % ready.length];
      a = mine[i];
      const ticket = Atomics.add(mem, G_TICKET, 1);
      if (ticket < L.ringCap) Atomics.store(mem, L.ring + ticket, a + 1);
      else Atomics.store(mem, G_RING_OVERFLOW, 1);
      k.actor = a;
      k.step = ticket;
      Atomics.store(mem, line(a) + ACTOR_STATE, AS_RUNNING);
      loopGuard.n = 0; // a fresh loop budget for this step (src/sync/loop-guard.ts)
      const r = gens[i].next();
      steps++;
      Atomics.add(mem, line(a) + ACTOR_STEPS, 1);
      if (r.done) {
        done[i] = true;
        waits[i] = undefined;
        live--;
        Atomics.store(mem, line(a) + ACTOR_STATE, AS_DONE);
        if (a !== runner) Atomics.add(mem, G_ACTORS_DONE, 1);
      } else {
        waits[i] = r.value;
        if (r.value !== undefined) Atomics.store(mem, line(a) + ACTOR_STATE, r.value === parked ? AS_PARKED : AS_BLOCKED);
      }
      if (jitterCut > 0 && rnd() < jitterCut) {
        for (let n = rnd() & 1023; n > 0; n--) sink = (sink + n) | 0;
      }
    }
  } catch (e) {
    Atomics.store(mem, G_STOP, 1);
    if (isViolation(e)) return { kind: 'violation', ...ran(), actor: a, step: k.step, invariant: e.invariant, message: e.message };
    // a harness error: what was thrown (class and first line), where in the code, and where in the run
    const f = harnessFault(k, e);
    return { kind: 'error', ...ran(), actor: a, step: k.step, message: `${f.message}${f.site ? ` at ${f.site}` : ''} (worker ${t.worker}, actor ${f.actorName}, ticket ${k.step})` };
  }
  return { kind: 'done', ...ran() };
}

export const jitterSink = (): number => sink;
