import { describe, expect, it } from 'vitest';
import { comparePartners } from '../../src/compare/index.js';
import type { Assignment, Theme } from '../../src/themes/index.js';
import type { Quadrant, Statement } from '../../src/model/index.js';

function theme(id: string): Theme {
  return { id, label: id, keywords: [], origin: 'discovered', representatives: [], aliases: [] };
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
    expect(skills?.consensus).toBe(true);
    expect(broadband?.consensus).toBe(true);
    expect(
      comparePartners(analysed, [theme('broadband'), theme('skills')], 0.8).themes.map((t) => t.consensus),
    ).toEqual([true, false]);
  });

  it('finds divergent themes and who could learn from whom', () => {
    expect(skills?.divergent).toBe(true);
    expect(broadband?.divergent).toBe(true);
    // A lists skills both as a strength and a weakness: on neither side of a pair.
    expect(comparison.learningPairs).toEqual([
      { themeId: 'skills', from: 'B', to: 'C' },
      { themeId: 'broadband', from: 'B', to: 'C' },
      { themeId: 'broadband', from: 'B', to: 'D' },
    ]);
  });

  it('orders themes by partners, then statements', () => {
    expect(comparison.themes.map((t) => t.theme.id)).toEqual(['skills', 'broadband']);
  });
});
