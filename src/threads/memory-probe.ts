/**
 * The main thread's memory over a long command (stress): resident set size, sampled every few
 * seconds, with the V8 heap and the ArrayBuffer memory beside it (SharedArrayBuffers count there, and
 * worker threads' heaps count in the RSS), so growth can be seen and attributed. Samples stay bounded:
 * past MAX_SAMPLES every other one is dropped and the interval doubles.
 */

export interface MemorySample {
  /** since the probe started */
  tMs: number;
  rssMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
}

export interface MemoryReport {
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  samples: MemorySample[];
}

export const MAX_SAMPLES = 240;
const MB = 1024 * 1024;
const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;

/** The process's resident set size now, in MB (cheap: no heap walk). */
export const rssMb = (): number => mb(process.memoryUsage.rss());

export interface MemoryProbe {
  /** RSS now; also counts toward the peak */
  rss(): number;
  stop(): MemoryReport;
}

export function memoryProbe(intervalMs = 5000): MemoryProbe {
  const t0 = performance.now();
  const samples: MemorySample[] = [];
  let peak = 0;
  let every = 1; // keep one sample in `every` ticks
  let ticks = 0;
  const sample = (): MemorySample => {
    const m = process.memoryUsage();
    const s = { tMs: Math.round(performance.now() - t0), rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), arrayBuffersMb: mb(m.arrayBuffers) };
    peak = Math.max(peak, s.rssMb);
    return s;
  };
  samples.push(sample());
  const timer = setInterval(() => {
    const s = sample();
    if (++ticks % every !== 0) return;
    samples.push(s);
    if (samples.length > MAX_SAMPLES) {
      for (let i = samples.length - 1; i > 0; i -= 2) samples.splice(i, 1); // keep the first sample
      every *= 2;
    }
  }, intervalMs);
  timer.unref();
  return {
    rss() {
      const r = rssMb();
      peak = Math.max(peak, r);
      return r;
    },
    stop() {
      clearInterval(timer);
      const end = sample();
      samples.push(end);
      return { rssStartMb: samples[0].rssMb, rssPeakMb: peak, rssEndMb: end.rssMb, samples };
    },
  };
}
