import { describe, expect, it } from 'vitest';
import { analyseTerms, bestLongForm, bundledGlossary, findAbbreviations } from '../../src/terms/index.js';
import type { Statement } from '../../src/model/index.js';

describe('findAbbreviations (Schwartz–Hearst)', () => {
  it.each([
    ['Digital Innovation Hubs (DIHs) offer first assessments.', 'DIH', 'Digital Innovation Hubs'],
    ['The EDIH (European Digital Innovation Hub) opened in May.', 'EDIH', 'European Digital Innovation Hub'],
    ['Support for KMU (kleine und mittlere Unternehmen) is strong.', 'KMU', 'kleine und mittlere Unternehmen'],
    [
      'Long experience with AEI (Agrupaciones Empresariales Innovadoras).',
      'AEI',
      'Agrupaciones Empresariales Innovadoras',
    ],
    ['Spending on research and development (R&D) is low.', 'R&D', 'research and development'],
    [
      'Few STEM (science, technology, engineering and mathematics) graduates stay.',
      'STEM',
      'science, technology, engineering and mathematics',
    ],
    [
      'Strategic Research and Innovation Partnerships (SRIPs) act as clusters.',
      'SRIP',
      'Strategic Research and Innovation Partnerships',
    ],
    ['The Recovery and Resilience Facility (RRF) funds digitalisation.', 'RRF', 'Recovery and Resilience Facility'],
    [
      'Funding comes from the PNRR (Piano Nazionale di Ripresa e Resilienza).',
      'PNRR',
      'Piano Nazionale di Ripresa e Resilienza',
    ],
  ])('%s', (text, short, long) => {
    expect(findAbbreviations(text)).toEqual([{ short, long }]);
  });

  it('takes only as much of the text before the parenthesis as the letters need', () => {
    expect(bestLongForm('DIH', 'support from the new Digital Innovation Hub')).toBe('Digital Innovation Hub');
  });

  it('finds no definition where the letters do not spell the short form, or in a plain remark', () => {
    expect(findAbbreviations('Slovenian Smart Specialisation Strategy (S4) puts digitalisation first.')).toEqual([]);
    expect(findAbbreviations('Cloud services (see below) are growing.')).toEqual([]);
    expect(findAbbreviations('The recovery plan (France Relance) brings funding.')).toEqual([]);
    expect(findAbbreviations('Resorts such as Zakopane (PL) and Predeal (RO) draw visitors.')).toEqual([]);
    expect(findAbbreviations('EU (Europe, Asia) markets and the OECD (2019, p. 4) figures.')).toEqual([]);
  });
});

describe('abbreviations in a run', () => {
  const statement = (id: string, text: string, partner = 'Region A'): Statement => ({
    id,
    source: 'x.csv',
    line: 2,
    partner,
    country: 'IT',
    quadrant: 'O',
    dimension: '',
    text,
  });

  it('apply a definition to bare uses in other statements, and report undefined acronyms as glossary candidates', () => {
    const analysis = analyseTerms(
      [
        statement('a', 'The Recovery and Resilience Facility (RRF) funds digitalisation.'),
        statement('b', 'RRF money must be spent by 2026.'),
        statement('c', 'The OPTIMA platform and the OPTIMA network.', 'Region B'),
        statement('d', 'Digital Innovation Hubs (DIHs) and the EDIH.'),
      ],
      bundledGlossary(),
    );
    expect(analysis.definitions).toEqual([
      { short: 'DIH', long: 'Digital Innovation Hubs', concept: 'dih', statementId: 'd', known: true },
      { short: 'RRF', long: 'Recovery and Resilience Facility', concept: 'abbr_rrf', statementId: 'a', known: false },
    ]);
    expect(analysis.occurrences.filter((o) => o.term === 'abbr_rrf').map((o) => [o.statementId, o.surface])).toEqual([
      ['a', 'RRF'],
      ['b', 'RRF'],
    ]);
    expect(analysis.statements[1]?.features.map((f) => f.key)).toContain('@abbr_rrf');
    expect(analysis.candidates).toEqual([{ short: 'OPTIMA', statements: 1, partners: ['Region B'], example: 'c' }]);
  });

  it('leave country codes out of the glossary candidates, but not other two-letter abbreviations', () => {
    const analysis = analyseTerms(
      [
        statement('a', 'Ski resorts such as Zakopane (PL) and Predeal (RO) draw visitors from the whole region.'),
        statement('b', 'Firms in SK and FR markets buy our machinery.'),
        statement('c', 'Small firms have no HR staff to plan training.'),
        statement('d', 'Exports to the US and to DE keep growing.'),
        { ...statement('e', 'Mountain tourism across SK keeps growing.', 'Region C'), country: 'SK' },
      ],
      bundledGlossary(),
    );
    // PL and RO alone in brackets, and SK, a partner's country, are countries; FR, US and DE in running
    // text may be either and stay, as does HR (human resources).
    expect(analysis.candidates.map((c) => c.short)).toEqual(['DE', 'FR', 'HR', 'US']);
  });
});
