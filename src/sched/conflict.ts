/**
 * Conflict-directed random scheduling (plan `{ strategy: 'random', hotLog2 }`).
 *
 * A context switch changes what a run can show only where the actor just touched a word another actor
 * also touches: a read of a word another actor stored to (the racing store may now land between that
 * read and what the reader does with it: no-recheck's count, then clear_bit), or a store to a word
 * another actor read or stored. Everywhere else (a shrinker's batch, flags, private_data, an actor's
 * own locals) a switch only spends the run's luck. So this chooser watches every labelled shared
 * access (sync/access.ts, as the kernel's AccessSink, the hook coverage uses) and switches
 *  - right after a conflicting access: with probability 2^-hotLog2;
 *  - after any other step: with probability 2^-switchLog2 (as the plain random chooser does),
 * to a uniformly chosen other runnable actor or buffered store (weak memory). Conflicts are judged from
 * this run's accesses so far (setup's are not counted): the first access of a pair is cold, every later
 * one hot. Locks, refcounts and RCU slots are not labelled accesses and count as cold; a contended lock
 * still switches, because its waiter is not runnable.
 *
 * The run's picks are recorded as an explicit schedule like every other strategy's, so a run found
 * here replays and shrinks without this chooser.
 */
import type { AccessSink } from '../model/kernel.js';
import { mulberry32 } from './prng.js';
import type { Chooser } from './strategy.js';

/** Per word: bit a set when actor a read it (readers) or stored to it (writers); actors 0..30. */
class ConflictSink implements AccessSink {
  hot = false;
  private readonly readers = new Map<number, number>();
  private readonly writers = new Map<number, number>();

  read(actor: number, addr: number): void {
    if (actor < 0 || actor > 30) return;
    const me = 1 << actor;
    const w = this.writers.get(addr) ?? 0;
    if ((w & ~me) !== 0) this.hot = true;
    this.readers.set(addr, (this.readers.get(addr) ?? 0) | me);
  }

  write(actor: number, addr: number): void {
    if (actor < 0 || actor > 30) return;
    const me = 1 << actor;
    const w = this.writers.get(addr) ?? 0;
    if (((w | (this.readers.get(addr) ?? 0)) & ~me) !== 0) this.hot = true;
    this.writers.set(addr, w | me);
  }

  mark(): void {}
}

export interface ConflictChooser extends Chooser {
  /** the engine makes this the kernel's access sink for the run (engine/run.ts) */
  readonly sink: AccessSink;
}

export function conflictChooser(seed: number, switchLog2: number, hotLog2: number, hold = 0): ConflictChooser {
  const next = mulberry32(seed);
  const cold = (1 << switchLog2) - 1;
  const warm = (1 << hotLog2) - 1;
  const sink = new ConflictSink();
  let quiet = 0; // steps left in which a conflict does not switch: the actor switched to gets a stretch
  const choose = (runnable: readonly number[], current: number, mask: number): number => {
    const c = runnable.indexOf(current);
    if (c < 0) return runnable[next() % runnable.length];
    if ((next() & mask) !== 0 || runnable.length === 1) return current;
    // a switch goes to another actor or buffered store (the plain random chooser may pick the current one again)
    const j = next() % (runnable.length - 1);
    return runnable[j < c ? j : j + 1];
  };
  return {
    sink,
    pick(runnable, current) {
      const mask = sink.hot && quiet === 0 ? warm : cold;
      sink.hot = false;
      if (quiet > 0) quiet--;
      const a = choose(runnable, current, mask);
      if (a !== current) quiet = hold;
      return a;
    },
    value: (width) => ((next() & cold) !== 0 ? 0 : next() % width),
  };
}
