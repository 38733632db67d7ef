import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { themeSettings } from '../../src/config/index.js';
import { readInputs } from '../../src/read/index.js';
import { analyseTerms, bundledGlossary, ignoredWords } from '../../src/terms/index.js';
import { JOINING, LEADING } from '../../src/themes/words.js';
import { represent } from '../../src/represent/index.js';
import { applyEdits, findThemes, readCodebook, type Codebook, type ThemeSet } from '../../src/themes/index.js';
import { normalizedMutualInformation } from '../../src/themes/metrics.js';
import type { Statement } from '../../src/model/index.js';
import { readCsv } from '../helpers.js';

const settings = themeSettings();
const sample = (await readInputs(['data/sample/inno-industry-swot.csv'])).statements;
const gold = new Map(
  readCsv('test/fixtures/sample-gold/themes.csv').map((r) => [r.statement_id as string, r.theme as string]),
);

function themesOf(statements: readonly Statement[], codebook?: Codebook): Promise<ThemeSet> {
  const normalised = analyseTerms(statements, bundledGlossary()).statements;
  return findThemes(
    { statements, normalised, representation: represent(normalised, { semantic: settings.semantic }) },
    { settings, glossary: bundledGlossary(), codebook: codebook ? applyEdits(codebook) : undefined },
  );
}

/** Theme id of each statement id. */
function themeById(statements: readonly Statement[], set: ThemeSet): Map<string, string> {
  return new Map(statements.map((s, i) => [s.id, set.assignments[i]?.themeId ?? '']));
}

