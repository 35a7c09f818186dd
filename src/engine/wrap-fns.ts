/**
 * Model functions wrapped per call: every generator function of `fns` (a model function called
 * through `k.fn`) runs between `enter(actor, name)` and `leave(actor)`, on the actor that called it;
 * `caught` sees what it throws on the way out. Site tracking (sites.ts) and coverage (coverage.ts)
 * keep their per-actor function stacks with it. Plain functions are passed through unwrapped.
 */
import type { Kernel, ModelFns } from '../model/kernel.js';

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

export interface CallHooks {
  enter(actor: number, name: string): void;
  leave(actor: number): void;
  caught?(e: unknown, actor: number, name: string): void;
}

export function wrapFns(fns: ModelFns, hooks: CallHooks): ModelFns {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(fns)) {
    if (!(f instanceof GeneratorFunction)) {
      out[name] = f;
      continue;
    }
    const g = f as (k: Kernel, ...args: unknown[]) => Generator<unknown, unknown, void>;
    out[name] = function* (k: Kernel, ...args: unknown[]) {
      const actor = k.actor;
      hooks.enter(actor, name);
      try {
        return yield* g(k, ...args);
      } catch (e) {
        hooks.caught?.(e, actor, name);
        throw e;
      } finally {
        hooks.leave(actor);
      }
    };
  }
  return out as unknown as ModelFns;
}
