/**
 * Progress for long commands (check, stress, validate, bench), on stderr so stdout stays the result:
 * on a TTY a self-rewriting bar (throttled to ~10 updates per second); otherwise plain lines, one per
 * tenth of the work (or one per update, for commands with few, slow steps such as validate's rows);
 * nothing at all when quiet (--json runs, so a JSON consumer sees only the object).
 */
export interface Progress {
  /** `note` is shown after the counts (the current row, a rate) */
  update(done: number, total: number, note?: string): void;
  done(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** what is counted: runs (default), rows, s ... */
  unit?: string;
  /** print nothing */
  quiet?: boolean;
  /** plain-line mode: a line at every update instead of every tenth */
  everyUpdate?: boolean;
}

const QUIET: Progress = { update() {}, done() {} };

function options(o: NodeJS.WriteStream | ProgressOptions | undefined): ProgressOptions {
  if (o === undefined) return {};
  if (typeof (o as NodeJS.WriteStream).write === 'function') return { stream: o as NodeJS.WriteStream };
  // an object with only isTTY: false (no write) is how callers used to ask for silence
  if ('isTTY' in o && !('stream' in o)) return { quiet: true };
  return o as ProgressOptions;
}

export function progress(label: string, opts?: NodeJS.WriteStream | ProgressOptions): Progress {
  const o = options(opts);
  if (o.quiet) return QUIET;
  const stream = o.stream ?? process.stderr;
  const unit = o.unit ?? 'runs';
  const t0 = performance.now();
  const rateOf = (done: number): string => {
    const secs = (performance.now() - t0) / 1000;
    return unit === 's' || secs <= 0 ? '' : `, ${Math.round(done / secs)} ${unit}/s`;
  };
  const counts = (done: number, total: number): string => (unit === 's' ? `${done.toFixed(1)}/${total.toFixed(0)}s` : `${done}/${total} ${unit}`);
  if (!stream.isTTY) {
    let lastTenth = -1;
    return {
      update(done, total, note) {
        const tenth = total > 0 ? Math.floor((10 * Math.min(done, total)) / total) : 0;
        if (!o.everyUpdate && (tenth <= lastTenth || done === 0)) return; // no "0%" line: it says nothing
        lastTenth = tenth;
        const pct = total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 0;
        stream.write(`${label}: ${pct}% (${counts(done, total)}${rateOf(done)})${note ? ` ${note}` : ''}\n`);
      },
      done() {},
    };
  }
  let last = 0;
  return {
    update(done, total, note) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const pct = total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 0;
      const width = 24;
      const bar = '#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.');
      const line = `${label} [${bar}] ${pct}% ${counts(done, total)}${rateOf(done)}${note ? ` ${note}` : ''}`;
      const cols = stream.columns ?? 120;
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, cols - 1))}`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
