/**
 * Piscina worker entry for the thread engine. In-thread code only: it imports no pool code, and
 * answers each task of the protocol (src/threads/protocol.ts) with its result.
 */
import type { Result, Task } from '../src/threads/protocol.js';
import { calibrate } from './calibrate.js';
import { stepActors } from './step-actors.js';
import { checkTask } from './check-task.js';

export default function run(task: Task): Result | Promise<Result> {
  switch (task.kind) {
    case 'calibrate': return calibrate(task);
    case 'check': return checkTask(task);
    default: return stepActors(task);
  }
}
