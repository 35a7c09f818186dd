/**
 * The kinds of option values, each with its range check and a message that names the flag:
 * booleans, text, bounded integers, 32-bit seeds, durations, probabilities and choices.
 */
import type { Opt } from './options.js';
import { UsageError } from './usage.js';

export function flag(help: string): Opt<boolean> {
  return { help, parse: (raw) => raw !== undefined };
}

/** A non-empty string; `dflt` undefined means the option is optional (undefined when absent). */
export function text(arg: string, help: string): Opt<string | undefined>;
export function text(arg: string, help: string, dflt: string): Opt<string>;
export function text(arg: string, help: string, dflt?: string): Opt<string | undefined> {
  return {
    arg, help, dflt,
    parse(raw, flagName) {
      if (raw === undefined) return dflt;
      if (raw.trim() === '') throw new UsageError(`${flagName} must not be empty`);
      return raw;
    },
  };
}

/** An integer in [min, max]; `max` may depend on the machine (a function, read when parsing). */
export function int(arg: string, help: string, o: { dflt: number; min: number; max: number | (() => number); why?: string }): Opt<number> {
  return {
    arg, help, dflt: o.dflt.toLocaleString('en-US').replace(/,/g, ''),
    parse(raw, flagName) {
      if (raw === undefined) return o.dflt;
      const max = typeof o.max === 'function' ? o.max() : o.max;
      if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${flagName} must be an integer (got "${raw}")`);
      const n = Number(raw.trim());
      if (!Number.isSafeInteger(n) || n < o.min || n > max) {
        throw new UsageError(`${flagName} must be an integer from ${o.min} to ${max}${o.why ? ` (${o.why})` : ''} (got ${raw})`);
      }
      return n;
    },
  };
}

/**
 * A seed: 32 bits. 0..4294967295, or a negative -2147483648..-1 taken as its two's complement (so
 * `--seed -1` is seed 4294967295): every seed has one canonical, unsigned form, which is what the
 * results print. fast-check reads a seed as 32 bits, so a wider number would silently alias another
 * seed: it is refused instead.
 */
export function seed(help = 'fixes what is explored: the same seed, the same runs'): Opt<number> {
  return {
    arg: 'S', help, dflt: '1',
    parse(raw, flagName) {
      if (raw === undefined) return 1;
      const v = raw.trim();
      if (!/^-?\d+$/.test(v)) throw new UsageError(`${flagName} must be an integer from 0 to 4294967295 (or -2147483648 to -1) (got "${raw}")`);
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n > 2 ** 32 - 1) {
        throw new UsageError(`${flagName} must be a 32-bit seed: 0 to 4294967295, or -2147483648 to -1 (got ${raw})`);
      }
      return n >>> 0;
    },
  };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDurationMs(raw: string, flagName: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] ?? 's'] : NaN;
  if (!m || !(ms > 0) || !Number.isFinite(ms)) throw new UsageError(`${flagName} must be a duration such as 500ms, 10s, 2m or 1h (got "${raw}")`);
  return ms;
}

/** A duration in milliseconds (500ms, 10s, 2m, 1h; a bare number is seconds). */
export function duration(arg: string, help: string, dflt: number): Opt<number>;
export function duration(arg: string, help: string): Opt<number | undefined>;
export function duration(arg: string, help: string, dflt?: number): Opt<number | undefined> {
  const shown = dflt === undefined ? undefined : dflt % 60_000 === 0 ? `${dflt / 60_000}m` : dflt % 1000 === 0 ? `${dflt / 1000}s` : `${dflt}ms`;
  return { arg, help, dflt: shown, parse: (raw, flagName) => (raw === undefined ? dflt : parseDurationMs(raw, flagName)) };
}

export function probability(arg: string, help: string, dflt: number): Opt<number> {
  return {
    arg, help, dflt: String(dflt),
    parse(raw, flagName) {
      if (raw === undefined) return dflt;
      const n = /^\d*\.?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!(n >= 0 && n <= 1)) throw new UsageError(`${flagName} must be a probability from 0 to 1 (got "${raw}")`);
      return n;
    },
  };
}

export function choice<T extends string>(arg: string, help: string, choices: readonly T[], dflt: T): Opt<T> {
  return {
    arg, help: `${help}: ${choices.join(', ')}`, dflt,
    parse(raw, flagName) {
      if (raw === undefined) return dflt;
      if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flagName} must be one of ${choices.join(', ')} (got "${raw}")`);
      return raw as T;
    },
  };
}
