/**
 * `check --finding NAME`: search a known finding of the reference the way its validate row does (its
 * workloads, its own scenario or generator, `until` it), say whether it was met, keep check's exit code.
 */
import { describe, expect, it } from 'vitest';
import { shrinkrace } from '../helpers/cli.js';
import { FINDINGS } from '../../src/variants/findings.js';

const reparent = FINDINGS.find((f) => f.name === 'lockless@reparent')!;

describe('check --finding', () => {
  it('meets lockless@reparent on its own scenario in the reference, with its signature and a replay token', () => {
    const r = shrinkrace(['check', '--variant', 'lockless', '--finding', 'lockless@reparent', '--runs', '20000', '--json']);
    expect(r.code).toBe(0); // a known finding: check's exit code stays 0
    const j = JSON.parse(r.out);
    expect(j.finding.met).toBe(true);
    expect(j.workloads).toEqual(reparent.workloads);
    expect(reparent.signatures).toContain(j.violation.signature);
    expect(j.finding.replay).toMatch(/^sr1\./);
  }, 120_000);

  it('says the fix holds: mainline does not meet it in the same search', () => {
    const r = shrinkrace(['check', '--variant', 'mainline', '--finding', 'lockless@reparent', '--runs', '5000']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('finding lockless@reparent: not met in 5000 runs of mainline');
  }, 120_000);
});
