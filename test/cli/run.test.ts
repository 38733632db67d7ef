import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, readCsv, temporaryDir, type CliResult } from '../helpers.js';

const FILES = [
  'assignments.csv',
  'codebook.qdc',
  'codebook.yaml',
  'project.qdpx',
  'rejected.csv',
  'report.html',
  'report.md',
  'run.json',
  'term-conflicts.csv',
  'terms.csv',
  'theme-quadrant.csv',
  'themes.json',
];

describe('swotlens run on the sample project', () => {
  const out = join(temporaryDir(), 'inno-industry');
  let result: CliResult;
  beforeAll(async () => {
    result = await cli('run', 'pipelines/inno-industry.yaml', '--out', out);
  });

  it('writes every report file and says what it did', () => {
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(result.out).toMatch(
      /^read 214 statements from 10 partners; 4 rows rejected \(.*rejected\.csv\)\n\d+ themes; \d+ borderline and \d+ unassigned statements to review(?:; \d+ statements? worded against (?:its|their) quadrant)?(?:; \d+ bullets? with two topics)?\nreport: .*report\.md\n$/,
    );
    expect(result.err).toContain(
      'data/sample/inno-industry-swot.csv:130: quadrant "Strenghts" read as "strengths" (S)',
    );
  });

  it('accounts for every row: rows in = assigned rows + rejected rows', () => {
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { inputs: { path: string; rows: number }[] };
    const assignments = readCsv(join(out, 'assignments.csv'));
    const rejected = readCsv(join(out, 'rejected.csv'));
    expect(run.inputs).toHaveLength(1);
    expect(run.inputs[0]?.rows).toBe(218);
    expect(assignments.length + rejected.length).toBe(218);
    expect(rejected.map((r) => [r.line, r.reason?.split(' —')[0]])).toEqual([
      ['216', 'the quadrant is empty'],
      ['217', 'quadrant "Best practice" is not a SWOT quadrant'],
      ['218', 'the same statement from the same partner and quadrant is at data/sample/inno-industry-swot.csv:87'],
      ['219', 'the statement is empty'],
    ]);
    for (const a of assignments) expect(['assigned', 'borderline', 'unassigned']).toContain(a.status);
    expect(assignments.filter((a) => a.status === 'assigned').length).toBeGreaterThan(assignments.length / 2);
  });

  it('counts distinct partners in theme-quadrant.csv, exactly as assignments.csv implies', () => {
    const assignments = readCsv(join(out, 'assignments.csv'));
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    expect(Object.keys(table[0] ?? {}).slice(0, 8)).toEqual([
      'theme_id',
      'theme_label',
      'S',
      'W',
      'O',
      'T',
      'partners',
      'statements',
    ]);
    for (const row of table) {
      // Counted: statements assigned to the theme or pinned to it; borderline ones have a column of their own.
      const inTheme = assignments.filter(
        (a) => a.theme_id === row.theme_id && (a.status === 'assigned' || a.status === 'pinned'),
      );
      const borderline = assignments.filter((a) => a.theme_id === row.theme_id && a.status === 'borderline');
      expect(Number(row.borderline)).toBe(borderline.length);
      const partners = (q?: string): number =>
        new Set(inTheme.filter((a) => !q || a.quadrant === q).map((a) => a.partner)).size;
      expect([row.S, row.W, row.O, row.T, row.partners, row.statements].map(Number)).toEqual([
        partners('S'),
        partners('W'),
        partners('O'),
        partners('T'),
        partners(),
        inTheme.length,
      ]);
      expect([...inTheme, ...borderline].every((a) => a.theme_label === row.theme_label)).toBe(true);
    }
    const unassigned = assignments.filter((a) => a.status === 'unassigned');
    expect(unassigned.every((a) => a.theme_id === '' && a.theme_label === '')).toBe(true);
  });

  it('counts the partners of a planted theme: broadband, a weakness for five partners and a strength for one', () => {
    const assignments = readCsv(join(out, 'assignments.csv'));
    const themeId = assignments.find((a) => a.statement_id === 'PL-21')?.theme_id;
    const row = readCsv(join(out, 'theme-quadrant.csv')).find((r) => r.theme_id === themeId);
    expect(row).toMatchObject({ S: '1', W: '5' });
    const weak = assignments
      .filter((a) => a.theme_id === themeId && a.quadrant === 'W' && a.status === 'assigned')
      .map((a) => a.country);
    expect([...new Set(weak)].sort()).toEqual(['AT', 'DE', 'ES', 'IT', 'PL']);
    // Who could learn from whom: the one strength beside each weakness, statement by statement.
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const learning = report.slice(report.indexOf('## Who could learn from whom'), report.indexOf('## Terminology'));
    const table = learning.slice(learning.indexOf(`### ${row?.theme_label}`)).split('\n\n')[1] ?? '';
    const rows = table.split('\n').slice(2);
    expect(rows).toHaveLength(5);
    for (const partner of [
      'Agenzia Sviluppo Veneto Orientale',
      'Castilla Norte Innovation Agency',
      'Cluster Office Upper Franconia',
      'Innovation Agency Upper Mur Valley',
      'Wielkopolska East Development Agency',
    ])
      expect(
        rows.filter((r) => r.startsWith('| **Ostrobothnia Growth Services**:') && r.includes(`| **${partner}**:`)),
      ).toHaveLength(1);
    const pairs = JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')).themes.find(
      (t: { id: string }) => t.id === themeId,
    ).learningPairs;
    expect(pairs).toHaveLength(5);
    expect(pairs[0]).toMatchObject({
      from: 'Ostrobothnia Growth Services',
      fromStatement: expect.stringMatching(/^FI-/),
    });
  });

  it('finds the skills gap that every partner raised as a consensus weakness', () => {
    const assignments = readCsv(join(out, 'assignments.csv'));
    const themeId = assignments.find((a) => a.statement_id === 'AT-07')?.theme_id;
    const row = readCsv(join(out, 'theme-quadrant.csv')).find((r) => r.theme_id === themeId);
    expect(Number(row?.W)).toBeGreaterThanOrEqual(8);
    expect(row?.consensus).toBe('yes');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const consensus = report.slice(report.indexOf('## Consensus themes'), report.indexOf('## Divergent themes'));
    expect(consensus).toContain(`**${row?.theme_label}**`);
    expect(consensus).toMatch(
      new RegExp(`\\*\\*${row?.theme_label}\\*\\* — as a weakness or threat by (8|9|10) of 10 partners`),
    );
    expect(row?.consensus_as).toBe('negative');
  });

  it('writes every term occurrence with its sense, and the cross-country conflicts of "cluster"', () => {
    const terms = readCsv(join(out, 'terms.csv'));
    expect(Object.keys(terms[0] ?? {}).slice(0, 8)).toEqual([
      'statement_id',
      'partner',
      'country',
      'term',
      'surface',
      'sense',
      'confidence',
      'cues',
    ]);
    expect(terms.find((t) => t.statement_id === 'IT-01' && t.surface === 'distretti industriali')).toMatchObject({
      term: 'cluster',
      sense: 'agglomeration',
      basis: 'text',
    });
    expect(terms.find((t) => t.statement_id === 'IT-09')).toMatchObject({
      surface: 'Cluster organisations',
      sense: 'organisation',
      confidence: '0.90',
      cues: 'phrase "cluster organisation"',
    });
    expect(terms.find((t) => t.statement_id === 'PL-09')).toMatchObject({
      term: 'sme',
      surface: 'MŚP',
      sense: '',
      confidence: '',
      basis: '',
    });
    // Every occurrence of "cluster" says what its sense rests on.
    for (const t of terms.filter((t) => t.term === 'cluster'))
      expect(['text', 'partner', 'uncertain', 'assumed']).toContain(t.basis);
    const conflicts = readCsv(join(out, 'term-conflicts.csv'));
    expect(Object.keys(conflicts[0] ?? {})).toEqual([
      'term',
      'country',
      'dominant_sense',
      'senses',
      'statements',
      'partners',
      'conflict',
      'evidence_statements',
      'unread_statements',
      'examples',
    ]);
    const cluster = new Map(conflicts.filter((r) => r.term === 'cluster').map((r) => [r.country, r]));
    expect(cluster.size).toBe(10);
    // The Italian partner writes of its districts and of its cluster organisations alike: the
    // evidence is counted per statement, each sense with an example.
    const italy = cluster.get('IT');
    expect(italy?.senses).toMatch(/agglomeration:\d/);
    expect(italy?.senses).toMatch(/organisation:\d/);
    expect(italy?.examples).toMatch(/agglomeration:IT-\d\d/);
    for (const row of cluster.values())
      expect(Number(row.evidence_statements) + Number(row.unread_statements)).toBe(Number(row.statements));
    expect(cluster.get('AT')).toMatchObject({ dominant_sense: 'organisation', conflict: 'no' });
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const conflicting = [...cluster.values()].filter((r) => r.conflict === 'yes');
    if (conflicting.length === 0)
      expect(report).toContain('No term has a dominant sense that differs between countries.');
    else expect(report).toContain('**Terminology:** “cluster” does not mean the same everywhere');
    expect(report).toMatch(
      /- \*\*SME\*\* \(`sme`\): SMEs? \(AT, CZ, DE, DK, ES, FI, FR, IT, PL, SI\); .*MŚP \(PL\); PMI \(IT\); pymes \(ES\)/,
    );
  });

  it('takes a project glossary with --glossary', async () => {
    const again = join(temporaryDir(), 'glossary');
    const result = await cli(
      'run',
      'pipelines/inno-industry.yaml',
      '--out',
      again,
      '--glossary',
      fixture('glossary', 'project', 'glossary.yaml'),
    );
    expect(result.code).toBe(0);
    expect(
      readCsv(join(again, 'terms.csv'))
        .filter((t) => t.term === 'pnrr')
        .map((t) => t.statement_id),
    ).toEqual(['IT-14', 'IT-19']);
    const run = JSON.parse(readFileSync(join(again, 'run.json'), 'utf8')) as { settings: { glossary: string } };
    expect(run.settings.glossary).toBe(fixture('glossary', 'project', 'glossary.yaml'));
  });

  it('writes themes.json and a codebook that reads back', async () => {
    const themes = JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')) as {
      themes: { id: string; origin: string; partnerCounts: { total: number }; representative: unknown[] }[];
    };
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    expect(themes.themes.map((t) => t.id)).toEqual(table.map((r) => r.theme_id));
    expect(themes.themes.every((t) => t.origin === 'discovered' && t.representative.length > 0)).toBe(true);
    const again = join(temporaryDir(), 'again');
    const second = await cli(
      'run',
      'pipelines/inno-industry.yaml',
      '--out',
      again,
      '--codebook',
      join(out, 'codebook.yaml'),
    );
    expect(second.code).toBe(0);
    const ids = readCsv(join(again, 'theme-quadrant.csv')).map((r) => r.theme_id);
    expect(ids).toEqual(expect.arrayContaining(table.map((r) => r.theme_id)));
  });

  it('gives byte-identical files on a second run (run.json timings aside)', async () => {
    const second = join(temporaryDir(), 'second');
    expect((await cli('run', 'pipelines/inno-industry.yaml', '--out', second)).code).toBe(0);
    for (const file of FILES) {
      const read = (dir: string): string => {
        const text = readFileSync(join(dir, file), 'utf8');
        if (file !== 'run.json') return text;
        const json = JSON.parse(text) as { timings?: unknown; settings: { out?: string } };
        delete json.timings;
        delete json.settings.out;
        return JSON.stringify(json);
      };
      expect(read(second), file).toBe(read(out));
    }
  });
});

