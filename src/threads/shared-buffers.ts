/**
 * The shared buffers thread runs use, reused across runs instead of allocated per run.
 *
 * Why: a run's buffer holds the ticket log ring (65,536 entries) and the arenas, ~300 KB; stress runs
 * ~100 scenarios a second. A SharedArrayBuffer's memory is freed only after every isolate that saw
 * it (the main thread and each worker the buffer was posted to) has collected its handle, and those
 * heaps are small, so collections are rare: one buffer per run grew RSS by ~40 MB/s until a full GC.
 * With a free list, at most one buffer per run in flight exists (`parallel`), each zero-filled before
 * it is handed out again, so a run sees the same all-zero buffer a fresh allocation would give it.
 *
 * A buffer is released only after every worker of its run has answered; a run whose pool had to be
 * destroyed (a thread stuck inside a step) never releases its buffer.
 */

/** Capacity is rounded up to this many words (256 KB), so a slightly larger layout reuses a buffer. */
const GRAIN = 1 << 16;

export interface SharedBuffers {
  /** a zero-filled view of at least `words` Int32 words, on a buffer no other run holds */
  acquire(words: number): Int32Array;
  /** `mem` (from acquire) may be handed to the next run */
  release(mem: Int32Array): void;
  /** SharedArrayBuffers allocated so far (stays at the number of runs in flight) */
  readonly allocated: number;
  /** bytes held by those buffers */
  readonly bytes: number;
}

export function sharedBuffers(): SharedBuffers {
  const free: Int32Array[] = [];
  let allocated = 0;
  let bytes = 0;
  return {
    acquire(words) {
      const fit = free.findIndex((m) => m.length >= words);
      if (fit >= 0) {
        const [mem] = free.splice(fit, 1);
        mem.fill(0); // the whole buffer: a previous, larger layout may have written past `words`
        return mem;
      }
      // none fits: a free buffer that is too small is dropped (replaced), so the set stays small
      if (free.length > 0) {
        const small = free.shift()!;
        bytes -= small.byteLength;
      }
      const size = Math.ceil(words / GRAIN) * GRAIN;
      allocated++;
      bytes += size * 4;
      return new Int32Array(new SharedArrayBuffer(size * 4));
    },
    release(mem) {
      if (!free.includes(mem)) free.push(mem);
    },
    get allocated() {
      return allocated;
    },
    get bytes() {
      return bytes;
    },
  };
}
