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

function asStatements(rows: readonly [string, string, string][], prefix: string): Statement[] {
  return rows.map(([partner, country, text], i) => ({
    id: `${prefix}${i + 10}`,
    source: 'p.csv',
    line: i + 2,
    partner,
    country,
    quadrant: 'S',
    dimension: '',
    text,
  }));
}

const statements = asStatements(planted, 't');

describe('compareTerms', () => {
  const terminology = compareTerms(analyseTerms(statements, bundledGlossary()), bundledGlossary());
  const cluster = terminology.terms.find((t) => t.term === 'cluster');

  it('counts the statements in which each sense is read, per country, with an example for each', () => {
    expect(
      cluster?.countries.map((c) => [
        c.country,
        c.dominant,
        c.senses.map((s) => `${s.sense}:${s.statements}`).join(';'),
        c.statements,
        c.evidence,
        c.partners.length,
      ]),
    ).toEqual([
      ['AT', 'organisation', 'organisation:3', 3, 3, 1],
      ['DE', 'organisation', 'organisation:2;policy:1', 3, 3, 1],
      ['IT', 'agglomeration', 'agglomeration:3;organisation:1', 4, 4, 1],
    ]);
    // The example is the statement read most surely: the model's 0.85 for the suppliers located close together.
    expect(cluster?.countries.find((c) => c.country === 'IT')?.senses[0]?.example).toBe('t11');
  });

  it('rests a conflict on evidence: statements, not occurrences, and never a sense only assumed', () => {
    const rows: [string, string, string][] = [
      ['Upper Austria Clusters', 'AT', 'The cluster manager visits every member.'],
      ['Upper Austria Clusters', 'AT', 'Cluster members join working groups.'],
      ['Upper Austria Clusters', 'AT', 'The cluster organises events for its members.'],
      // One statement listing named clusters: one statement of evidence however many it names.
      [
        'Veneto Districts',
        'IT',
        'Eyewear cluster, furniture cluster, sports shoe cluster and textile cluster of firms.',
      ],
      // No evidence in the words: the sense is a guess or the country's usual one, and counts nowhere.
      ['Lazio', 'IT', 'Our cluster is doing well.'],
      ['Lazio', 'IT', 'The clusters are young.'],
    ];
    const analysis = analyseTerms(asStatements(rows, 'c'), bundledGlossary());
    const italy = compareTerms(analysis, bundledGlossary())
      .terms.find((t) => t.term === 'cluster')
      ?.countries.find((c) => c.country === 'IT');
    const occurrences = analysis.occurrences.filter((o) => o.country === 'IT');
    expect(occurrences.length).toBeGreaterThanOrEqual(5);
    expect(italy?.statements).toBe(3);
    expect(italy?.evidence).toBeLessThanOrEqual(1);
    expect(italy?.unread).toBe(3 - (italy?.evidence ?? 0));
    expect(italy?.dominant).toBe('');
    expect(italy?.conflict).toBe(false);
  });

  it('counts no unrelated meaning as a usage, and lets no sense dominate a tie', () => {
    const rows: [string, string, string][] = [
      ['Upper Austria Clusters', 'AT', 'The cluster manager visits every member.'],
      ['Upper Austria Clusters', 'AT', 'Cluster members join working groups.'],
      // Three computing and research-programme clusters: another word, not what Danes mean by cluster.
      ['Aarhus', 'DK', 'The HPC cluster of the university is booked out for months.'],
      ['Aarhus', 'DK', 'The Horizon Europe Cluster 4 call was oversubscribed.'],
      ['Aarhus', 'DK', 'Our GPU cluster runs the climate models.'],
      ['Aarhus', 'DK', 'The cluster manager knows every member company.'],
      ['Aarhus', 'DK', 'The cluster team organises matchmaking events for its members.'],
      // Two statements read as policy, two as organisation: no sense dominates.
      ['Ljubljana', 'SI', 'The national cluster policy ended in 2012.'],
      ['Ljubljana', 'SI', 'A new cluster programme is being prepared.'],
      ['Ljubljana', 'SI', 'The cluster manager left last year.'],
      ['Ljubljana', 'SI', 'Cluster members pay a yearly fee.'],
    ];
    const usage = compareTerms(analyseTerms(asStatements(rows, 'u'), bundledGlossary()), bundledGlossary()).terms.find(
      (t) => t.term === 'cluster',
    );
    const denmark = usage?.countries.find((c) => c.country === 'DK');
    expect(denmark?.senses.map((s) => `${s.sense}:${s.statements}`)).toEqual(['other:3', 'organisation:2']);
    expect(denmark?.dominant).toBe('organisation');
    const slovenia = usage?.countries.find((c) => c.country === 'SI');
    expect(slovenia?.senses.map((s) => s.statements)).toEqual([2, 2]);
    expect(slovenia?.dominant).toBe('');
    expect(slovenia?.undecided).toBe('no sense dominates');
    expect(slovenia?.conflict).toBe(false);
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
