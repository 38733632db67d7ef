import { describe, expect, it } from 'vitest';
import { compareTerms } from '../../src/compare/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import type { Statement } from '../../src/model/index.js';

const planted: [partner: string, country: string, text: string][] = [
  ['Veneto Districts', 'IT', 'The eyewear cluster concentrates most of the national production.'],
  ['Veneto Districts', 'IT', 'Suppliers in the furniture cluster are located close to each other.'],
  ['Veneto Districts', 'IT', 'I distretti industriali are the backbone of the economy.'],
  ['Veneto Districts', 'IT', 'The cluster manager of the regional network is new.'],
  ['Upper Austria Clusters', 'AT', 'The cluster manager visits every member.'],
  ['Upper Austria Clusters', 'AT', 'Cluster members join working groups.'],
  ['Upper Austria Clusters', 'AT', 'The cluster is well known.'],
  ['Saxony', 'DE', 'The Kompetenznetz has 120 members.'],
  ['Saxony', 'DE', 'Our cluster policy is stable.'],
  ['Saxony', 'DE', 'The cluster organises events for its members.'],
  ['Kraków', 'PL', 'SMEs and MŚP and small and medium-sized enterprises.'],
  ['Graz', 'AT', 'SMEs need support.'],
];

const statements: Statement[] = planted.map(([partner, country, text], i) => ({
  id: `t${i + 10}`,
  source: 'p.csv',
  line: i + 2,
  partner,
  country,
  quadrant: 'S',
  dimension: '',
  text,
}));

describe('compareTerms', () => {
  const terminology = compareTerms(analyseTerms(statements, bundledGlossary()), bundledGlossary());
  const cluster = terminology.terms.find((t) => t.term === 'cluster');

  it('counts the senses of a term per country, with an example for each', () => {
    expect(
      cluster?.countries.map((c) => [
        c.country,
        c.dominant,
        c.senses.map((s) => `${s.sense}:${s.occurrences}`).join(';'),
        c.statements,
        c.partners.length,
      ]),
    ).toEqual([
      ['AT', 'organisation', 'organisation:3', 3, 1],
      ['DE', 'organisation', 'organisation:2;policy:1', 3, 1],
      ['IT', 'agglomeration', 'agglomeration:3;organisation:1', 4, 1],
    ]);
    expect(cluster?.countries.find((c) => c.country === 'IT')?.senses[0]?.example).toBe('t12');
  });

  it('flags the country whose dominant sense differs from the others', () => {
    expect(cluster?.contested).toBe(true);
    expect(cluster?.countries.map((c) => [c.country, c.conflict])).toEqual([
      ['AT', false],
      ['DE', false],
      ['IT', true],
    ]);
  });

  it('lists the variant zoo: one concept written differently across partners', () => {
    const sme = terminology.zoo.find((z) => z.term === 'sme');
    expect(sme?.variants.map((v) => [v.surface, v.countries])).toEqual([
      ['SMEs', ['AT', 'PL']],
      ['MŚP', ['PL']],
      ['small and medium-sized enterprises', ['PL']],
    ]);
  });
});
