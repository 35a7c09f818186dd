/**
 * The worker pool: one piscina pool kept alive for a whole command (starting a worker costs ~34 ms;
 * a task round trip ~35 us). Workers run compiled JavaScript (dist/workers/stress-worker.js): Node 20
 * cannot start a .ts worker through a loader, so tests and the CLI both use the built file.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Result, Task } from './protocol.js';

/** dist/workers/stress-worker.js, whether this module runs from dist/ or from the TypeScript sources. */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const root = here.includes('/dist/') ? here.slice(0, here.lastIndexOf('/dist/')) : fileURLToPath(new URL('../..', import.meta.url));
  const file = `${root.replace(/\/$/, '')}/dist/workers/stress-worker.js`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

export interface WorkerPool {
  readonly threads: number;
  run(task: Task): Promise<Result>;
  /** terminate every thread, also one stuck in a loop that never returns */
  destroy(): Promise<void>;
}

export interface PoolOptions {
  /**
   * Cap on each worker's V8 young generation, MB. Stepping actors allocates fast (a generator result
   * per step) and keeps almost nothing, so V8 grows the young generation to its maximum (~32 MB a
   * thread) in the first minute of a stress; a small cap keeps RSS flat from the start.
   */
  youngGenerationMb?: number;
}

export function createPool(threads: number, o: PoolOptions = {}): WorkerPool {
  const pool = new Piscina({
    filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 1,
    ...(o.youngGenerationMb !== undefined && { resourceLimits: { maxYoungGenerationSizeMb: o.youngGenerationMb } }),
  });
  return {
    threads,
    run: (task) => pool.run(task) as Promise<Result>,
    destroy: () => pool.destroy(),
  };
}
