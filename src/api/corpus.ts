/**
 * The regression corpus (as proptest keeps its regression files): every failure saved with `--save`
 * by check or stress is an entry (its replay token and the invariant it broke), and the test suite
 * replays every entry and requires the same invariant. The file is JSON, validated by zod when read,
 * and rewritten atomically; an entry whose token is already there is not added twice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../report/atomic-write.js';

export const DEFAULT_CORPUS = 'test/corpus/regressions.json';

export const CorpusEntrySchema = z.object({
  variant: z.string().min(1),
  invariant: z.string().min(1),
  token: z.string().startsWith('sr1.'),
  source: z.enum(['check', 'stress']),
  seed: z.number().int(),
  addedAt: z.string(),
});

export const CorpusSchema = z.object({
  schema: z.literal('shrinkrace/regressions'),
  version: z.literal(1),
  entries: z.array(CorpusEntrySchema),
});

export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;
export type Corpus = z.infer<typeof CorpusSchema>;

export class CorpusError extends Error {
  override name = 'CorpusError';
}

export function loadCorpus(file: string): Corpus {
  if (!existsSync(file)) return { schema: 'shrinkrace/regressions', version: 1, entries: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CorpusError(`regression corpus ${file} is not JSON: ${(e as Error).message}`);
  }
  const r = CorpusSchema.safeParse(value);
  if (!r.success) throw new CorpusError(`regression corpus ${file}: ${r.error.issues[0].path.join('.') || '(root)'}: ${r.error.issues[0].message}`);
  return r.data;
}

/** Add an entry (unless its token is already there). Returns whether it was added. */
export function saveRegression(file: string, entry: Omit<CorpusEntry, 'addedAt'>): boolean {
  const c = loadCorpus(file);
  if (c.entries.some((e) => e.token === entry.token)) return false;
  c.entries.push(CorpusEntrySchema.parse({ ...entry, addedAt: new Date().toISOString() }));
  writeFileAtomic(file, JSON.stringify(c, null, 2) + '\n');
  return true;
}
