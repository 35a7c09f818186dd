/**
 * validate's output on a realistic result: all the rows of jobs() with plausible values (tokens of the
 * lengths the regression corpus holds). The terminal table fits 120 columns, with a legend for its
 * columns, one follow-up line per row that found a violation or missed its expectation, and a next
 * step when a row is UNEXPECTED; validate.md, validate.json and report.html keep every column, each
 * explained, and the replay lines, escaped.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jobs, type ValidateResult, type ValidateRow } from '../../src/api/validate.js';
import { renderHtml } from '../../src/report/html.js';
import { matrixJson, matrixMarkdown, matrixText } from '../../src/report/matrix.js';
import { checkCommand, MATRIX_COLUMNS } from '../../src/report/matrix-columns.js';
import { SUMMARY_SCHEMA, SUMMARY_VERSION } from '../../src/report/summary-schema.js';
import { describeExpectation } from '../../src/variants/variant.js';

const CORPUS = JSON.parse(readFileSync(fileURLToPath(new URL('../corpus/regressions.json', import.meta.url)), 'utf8')) as { entries: { variant: string; token: string }[] };
const tokenFor = (variant: string, i: number): string => CORPUS.entries.find((e) => e.variant === variant)?.token ?? `sr1.${'AePKy9ctSk3OSE3OZmBkZGRk'.repeat(4).slice(0, 60 + 7 * i)}`;

function realistic(): ValidateResult {
  const rows = jobs().map((j, i): ValidateRow => {
    const fails = j.expect.kind === 'violates';
    const expected = describeExpectation(j.expect);
    const runs = fails ? 37 + 97 * i : 20_000;
    return {
      name: j.name, variant: j.variant, kind: j.kind, workloads: j.workloads, memory: j.memory, expected,
      observed: fails ? `violates ${j.expect.kind === 'violates' ? j.expect.invariant : ''}` : 'passes', met: true, runs, elapsedMs: fails ? 400 + 31 * i : 9_500 + 13 * i,
      timeToFirstFailureMs: fails ? 120 + 17 * i : null, shrunkChoices: fails ? 10 + i : null,
      doShrinkSlabPerPass: 1.27 + i / 100, visitsPerPass: 1.83 + i / 50, probeVisitsPerPass: j.variant === 'nokmem-skip' ? 36 : 1,
      token: fails ? tokenFor(j.variant, i) : null, runsAsked: fails ? 200_000 : 20_000, stopped: null, error: null, signature: null,
      seed: j.seed ?? 1, ...(j.finding !== undefined && { finding: j.finding }),
    };
  });
  return { ok: true, interrupted: false, harnessErrors: 0, timeLimitMs: null, budget: 'quick', seed: 1, elapsedMs: 83_456, rows };
}

/** The same result with three rows gone wrong: a design that broke, a bug not caught, a harness error. */
function withSurprises(): ValidateResult {
  const v = realistic();
  const at = (n: string): ValidateRow => v.rows.find((r) => r.name === n)!;
  Object.assign(at('lockless@sc'), { observed: 'violates lost-bit', met: false, token: tokenFor('no-recheck', 0), timeToFirstFailureMs: 5100, shrunkChoices: 31, runs: 8812 });
  Object.assign(at('no-recheck'), { observed: 'passes', met: false, token: null, timeToFirstFailureMs: null, shrunkChoices: null, runs: 200_000 });
  Object.assign(at('rwsem@weak'), { observed: 'harness error: TypeError: Cannot read properties of undefined (reading \'map\') at expand_shrinker_info (rwsem.ts:88)', met: false, error: 'TypeError: ...', runs: 14 });
  return { ...v, ok: false, harnessErrors: 1 };
}

const FOLLOW = /^(\S+): npx shrinkrace (replay|check) /;