/** The largest share of a gold theme's statements that one discovered theme holds. */
function cohesion(goldTheme: string, byId: Map<string, string>): number {
  const ids = [...gold].filter(([, t]) => t === goldTheme).map(([id]) => id);
  const counts = new Map<string, number>();
  for (const id of ids) {
    const theme = byId.get(id) ?? '';
    if (theme !== '') counts.set(theme, (counts.get(theme) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values()) / ids.length;
}

describe('findThemes on the sample SWOT set', async () => {
  const set = await themesOf(sample);
  const byId = themeById(sample, set);

  it('chooses the number of themes from the data and says how', () => {
    expect(set.themes.length).toBeGreaterThanOrEqual(12);
    expect(set.themes.length).toBeLessThanOrEqual(30);
    expect(set.selection.length).toBeGreaterThan(5);
    expect(set.selection.map((s) => s.k)).toContain(set.chosenK);
  });

  it('agrees with the themes an analyst drew (NMI against the gold themes)', () => {
    const nmi = normalizedMutualInformation(
      sample.map((s) => gold.get(s.id) ?? '?'),
      sample.map((_s, i) => set.assignments[i]?.themeId ?? `unassigned-${i}`),
    );
    expect(nmi).toBeGreaterThan(0.6);
  });

  it('keeps planted topics together across quadrants and wordings', () => {
    expect(cohesion('demography', byId)).toBeGreaterThanOrEqual(0.8);
    expect(cohesion('cyber', byId)).toBeGreaterThanOrEqual(0.7);
    expect(cohesion('broadband', byId)).toBeGreaterThanOrEqual(0.8);
    expect(cohesion('skills', byId)).toBeGreaterThanOrEqual(0.5);
  });

  it('puts a weakness and a strength on one topic in one theme', () => {
    // "Poor broadband in rural municipalities" (W) and "Good broadband connections also in rural areas" (S)
    expect(byId.get('PL-21')).toBe(byId.get('FI-05'));
    // "Weak cooperation between universities and district firms" (W) and "Good cooperation between the university … and local companies" (S)
    expect(byId.get('IT-10')).toBe(byId.get('AT-06'));
  });

  it("makes each theme's id from its label's words and says how many of its statements the label covers", () => {
    for (const t of set.themes) {
      const words = t.id.replace(/-[0-9a-f]{4}\d*$/, '').split('_');
      const label = t.label.toLowerCase().normalize('NFKD');
      for (const w of words) expect(label, `${t.id} / ${t.label}`).toContain(w);
      // The promise, read independently: the share of its statements with a word of its label (any case, accents, plural).
      const plain = (text: string): string[] =>
        text
          .toLowerCase()
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .split(/[^\p{L}\p{N}&]+/u)
          .filter(Boolean);
      const singular = (w: string): string =>
        w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
      const labelWords = plain(t.label)
        .map(singular)
        .filter((w) => !JOINING.has(w) && !LEADING.has(w) && !ignoredWords().has(w));
      const members = sample.filter((_, i) => set.assignments[i]?.themeId === t.id);
      const covered = members.filter((s) =>
        plain(s.text).some((w) => labelWords.some((l) => w === l || w === `${l}s` || w === `${l}es`)),
      );
      expect(t.labelCoverage, `${t.id} / ${t.label}`).toBeCloseTo(covered.length / members.length, 3);
      expect(t.labelCoverage).toBeGreaterThan(0);
    }
    // Over the themes, most statements carry a word of their theme's label.
    const mean = set.themes.reduce((n, t) => n + t.labelCoverage, 0) / set.themes.length;
    expect(mean).toBeGreaterThan(0.5);
  });

  it('gives every theme a distinct readable label, keywords and representatives', () => {
    const labels = set.themes.map((t) => t.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    for (const theme of set.themes) {
      expect(theme.id).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
      expect(theme.label).toMatch(/^[A-ZÀ-Ý0-9]/u);
      expect(theme.label.split(' ').length).toBeLessThanOrEqual(8);
      expect(theme.keywords.length).toBeGreaterThan(0);
      expect(theme.representatives.length).toBeGreaterThan(0);
    }
  });

  it('explains each assignment with a score and a margin, and a status that follows them', () => {
    for (const a of set.assignments) {
      if (a.status === 'assigned') expect(a.score).toBeGreaterThanOrEqual(settings.assignAt);
      if (a.status === 'borderline') expect(a.score).toBeGreaterThanOrEqual(settings.borderlineAt);
      if (a.status === 'unassigned') expect(a.themeId).toBeUndefined();
      else expect(a.matched.length).toBeGreaterThan(0);
      // A borderline statement still moving between two themes when the places stop settling stays
      // where the last round put it, and may sit a little nearer the other (README, assignments.csv).
      if (a.status === 'assigned') expect(a.margin).toBeGreaterThanOrEqual(0);
      else expect(a.margin).toBeGreaterThan(-0.1);
    }
  });

  it('is deterministic and does not depend on the order of the rows', async () => {
    expect(await themesOf(sample)).toEqual(set);
    const shuffled = [...sample].sort((a, b) => (a.text.length % 7) - (b.text.length % 7) || (a.id < b.id ? 1 : -1));
    const again = await themesOf(shuffled);
    expect(themeById(shuffled, again)).toEqual(byId);
    expect(again.themes.map((t) => [t.id, t.label]).sort()).toEqual(set.themes.map((t) => [t.id, t.label]).sort());
  });
});

describe('findThemes on edge cases', () => {
  function statement(id: string, text: string, partner = 'Region A'): Statement {
    return { id, source: 'x.csv', line: 2, partner, country: 'AT', quadrant: 'W', dimension: '', text };
  }

  it('leaves a statement with no topic words unassigned, with score 0', async () => {
    const list = [...sample.slice(0, 40), statement('empty-1', 'Very good!'), statement('empty-2', 'n/a')];
    const set = await themesOf(list);
    expect(set.assignments.slice(-2).map((a) => [a.status, a.themeId, a.score])).toEqual([
      ['unassigned', undefined, 0],
      ['unassigned', undefined, 0],
    ]);
  });

  it('forms no theme from fewer statements than a theme needs', async () => {
    const set = await themesOf([statement('a', 'Lack of ICT specialists'), statement('b', 'Shortage of IT staff')]);
    expect(set.themes).toEqual([]);
    expect(set.assignments.map((a) => a.status)).toEqual(['unassigned', 'unassigned']);
  });

  it('forms one theme from a handful of statements on one topic', async () => {
    const set = await themesOf([
      statement('a', 'Lack of ICT specialists', 'A'),
      statement('b', 'Companies cannot find ICT specialists', 'B'),
      statement('c', 'Strong pool of ICT specialists', 'C'),
    ]);
    expect(set.themes).toHaveLength(1);
    expect(set.assignments.map((a) => a.themeId)).toEqual([set.themes[0]?.id, set.themes[0]?.id, set.themes[0]?.id]);
  });
});

describe('findThemes with a codebook', async () => {
  const codebook: Codebook = {
    themes: [
      {
        id: 'skills_workforce',
        label: 'Skilled workforce and digital skills',
        description: 'Whether companies find qualified staff and ICT specialists; training and vocational education.',
      },
      {
        id: 'digital-infrastructure',
        label: 'Broadband and digital infrastructure',
        description: 'Broadband, fibre and mobile coverage, also in rural areas.',
      },
      {
        id: 'cyber_security',
        label: 'Cyber security',
        description: 'Cyber attacks on companies and IT security.',
        keywords: ['cyber', 'ransomware', 'security'],
      },
      { id: 'unused_theme', label: 'Tourism and gastronomy', description: 'Hotels, restaurants and visitors.' },
    ],
  };
  const set = await themesOf(sample, codebook);
  const byId = themeById(sample, set);

  it("keeps the analyst's ids, labels and descriptions verbatim, including a theme nothing fits", () => {
    const fromCodebook = set.themes.filter((t) => t.origin === 'codebook');
    expect(fromCodebook.map((t) => [t.id, t.label, t.description])).toEqual(
      codebook.themes.map((t) => [t.id, t.label, t.description]),
    );
    expect(set.assignments.filter((a) => a.themeId === 'unused_theme')).toEqual([]);
  });

  it('matches statements to codebook themes first', () => {
    const share = (goldTheme: string, id: string): number => {
      const ids = [...gold].filter(([, t]) => t === goldTheme).map(([i]) => i);
      return ids.filter((i) => byId.get(i) === id).length / ids.length;
    };
    expect(share('skills', 'skills_workforce')).toBeGreaterThanOrEqual(0.6);
    expect(share('broadband', 'digital-infrastructure')).toBeGreaterThanOrEqual(0.8);
    expect(share('cyber', 'cyber_security')).toBeGreaterThanOrEqual(0.8);
  });

  it('discovers themes for the rest, with ids of their own', () => {
    const discovered = set.themes.filter((t) => t.origin === 'discovered');
    expect(discovered.length).toBeGreaterThan(5);
    expect(new Set(set.themes.map((t) => t.id)).size).toBe(set.themes.length);
  });
});

describe("findThemes with an analyst's codebook written before reading the statements", async () => {
  // 21 themes, a label and a one-line definition each, in the analyst's words, no keywords.
  const codebook = readCodebook('test/fixtures/sample-gold/codebook.yaml');
  const set = await themesOf(sample, codebook);
  const byId = themeById(sample, set);

  it('places three in four statements in the theme the analyst gave them', () => {
    const right = [...gold].filter(([id, theme]) => byId.get(id) === theme).length;
    // 73.4% while the statements a theme drew in could pull it from its definition.
    expect(right / gold.size).toBeGreaterThanOrEqual(0.75);
  });
});

describe('findThemes on twenty statements written in different words', async () => {
  const topics: Record<string, string[]> = {
    skills: [
      'Firms struggle to hire engineers.',
      'Shortage of qualified technicians in manufacturing.',
      'Young talent with IT skills is hard to recruit.',
      'Companies cannot fill vacancies for software developers.',
      'Strong pool of skilled workers from technical schools.',
    ],
    broadband: [
      'Slow internet in mountain villages.',
      'Fibre roll-out lags behind in rural municipalities.',
      'Poor mobile coverage outside the towns.',
      'Good broadband connections also in remote areas.',
      'Many households still lack high-speed connectivity.',
    ],
    // None of these words is in data/topic-words.yaml: the statements meet on the words they share, not on the list.
    crime: [
      'Online criminals lock company computers and demand payment.',
      'Small firms have no defence against online criminals.',
      'Criminals steal customer records from company computers.',
      'Good defence of company computers against online criminals.',
      'Fake emails trick employees into letting criminals into their computers.',
    ],
    funding: [
      'Too many overlapping grant schemes.',
      'Fragmented support programmes confuse applicants.',
      'Subsidies are spread over dozens of instruments.',
      'Companies do not know which funding call fits them.',
      'A single entry point for all financial support is missing.',
    ],
  };
  const list: Statement[] = Object.entries(topics).flatMap(([topic, texts]) =>
    texts.map((text, i) => ({
      id: `${topic}-${i}`,
      source: 'x.csv',
      line: 2,
      partner: `Partner ${i}`,
      country: 'AT',
      quadrant: i === 3 ? 'S' : 'W',
      dimension: '',
      text,
    })),
  );
  const set = await themesOf(list);
  const byId = themeById(list, set);

  it('finds the topics however they are worded, strengths and weaknesses together', () => {
    for (const topic of Object.keys(topics)) {
      const themes = list.filter((s) => s.id.startsWith(topic)).map((s) => byId.get(s.id) ?? '');
      const counts = new Map<string, number>();
      for (const t of themes) if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
      expect(Math.max(0, ...counts.values()), topic).toBeGreaterThanOrEqual(4);
    }
    expect(set.themes.length).toBeGreaterThanOrEqual(3);
    expect(set.themes.length).toBeLessThanOrEqual(6);
  });

  it('is tested on words the topic list does not hold (the crime statements)', () => {
    const listed = new Set(
      (readFileSync('data/topic-words.yaml', 'utf8').match(/[a-z-]+/g) ?? []).map((w) => w.toLowerCase()),
    );
    const words = topics.crime?.flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []) ?? [];
    const content = words.filter((w) => ['criminals', 'computers', 'online', 'defence', 'steal', 'emails'].includes(w));
    expect(content.length).toBeGreaterThan(10);
    for (const w of content) expect(listed.has(w) || listed.has(w.replace(/s$/, '')), w).toBe(false);
  });
});

describe('the clustering method', () => {
  it('is an option: with every statement in one theme, discovery gives one theme that assignment then keeps or dissolves', async () => {
    const { ONE_THEME, WARD_KMEANS } = await import('../../src/themes/index.js');
    const statements = sample.slice(0, 40);
    const normalised = analyseTerms(statements, bundledGlossary()).statements;
    const input = { statements, normalised, representation: represent(normalised, { semantic: settings.semantic }) };
    const one = await findThemes(input, { settings, glossary: bundledGlossary(), clusterer: ONE_THEME });
    expect(one.themes).toHaveLength(1);
    expect(one.selection).toEqual([{ k: 1, silhouette: 0 }]);
    const ward = await findThemes(input, { settings, glossary: bundledGlossary(), clusterer: WARD_KMEANS });
    expect(ward.themes.length).toBeGreaterThan(1);
    expect(ward).toEqual(await findThemes(input, { settings, glossary: bundledGlossary() }));
  });
});
