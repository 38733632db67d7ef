import { describe, expect, it } from 'vitest';
import { comparePartners } from '../../src/compare/index.js';
import type { Assignment, Theme } from '../../src/themes/index.js';
import type { Quadrant, Statement } from '../../src/model/index.js';

function theme(id: string): Theme {
  return {
    id,
    label: id,
    keywords: [],
    origin: 'discovered',
    representatives: [],
    aliases: [],
    coherence: 0.5,
    labelCoverage: 0.5,
    area: id,
  };
}

/** A planted situation: who said what about which theme. */
const planted: [
  partner: string,
  country: string,
  quadrant: Quadrant,
  themeId: string | undefined,
  dimension?: string,
][] = [
  ['A', 'AT', 'W', 'skills', 'Support for companies'],
  ['A', 'AT', 'W', 'skills', 'Support for companies'],
  ['A', 'AT', 'W', 'skills', 'Relevant policies'],
  ['A', 'AT', 'S', 'skills'],
  ['B', 'DK', 'S', 'skills'],
  ['B', 'DK', 'S', 'skills'],
  ['C', 'PL', 'W', 'skills'],
  ['D', 'IT', 'O', 'skills'],
  ['B', 'DK', 'S', 'broadband'],
  ['C', 'PL', 'W', 'broadband'],
  ['D', 'IT', 'W', 'broadband'],
  ['E', 'FI', 'T', undefined],
];

const statements: Statement[] = planted.map(([partner, country, quadrant, , dimension], i) => ({
  id: `s${i}`,
  source: 'p.csv',
  line: i + 2,
  partner,
  country,
  quadrant,
  dimension: dimension ?? '',
  text: `statement ${i}`,
}));
const assignments: Assignment[] = planted.map(([, , , themeId], i) => ({
  statementId: `s${i}`,
  themeId,
  nearestThemeId: themeId,
  score: themeId ? 0.5 : 0.1,
  margin: 0.1,
  status: themeId ? 'assigned' : 'unassigned',
  matched: [],
}));

const analysed = statements.map((statement, i) => ({ statement, assignment: assignments[i] as Assignment }));

describe('comparePartners', () => {
  const comparison = comparePartners(analysed, [theme('broadband'), theme('skills')], 0.5);
  const skills = comparison.themes.find((t) => t.theme.id === 'skills');
  const broadband = comparison.themes.find((t) => t.theme.id === 'broadband');

  it('counts distinct partners, not statements, per quadrant', () => {
    expect(skills?.partners).toEqual({ S: ['A', 'B'], W: ['A', 'C'], O: ['D'], T: [] });
    expect(skills?.allPartners).toEqual(['A', 'B', 'C', 'D']);
    expect(skills?.statements).toBe(8);
    expect(skills?.statementsByQuadrant).toEqual({ S: 3, W: 4, O: 1, T: 0 });
    expect(skills?.countries.W).toEqual(['AT', 'PL']);
  });

  it('counts distinct partners per dimension', () => {
    expect(skills?.byDimension).toEqual({
      '': { S: 2, W: 1, O: 1, T: 0 },
      'Relevant policies': { S: 0, W: 1, O: 0, T: 0 },
      'Support for companies': { S: 0, W: 1, O: 0, T: 0 },
    });
  });

  it('counts every partner for the consensus threshold, also one whose statements fit no theme', () => {
    expect(comparison.partners.map((p) => [p.name, p.country, p.statements])).toEqual([
      ['A', 'AT', 4],
      ['B', 'DK', 3],
      ['C', 'PL', 2],
      ['D', 'IT', 2],
      ['E', 'FI', 1],
    ]);
    expect(comparison.consensusPartners).toBe(3);
    // Skills: A, B (S) and D (O) on the positive side; A and C on the negative one.
    expect(skills?.polarity).toEqual({ positive: ['A', 'B', 'D'], negative: ['A', 'C'] });
    expect(skills?.consensus).toBe(true);
    expect(skills?.consensusAs).toBe('positive');
    // Broadband: three partners in all, but one strength and two weaknesses — no side reaches three.
    expect(broadband?.allPartners).toHaveLength(3);
    expect(broadband?.consensus).toBe(false);
    expect(broadband?.consensusAs).toBeUndefined();
    expect(
      comparePartners(analysed, [theme('broadband'), theme('skills')], 0.4).themes.map((t) => [
        t.theme.id,
        t.consensusAs,
      ]),
    ).toEqual([
      ['skills', 'both'],
      ['broadband', 'negative'],
    ]);
  });

  it('finds divergent themes and who could learn from whom', () => {
    expect(skills?.divergent).toBe(true);
    expect(broadband?.divergent).toBe(true);
    // A lists skills both as a strength and a weakness: on neither side of a pair.
    expect(comparison.learningPairs.map((p) => [p.themeId, p.from, p.to])).toEqual([
      ['skills', 'B', 'C'],
      ['broadband', 'B', 'C'],
      ['broadband', 'B', 'D'],
    ]);
  });

  it("shows each learning pair's two statements: the strength and the weakness that fit the theme best", () => {
    const scored = analysed.map((r) =>
      r.statement.id === 's5' ? { ...r, assignment: { ...r.assignment, score: 0.9 } } : r,
    );
    const pairs = comparePartners(scored, [theme('broadband'), theme('skills')], 0.5).learningPairs;
    // B has two skills strengths (s4, s5): the better fit is shown; on a tie, the first id.
    expect(pairs[0]).toEqual({ themeId: 'skills', from: 'B', to: 'C', fromStatement: 's5', toStatement: 's6' });
    expect(comparison.learningPairs[0]).toMatchObject({ fromStatement: 's4', toStatement: 's6' });
  });

  it('orders themes by partners, then statements', () => {
    expect(comparison.themes.map((t) => t.theme.id)).toEqual(['skills', 'broadband']);
  });
});

describe('comparePartners counts evidence only', () => {
  const base = (id: string, partner: string, quadrant: Quadrant, status: Assignment['status']) => ({
    statement: { id, source: 'p.csv', line: 2, partner, country: 'AT', quadrant, dimension: '', text: id },
    assignment: {
      statementId: id,
      themeId: 'roads',
      nearestThemeId: 'roads',
      score: status === 'borderline' ? 0.2 : 0.5,
      margin: 0.1,
      status,
      matched: [],
    } satisfies Assignment,
  });
  const records = [
    base('a', 'North', 'S', 'assigned'),
    base('b', 'South', 'W', 'borderline'),
    base('c', 'East', 'W', 'borderline'),
    base('d', 'West', 'T', 'pinned'),
  ];
  const [roads] = comparePartners(records, [theme('roads')], 0.5).themes;

  it('shows borderline statements beside the theme without counting them', () => {
    expect(roads?.partners).toEqual({ S: ['North'], W: [], O: [], T: ['West'] });
    expect(roads?.statements).toBe(2);
    expect(roads?.borderline).toEqual({ statements: 2, partners: ['East', 'South'] });
  });

  it('is not divergent on a borderline weakness, and counts a pinned statement as evidence', () => {
    expect(roads?.divergent).toBe(false);
    expect(roads?.polarity).toEqual({ positive: ['North'], negative: ['West'] });
    const assigned = records.map((r) => ({ ...r, assignment: { ...r.assignment, status: 'assigned' as const } }));
    expect(comparePartners(assigned, [theme('roads')], 0.5).themes[0]?.divergent).toBe(true);
  });
});