describe('validate terminal table', () => {
  it.each([['all as expected', realistic()], ['with UNEXPECTED rows', withSurprises()]])('fits 120 columns (%s); only a follow-up command may be longer', (_, v) => {
    const text = matrixText(v);
    const lines = text.split('\n');
    for (const l of lines) if (!FOLLOW.test(l)) expect(l.length, l).toBeLessThanOrEqual(120);
    const table = lines.slice(0, lines.indexOf(''));
    expect(table).toHaveLength(2 + jobs().length);
    expect(Math.max(...table.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(table[0].split(/\s{2,}/)).toEqual(['name', 'kind', 'memory', 'expected', 'observed', 'runs', '1st failure', 'verdict']);
    for (const r of v.rows) expect(table.some((l) => l.startsWith(`${r.name} `))).toBe(true);
    console.log(`validate table (${_}): widest table line ${Math.max(...table.map((l) => l.length))}, widest line ${Math.max(...lines.map((l) => l.length))}\n${text}`);
  });

  it('explains the columns that are not obvious', () => {
    const text = matrixText(realistic());
    for (const k of ['kind:', 'memory:', 'expected, observed:', 'runs:', 'workloads: global,nonslab,alloc-fail; except nokmem,nonslab,global (nokmem-skip@sc']) expect(text).toContain(k);
    expect(text.replace(/\s+/g, ' ')).toContain('lifecycle (lockless@lifecycle, lockless@reparent)');
    expect(text).toContain('lost-bit*');
  });

  it('gives every row with a token its replay line, every unmet row without one its check line, then what to do next', () => {
    const v = withSurprises();
    const lines = matrixText(v).split('\n');
    const follow = lines.filter((l) => FOLLOW.test(l));
    const wanted = v.rows.filter((r) => r.token !== null || !r.met);
    expect(follow.map((l) => FOLLOW.exec(l)![1])).toEqual(wanted.map((r) => r.name));
    for (const r of v.rows.filter((x) => x.token !== null)) expect(lines).toContain(`${r.name}: npx shrinkrace replay ${r.token}`);
    expect(lines).toContain('no-recheck: npx shrinkrace check --variant no-recheck --workload global,nonslab,alloc-fail --memory sc --seed 1 --runs 200000');
    expect(lines).toContain('rwsem@weak: npx shrinkrace check --variant rwsem --workload global,nonslab,alloc-fail --memory weak --seed 1 --runs 20000');
    expect(lines.some((l) => new RegExp(`^3 of ${jobs().length} rows UNEXPECTED .*lockless@sc, rwsem@weak, no-recheck`).test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^next: /);
    expect(matrixText(realistic()).split('\n').at(-1)).toMatch(/^every row met its expectation \(budget quick, seed 1, 83\.5s\)$/);
  });

  it('a check line re-runs the row\'s own search: its seed, and for a finding row --finding (its workloads and generator)', () => {
    const v = realistic();
    const at = (n: string): ValidateRow => v.rows.find((r) => r.name === n)!;
    const teardown = jobs().find((j) => j.name === 'lockless@teardown')!;
    expect(teardown.seed).toBe(3); // (the finding's own seed: validate's is 1)
    Object.assign(at('lockless@teardown'), { observed: 'passes', met: false, token: null, runs: 200_000 });
    Object.assign(at('no-mb-after-atomic@weak'), { observed: 'passes', met: false, token: null, runs: 200_000 });
    const lines = matrixText(v).split('\n');
    expect(lines).toContain('lockless@teardown: npx shrinkrace check --variant lockless --finding lockless@teardown --seed 3 --runs 200000');
    expect(lines).toContain('no-mb-after-atomic@weak: npx shrinkrace check --variant no-mb-after-atomic --workload global,nonslab,alloc-fail --memory weak --seed 4 --runs 200000');
    // a summary.json written before rows recorded their seed and finding: validate's seed, the row's workloads
    const old = { ...at('lockless@teardown') } as Partial<ValidateRow>;
    delete old.seed;
    delete old.finding;
    expect(checkCommand(old as ValidateRow, 1)).toBe('npx shrinkrace check --variant lockless --workload lifecycle,alloc-fail --memory sc --seed 1 --runs 200000');
  });
});

describe('validate.md, validate.json and report.html', () => {
  const v = withSurprises();

  it('validate.md keeps every column, explains each, and lists the follow-up lines', () => {
    const md = matrixMarkdown(v);
    expect(md).toContain(`| ${MATRIX_COLUMNS.map((c) => c.head).join(' | ')} |`);
    expect(md).toContain('| nokmem-skip@sc | design | sc |');
    for (const c of MATRIX_COLUMNS) expect(md).toContain(`- **${c.head}**: ${c.help}`);
    for (const r of v.rows.filter((x) => x.token)) expect(md).toContain(`- ${r.name}: \`npx shrinkrace replay ${r.token}\``);
    expect(md).toMatch(/do_shrink_slab\/pass\*\*: do_shrink_slab\(\) calls per reclaim pass/);
  });

  it('validate.json holds the result and a legend of its fields', () => {
    const j = JSON.parse(matrixJson(v));
    expect(j.rows).toHaveLength(jobs().length);
    for (const f of ['doShrinkSlabPerPass', 'visitsPerPass', 'probeVisitsPerPass', 'token', 'kind', 'memory', 'error']) expect(typeof j.columns[f]).toBe('string');
  });

  it('report.html shows the matrix with its legend and each row\'s replay line, escaped', () => {
    const evil = { ...v, rows: v.rows.map((r, i) => (i === 0 ? { ...r, name: 'lockless@<script>x</script>' } : r)) };
    const html = renderHtml({
      schema: SUMMARY_SCHEMA, version: SUMMARY_VERSION, runId: 'validate-x', command: 'validate', createdAt: '', ok: false, settings: { budget: 'quick', seed: 1 },
      verdicts: evil.rows.map((r) => ({ name: r.name, expected: r.expected, observed: r.observed, met: r.met })), counterexample: null,
      matrix: { budget: 'quick', seed: 1, elapsedMs: 1, rows: evil.rows.map((r) => ({ ...r, workloads: [...r.workloads] })) }, bench: null,
    });
    expect(html).not.toContain('<script>x');
    expect(html).toContain('lockless@&lt;script&gt;x&lt;/script&gt;');
    const table = /<table id="matrix">([\s\S]*?)<\/table>/.exec(html)![1];
    expect((table.match(/<tr/g) ?? []).length).toBe(jobs().length + 1);
    expect(table).toContain('<th>nokmem probe: bits/<wbr>pass</th>');
    const legend = /<dl id="matrix-legend">([\s\S]*?)<\/dl>/.exec(html)![1];
    expect((legend.match(/<dt>/g) ?? []).length).toBe(MATRIX_COLUMNS.length);
    const replay = /<ul id="matrix-replay">([\s\S]*?)<\/ul>/.exec(html)![1];
    for (const r of evil.rows.filter((x) => x.token)) expect(replay).toContain(`<code class="replay-line">npx shrinkrace replay ${r.token}</code>`);
    expect(replay).toContain('<li data-row="no-recheck">no-recheck: <code class="check-line">npx shrinkrace check --variant no-recheck');
    expect(html).toContain('<span id="overall" class="failed">');
  });
});
