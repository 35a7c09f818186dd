/**
 * Progress for long commands: a self-rewriting line on a TTY (stderr), nothing otherwise, so piped
 * output and --json stay clean. Updates are throttled to ~10 per second.
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  const t0 = performance.now();
  let last = 0;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
      const rate = done / ((now - t0) / 1000);
      const width = 24;
      const bar = '#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.');
      stream.write(`\r${label} [${bar}] ${pct}% ${done}/${total} runs, ${Math.round(rate)} runs/s `);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