describe('swotlens run with meaning read from whole sentences (--meaning sentences)', () => {
  const out = join(temporaryDir(), 'sentences');
  let result: CliResult;
  beforeAll(async () => {
    result = await cli('run', 'pipelines/inno-industry.yaml', '--meaning', 'sentences', '--out', out);
  });

  it('writes the report and says where meaning came from', () => {
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(FILES);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { settings: { themes: object } };
    expect(run.settings.themes).toMatchObject({ meaning: 'sentences', semantic: 0.5, assignAt: 0.4 });
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('meaning from sentences, share 0.5');
  });

  it('gives byte-identical files on a second run, and keeps its themes with its own codebook', async () => {
    const second = join(temporaryDir(), 'sentences-again');
    expect((await cli('run', 'pipelines/inno-industry.yaml', '--meaning', 'sentences', '--out', second)).code).toBe(0);
    for (const file of FILES.filter((f) => f !== 'run.json'))
      expect(readFileSync(join(second, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    const rerun = join(temporaryDir(), 'sentences-codebook');
    const args = ['--meaning', 'sentences', '--codebook', join(out, 'codebook.yaml'), '--out', rerun];
    expect((await cli('run', 'pipelines/inno-industry.yaml', ...args)).code).toBe(0);
    const themeOf = (dir: string): Map<string, string> =>
      new Map(
        readCsv(join(dir, 'assignments.csv')).map((r) => [
          r.statement_id ?? '',
          r.status === 'unassigned' ? '(review)' : (r.theme_id ?? ''),
        ]),
      );
    const before = themeOf(out);
    const after = themeOf(rerun);
    const kept = [...before].filter(([id, theme]) => after.get(id) === theme).length;
    expect(kept / before.size).toBeGreaterThanOrEqual(0.99);
    const ids = (dir: string): string[] => readCsv(join(dir, 'theme-quadrant.csv')).map((r) => r.theme_id ?? '');
    expect(ids(rerun)).toEqual(expect.arrayContaining(ids(out)));
  });
});

describe('swotlens run on problems', () => {
  it('stops on a broken file with one line, exit 1, and writes nothing', async () => {
    const out = join(temporaryDir(), 'never');
    const result = await cli(
      'run',
      '--input',
      fixture('read', 'partly-bad', 'swot.csv'),
      '--input',
      fixture('read', 'unclosed-quote', 'swot.csv'),
      '--out',
      out,
    );
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `swotlens: ${fixture('read', 'unclosed-quote', 'swot.csv')}:2: a quoted cell opened on this line is never closed — add the missing closing quote (") or remove the opening one\n`,
    );
    expect(result.out).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('stops on an invalid pipeline file with exit 2', async () => {
    const result = await cli('run', fixture('config', 'unknown-key', 'pipeline.yaml'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^swotlens: test\/fixtures\/config\/unknown-key\/pipeline\.yaml:6: unknown key "minStatement" in themes — /,
    );
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('stops on an invalid codebook with exit 2, naming the line', async () => {
    const result = await cli(
      'run',
      'pipelines/inno-industry.yaml',
      '--out',
      temporaryDir(),
      '--codebook',
      fixture('codebook', 'duplicate-id', 'codebook.yaml'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `swotlens: ${fixture('codebook', 'duplicate-id', 'codebook.yaml')}:4: theme id "skills" is used twice (theme 1 and theme 2) — ids must be unique (at themes.1.id) — see README, "Codebook": a theme has id, label, and optionally description, keywords, aliases, merge, split, statements; pin, exclude and unassign stand beside themes\n`,
    );
  });

  it('stops on an invalid project glossary with exit 2, naming the line', async () => {
    const result = await cli(
      'run',
      'pipelines/inno-industry.yaml',
      '--out',
      temporaryDir(),
      '--glossary',
      fixture('glossary', 'unknown-sense', 'glossary.yaml'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^swotlens: test\/fixtures\/glossary\/unknown-sense\/glossary\.yaml:4: national term "klusterorganisation" names the sense "organization"/,
    );
  });

  it('refuses an unknown option with exit 2', async () => {
    const result = await cli('run', '--inputs', 'x.csv');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/unknown option '--inputs'/);
  });

  it('with --strict, exits 1 when rows were rejected, after writing the report', async () => {
    const out = temporaryDir();
    const result = await cli(
      'run',
      '--input',
      fixture('read', 'partly-bad', 'swot.csv'),
      '--input',
      'data/sample/inno-industry-swot.csv',
      '--out',
      out,
      '--strict',
    );
    expect(result.code).toBe(1);
    expect(readCsv(join(out, 'rejected.csv'))).toHaveLength(13);
  });

  it('stops when no row at all could be read', async () => {
    const result = await cli('run', '--input', fixture('read', 'header-only', 'swot.csv'), '--out', temporaryDir());
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `swotlens: ${fixture('read', 'header-only', 'swot.csv')}: no statement could be read — the files have no rows below the header\n`,
    );
  });
});
