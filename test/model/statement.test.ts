import { describe, expect, it } from 'vitest';
import { analysedStatements, idOrder, type Statement } from '../../src/model/index.js';
import type { Assignment } from '../../src/themes/index.js';

const statement = (id: string): Statement => ({
  id,
  source: 'swot.csv',
  line: 2,
  partner: 'Styria',
  country: 'AT',
  quadrant: 'S',
  dimension: '',
  text: `statement ${id}`,
});
const assignment = (statementId: string): Assignment => ({
  statementId,
  themeId: undefined,
  nearestThemeId: undefined,
  score: 0,
  margin: 0,
  status: 'unassigned',
  matched: [],
});

describe('statements', () => {
  it('are put in id order by code point once per array, whatever the row order', () => {
    const statements = ['AT-10', 'AT-2', 'Ö-1', 'AT-1', 'at-1'].map(statement);
    const order = idOrder(statements);
    expect(order.map((i) => statements[i]?.id)).toEqual(['AT-1', 'AT-10', 'AT-2', 'at-1', 'Ö-1']);
    expect(idOrder(statements)).toBe(order);
    expect(idOrder([...statements])).not.toBe(order);
  });

  it('are joined with what the steps learned, and the join refuses results that do not line up', () => {
    const statements = ['b', 'a'].map(statement);
    const terms = statements.map((s) => ({
      id: s.id,
      features: [],
      terms: [],
      polarity: { score: 0, words: [] },
      flags: [],
      parts: [],
    }));
    const joined = analysedStatements(statements, terms, ['b', 'a'].map(assignment));
    expect(joined.map((r) => [r.statement.id, r.terms.id, r.assignment.statementId])).toEqual([
      ['b', 'b', 'b'],
      ['a', 'a', 'a'],
    ]);
    expect(() => analysedStatements(statements, terms, ['a', 'b'].map(assignment))).toThrow(/line up at statement b/);
  });
});
