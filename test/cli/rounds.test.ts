/**
 * Submissions in rounds: eight partners first, all ten later with the first run's codebook and
 * --previous, and the analyst's edits in between.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Codebook } from '../../src/themes/index.js';
import { cli, readCsv, temporaryDir } from '../helpers.js';

const dir = temporaryDir('swotlens-rounds-');
const first = join(dir, 'round1');
const round1Input = join(dir, 'round1.csv');

function themeOf(out: string): Map<string, string> {
  return new Map(readCsv(join(out, 'assignments.csv')).map((r) => [r.statement_id as string, r.theme_id as string]));
}

function readCodebookFile(path: string): Codebook {
  return parse(readFileSync(path, 'utf8')) as Codebook;
}

function writeCodebook(codebook: Codebook, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(codebook));
  return path;
}

beforeAll(async () => {
  // Round 1: the partners from Denmark and Finland have not sent their SWOT yet.
  const lines = readFileSync('data/sample/inno-industry-swot.csv', 'utf8').split('\n');
  writeFileSync(round1Input, lines.filter((line, i) => i === 0 || !/,(DK|FI),/.test(line)).join('\n'));
  expect((await cli('run', '--input', round1Input, '--out', first)).code).toBe(0);
});

describe("the run's own codebook passed back on the same statements", () => {
  it('reproduces the run: the same themes, every statement in the same theme with the same status and score', async () => {
    const again = join(dir, 'round1-again');
    expect(
      (await cli('run', '--input', round1Input, '--codebook', join(first, 'codebook.yaml'), '--out', again)).code,
    ).toBe(0);
    const rows = (out: string) =>
      readCsv(join(out, 'assignments.csv')).map((r) => [r.statement_id, r.theme_id, r.status, r.score]);
    expect(rows(again)).toEqual(rows(first));
    const themes = (out: string) => readCsv(join(out, 'theme-quadrant.csv')).map((r) => [r.theme_id, r.theme_label]);
    expect(themes(again)).toEqual(themes(first));
    // The codebook remembers the statements left for review too: they are not claimed, and seed no theme.
    const unassigned = readCsv(join(first, 'assignments.csv'))
      .filter((r) => r.status === 'unassigned')
      .map((r) => r.statement_id);
    expect(readCodebookFile(join(first, 'codebook.yaml')).review ?? []).toEqual([...unassigned].sort());
  });
});

describe('a second round with the first round codebook', () => {
  const second = join(dir, 'round2');
  beforeAll(async () => {
    const result = await cli(
      'run',
      'pipelines/inno-industry.yaml',
      '--codebook',
      join(first, 'codebook.yaml'),
      '--previous',
      first,
      '--out',
      second,
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /since .*: 2 new partners, \d+ new themes?, 0 vanished themes, \d+ statements kept their theme/,
    );
  });

  it('keeps every theme id and at least 95% of the first round statements in their theme', () => {
    const before = themeOf(first);
    const after = themeOf(second);
    const firstIds = new Set(readCsv(join(first, 'theme-quadrant.csv')).map((r) => r.theme_id));
    const secondIds = new Set(readCsv(join(second, 'theme-quadrant.csv')).map((r) => r.theme_id));
    for (const id of firstIds) expect(secondIds.has(id), id).toBe(true);
    const kept = [...before].filter(([id, theme]) => after.get(id) === theme).length;
    expect(kept / before.size).toBeGreaterThanOrEqual(0.95);
  });

  it('says what changed: both new partners, their statements, the counts that moved', () => {
    const changes = JSON.parse(readFileSync(join(second, 'changes.json'), 'utf8')) as {
      partners: { new: string[]; missing: string[] };
      statements: { new: number; gone: number; kept: number };
      counts: { column: string; before: number; after: number }[];
    };
    expect(changes.partners).toEqual({
      new: ['Central Jutland Business Region', 'Ostrobothnia Growth Services'],
      missing: [],
    });
    expect(changes.statements.new).toBe(42);
    expect(changes.statements.gone).toBe(0);
    expect(changes.counts.length).toBeGreaterThan(0);
    // Two partners more: the counts grow overall (a statement of the first round may fit its theme less well once the theme has moved, and then no longer count).
    const sum = (key: 'before' | 'after'): number => changes.counts.reduce((n, c) => n + c[key], 0);
    expect(sum('after')).toBeGreaterThan(sum('before'));
    const report = readFileSync(join(second, 'report.md'), 'utf8');
    expect(report).toContain('## What changed');
    expect(report).toContain('- Partners: new Central Jutland Business Region, Ostrobothnia Growth Services.');
  });
});

describe("the analyst's edits", () => {
  it('a rename keeps the id and survives a rerun', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const target = codebook.themes[0];
    if (!target) throw new Error('no theme');
    target.label = 'The skills gap';
    const outA = join(dir, 'rename-a');
    expect(
      (await cli('run', '--input', round1Input, '--codebook', writeCodebook(codebook, 'rename.yaml'), '--out', outA))
        .code,
    ).toBe(0);
    const rowA = readCsv(join(outA, 'theme-quadrant.csv')).find((r) => r.theme_id === target.id);
    expect(rowA?.theme_label).toBe('The skills gap');
    // The codebook written by that run carries the new label into the next one.
    const outB = join(dir, 'rename-b');
    expect(
      (await cli('run', '--input', round1Input, '--codebook', join(outA, 'codebook.yaml'), '--out', outB)).code,
    ).toBe(0);
    expect(readCsv(join(outB, 'theme-quadrant.csv')).find((r) => r.theme_id === target.id)?.theme_label).toBe(
      'The skills gap',
    );
    expect(themeOf(outB)).toEqual(themeOf(outA));
  });

  it('a merge moves the absorbed theme statements and keeps its id as an alias', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const [a, b] = codebook.themes;
    if (!a || !b) throw new Error('no themes');
    a.merge = [b.id];
    const out = join(dir, 'merge');
    expect(
      (
        await cli(
          'run',
          '--input',
          round1Input,
          '--codebook',
          writeCodebook(codebook, 'merge.yaml'),
          '--previous',
          first,
          '--out',
          out,
        )
      ).code,
    ).toBe(0);
    const after = themeOf(out);
    for (const id of [...(a.statements ?? []), ...(b.statements ?? [])]) expect(after.get(id), id).toBe(a.id);
    expect(readCsv(join(out, 'theme-quadrant.csv')).map((r) => r.theme_id)).not.toContain(b.id);
    expect(readCodebookFile(join(out, 'codebook.yaml')).themes.find((t) => t.id === a.id)?.aliases).toEqual([b.id]);
    const changes = JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8')) as {
      themes: { merged: unknown[]; vanished: unknown[] };
      statements: { moved: unknown[] };
    };
    expect(changes.themes.merged).toEqual([{ id: b.id, into: a.id }]);
    expect(changes.themes.vanished).toEqual([]);
    expect(changes.statements.moved).toEqual([]);
  });

  it('a split divides a theme between the parts its keywords describe', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const theme = codebook.themes.find((t) => (t.statements ?? []).includes('AT-07'));
    if (!theme) throw new Error('no skills theme');
    theme.split = [
      {
        id: 'skills-shortage',
        label: 'Shortage of skilled staff',
        keywords: ['shortage', 'recruit', 'specialists', 'staff'],
      },
      {
        id: 'skills-education',
        label: 'Education and training',
        keywords: ['vocational training', 'dual education', 'schools'],
      },
    ];
    const out = join(dir, 'split');
    expect(
      (await cli('run', '--input', round1Input, '--codebook', writeCodebook(codebook, 'split.yaml'), '--out', out))
        .code,
    ).toBe(0);
    const after = themeOf(out);
    const parts = (theme.statements ?? []).map((id) => after.get(id));
    expect(new Set(parts)).toEqual(new Set(['skills-shortage', 'skills-education']));
    expect(after.get('AT-07')).toBe('skills-shortage');
    expect(readCsv(join(out, 'theme-quadrant.csv')).map((r) => r.theme_id)).not.toContain(theme.id);
  });

  it('a pin puts a statement in a theme, an exclusion leaves one out with its reason', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const target = codebook.themes.find((t) => !(t.statements ?? []).includes('AT-16'));
    if (!target) throw new Error('no theme');
    codebook.pin = { 'AT-16': target.id };
    codebook.exclude = [
      { statement: 'IT-22', reason: 'a best practice, not a SWOT statement' },
      { statement: 'AT-20', reason: 'duplicate of AT-05 in substance' },
    ];
    const out = join(dir, 'pin');
    const result = await cli(
      'run',
      '--input',
      round1Input,
      '--codebook',
      writeCodebook(codebook, 'pin.yaml'),
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(themeOf(out).get('AT-16')).toBe(target.id);
    expect(themeOf(out).has('AT-20')).toBe(false);
    expect(
      readCsv(join(out, 'rejected.csv')).find((r) => r.reason?.startsWith('excluded in the codebook')),
    ).toMatchObject({ line: '21', reason: 'excluded in the codebook: duplicate of AT-05 in substance' });
    expect(result.err).toContain('statement "IT-22" is excluded in the codebook but is not in this run\'s inputs');
    const written = readCodebookFile(join(out, 'codebook.yaml'));
    expect(written.pin).toEqual({ 'AT-16': target.id });
    expect(written.exclude).toHaveLength(2);
  });

  it('are listed after the rerun, in the report and run.json, without --previous', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const [renamed, into, absorbed, parent] = codebook.themes;
    if (!renamed || !into || !absorbed || !parent) throw new Error('too few themes');
    renamed.label = 'Renamed by the analyst';
    into.merge = [absorbed.id];
    parent.split = [
      { id: 'part-one', label: 'First part', keywords: ['staff', 'skills'] },
      { id: 'part-two', label: 'Second part', keywords: ['funding', 'programme'] },
    ];
    codebook.pin = { 'AT-16': renamed.id };
    codebook.exclude = [{ statement: 'AT-20', reason: 'duplicate of AT-05 in substance' }];
    // A statement its theme held in the first run, moved to review.
    const held = into.statements?.find((id) => id !== 'AT-16' && id !== 'AT-20');
    if (!held) throw new Error('no statement to move to review');
    codebook.unassign = [held];
    const out = join(dir, 'edits-listed');
    expect(
      (await cli('run', '--input', round1Input, '--codebook', writeCodebook(codebook, 'edits.yaml'), '--out', out))
        .code,
    ).toBe(0);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { edits?: Record<string, unknown[]> };
    expect(run.edits).toEqual({
      renamed: [{ id: renamed.id, from: renamed.run_label, to: 'Renamed by the analyst' }],
      merged: [{ into: into.id, from: absorbed.id }],
      split: [{ from: parent.id, into: ['part-one', 'part-two'] }],
      pinned: [{ statement: 'AT-16', theme: renamed.id }],
      excluded: [{ statement: 'AT-20', reason: 'duplicate of AT-05 in substance' }],
      unassigned: [held],
    });
    expect(readCsv(join(out, 'assignments.csv')).find((a) => a.statement_id === held)).toMatchObject({
      theme_id: '',
      status: 'unassigned',
      why: 'moved to review by the analyst: in no theme',
    });
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## Your edits');
    expect(report).toContain(`- Renamed: \`${renamed.id}\` “${renamed.run_label}” → “Renamed by the analyst”.`);
    expect(report).toContain(`- Merged: \`${absorbed.id}\` into `);
    expect(report).toContain(`- Split: \`${parent.id}\` into First part (\`part-one\`), Second part (\`part-two\`).`);
    expect(report).toContain('- Pinned: `AT-16` to Renamed by the analyst.');
    expect(report).toContain('- Excluded: `AT-20` (duplicate of AT-05 in substance).');
    expect(report).toContain(`- Moved to review: \`${held}\`.`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="edits"><h2>Your edits</h2>');
    expect(html).toContain(`Renamed: ${renamed.run_label} → Renamed by the analyst`);
    // The codebook that run writes knows the new label as its own: the next run lists no rename.
    const next = join(dir, 'edits-listed-again');
    expect(
      (await cli('run', '--input', round1Input, '--codebook', join(out, 'codebook.yaml'), '--out', next)).code,
    ).toBe(0);
    const again = JSON.parse(readFileSync(join(next, 'run.json'), 'utf8')) as { edits?: Record<string, unknown[]> };
    expect(again.edits?.renamed).toEqual([]);
    expect(again.edits?.pinned).toEqual([{ statement: 'AT-16', theme: renamed.id }]);
    // The move to review is carried into the codebook that run writes, and kept on the next.
    expect(again.edits?.unassigned).toEqual([held]);
    expect(readCsv(join(next, 'assignments.csv')).find((a) => a.statement_id === held)?.status).toBe('unassigned');
  });

  it('refuse a statement both pinned and moved to review', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const [a] = codebook.themes;
    if (!a) throw new Error('no theme');
    codebook.pin = { 'AT-16': a.id };
    codebook.unassign = ['AT-16'];
    const result = await cli(
      'run',
      '--input',
      round1Input,
      '--codebook',
      writeCodebook(codebook, 'pin-and-unassign.yaml'),
      '--out',
      join(dir, 'never'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(`statement "AT-16" is both pinned to "${a.id}" and in unassign — keep one`);
  });

  it('are checked, with the line of the mistake', async () => {
    const codebook = readCodebookFile(join(first, 'codebook.yaml'));
    const [a] = codebook.themes;
    if (!a) throw new Error('no theme');
    a.merge = ['no_such_theme'];
    const path = writeCodebook(codebook, 'bad-merge.yaml');
    const result = await cli('run', '--input', round1Input, '--codebook', path, '--out', join(dir, 'never'));
    expect(result.code).toBe(2);
    const line =
      readFileSync(path, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('no_such_theme')) + 1;
    expect(result.err).toBe(
      `swotlens: ${path}:${line}: theme "${a.id}" merges "no_such_theme", which is not a theme of this codebook (at themes.0.merge.0) — see README, "Codebook": a theme has id, label, and optionally description, keywords, aliases, merge, split, statements; pin, exclude and unassign stand beside themes\n`,
    );
  });
});

describe('theme ids', () => {
  it('do not depend on the order of the input rows', async () => {
    // The row pasted twice (PL-23) would be kept instead of its first copy: leave it out.
    const lines = readFileSync(round1Input, 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith('PL-23,'));
    const [header, ...rows] = lines;
    const reversed = join(dir, 'reversed.csv');
    writeFileSync(reversed, [header, ...rows.reverse()].join('\n'));
    const out = join(dir, 'reversed');
    expect((await cli('run', '--input', reversed, '--out', out)).code).toBe(0);
    expect(themeOf(out)).toEqual(themeOf(first));
  });
});
