/**
 * A harness error inside a run: something thrown that is not a Violation (a ModelError such as an
 * exhausted arena or a full RCU callback queue, a TypeError in a variant's code, a stack overflow).
 * It says nothing about the design under test, so it is never a pass and never a violation: the
 * commands exit 3 with one line that names it, where the run stopped, and a token that replays it.
 */
import { actorName, type Kernel } from '../model/kernel.js';

export interface HarnessFault {
  /** what was thrown: "TypeError: x is not a function" */
  message: string;
  /** the step that threw (the run's trace stops there); setup throws at step 0 with actor -1 */
  step: number;
  actor: number;
  actorName: string;
  /** the innermost stack frame in model or variant code ("shrink_slab_memcg (reclaim.ts:88)"), or '' */
  site: string;
}

/** "at foo (file:///.../src/kernel/reclaim.ts:12:5)" -> "foo (reclaim.ts:12)"; data: URLs name the variant file */
function frameSite(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):\d+\)?$/.exec(line);
    if (m === null) continue;
    const [, fn, file, lineNo] = m;
    if (file.startsWith('node:') || file.includes('/node_modules/')) continue;
    const name = file.startsWith('data:') ? 'variant file' : file.split(/[\\/]/).at(-1) ?? file;
    return `${fn ? `${fn} ` : ''}(${name}:${lineNo})`;
  }
  return '';
}

export function harnessFault(k: Kernel, e: unknown): HarnessFault {
  const err = e instanceof Error ? e : new Error(String(e));
  const first = err.message.split('\n')[0];
  return { message: `${err.name}: ${first}`, step: k.step, actor: k.actor, actorName: actorName(k, k.actor), site: frameSite(err.stack) };
}

/** One line: what was thrown, where, and at which step of which actor. */
export function describeFault(f: HarnessFault): string {
  return `${f.message}${f.site ? ` at ${f.site}` : ''}, in ${f.actorName} at step ${f.step}`;
}
