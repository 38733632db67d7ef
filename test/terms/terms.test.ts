import { describe, expect, it } from 'vitest';
import { analyseTerms, bundledGlossary, findTerms, ownNames, tokenize } from '../../src/terms/index.js';
import type { Statement } from '../../src/model/index.js';

function statement(text: string, partner = 'Upper Mur Valley', country = 'AT'): Statement {
  return { id: text.slice(0, 8), source: 'test.csv', line: 2, partner, country, quadrant: 'W', dimension: '', text };
}

function concepts(text: string): string[] {
  return findTerms(tokenize(text), bundledGlossary()).map((t) => `${t.concept}:${t.surface}`);
}

function keys(text: string): string[] {
  return analyseTerms([statement(text)], bundledGlossary()).statements[0]?.features.map((f) => f.key) ?? [];
}

describe('glossary terms', () => {
  it('maps variants, plurals and abbreviations to one concept', () => {
    expect(concepts('SMEs and small and medium-sized enterprises, KMU, PMI and pymes')).toEqual([
      'sme:SMEs',
      'sme:small and medium-sized enterprises',
      'sme:KMU',
      'sme:PMI',
      'sme:pymes',
    ]);
    expect(concepts('Digital Innovation Hubs (DIHs) and the EDIH')).toEqual([
      'dih:Digital Innovation Hubs',
      'dih:DIHs',
      'edih:EDIH',
    ]);
  });

  it('reads the longest term first', () => {
    expect(concepts('Cluster managers and the European Digital Innovation Hub')).toEqual([
      'cluster:Cluster managers',
      'edih:European Digital Innovation Hub',
    ]);
  });

  it('matches national terms with or without accents', () => {
    expect(concepts('the pôle de compétitivité and a pole de competitivite, klastry, distretti industriali')).toEqual([
      'cluster:pôle de compétitivité',
      'cluster:pole de competitivite',
      'cluster:klastry',
      'cluster:distretti industriali',
    ]);
  });

  it('takes acronyms written in capitals only: IT is a concept, it is not', () => {
    expect(concepts('It is an IT project; R&D and ICT')).toEqual(['ict:IT', 'rnd:R&D', 'ict:ICT']);
  });
});

describe('topic features', () => {
  it('leave polarity out: a weakness and a strength on one topic have the same features', () => {
    expect(keys('Lack of skilled staff')).toEqual(keys('A strong pool of skilled staff'.replace('pool of ', '')));
    expect(new Set(keys('Shortage of qualified workers'))).toEqual(
      new Set(keys('Strong base of qualified workers').filter((k) => k !== 'base')),
    );
  });

  it('read topic words as their group, so different words for one topic meet', () => {
    expect(keys('companies cannot find staff')).toEqual(keys('firms cannot find workers'));
  });

  it("drop the country's name and the proper names one partner repeats, not the words of partner names", () => {
    const czech = 'Czech Republic – national economy (investor profile)';
    const list = [
      statement('Strong economy and a stable business environment', czech, 'CZ'),
      statement('Government support for investors in the Moravian region', czech, 'CZ'),
      statement('Universities in the Moravian capital train engineers', czech, 'CZ'),
      statement('Moravian exporters depend on the German car industry', czech, 'CZ'),
      statement('Young talent leaves for Vienna and the Czech Republic', 'Upper Mur Valley', 'AT'),
    ];
    const features = analyseTerms(list, bundledGlossary()).statements.map((s) => s.features.map((f) => f.key));
    // General words of the partner's name are topic words like any other.
    expect(features[0]).toEqual(expect.arrayContaining(['economy', 'environment']));
    expect(features[1]).toEqual(expect.arrayContaining(['government']));
    // "Moravian": written as a name, three times, by one partner only — who wrote it, not what about.
    expect(features.flat()).not.toContain('moravian');
    // A name written once (Vienna) stays.
    expect(features[4]).toContain('vienna');
    expect(
      ownNames(
        list,
        list.map((s) => tokenize(s.text)),
      ),
    ).toEqual(new Set(['austria', 'czechia', 'moravian']));
  });

  it('do not depend on how the partners are named', () => {
    const list = [
      statement('Styria has a strong automotive cluster', 'Styria – economy and labour'),
      statement('Styrian firms export machinery', 'Styria – economy and labour'),
      statement('Few engineers in Styria and Carinthia', 'Styria – economy and labour'),
      statement('Carinthia lacks engineers', 'Carinthia'),
    ];
    const coded = list.map((s, i) => ({ ...s, partner: i < 3 ? 'P1' : 'P2' }));
    expect(analyseTerms(coded, bundledGlossary()).statements).toEqual(analyseTerms(list, bundledGlossary()).statements);
  });

  it('are the same however often and in whatever order statements are normalised', () => {
    const list = [
      'Lack of ICT specialists in SMEs',
      'EDIH as a one-stop-shop',
      'Cluster policy is part of the RIS3',
    ].map((t) => statement(t));
    const once = analyseTerms(list, bundledGlossary());
    expect(analyseTerms(list, bundledGlossary())).toEqual(once);
    const reversed = analyseTerms([...list].reverse(), bundledGlossary());
    expect(reversed.statements).toEqual([...once.statements].reverse());
    expect(new Set(reversed.occurrences)).toEqual(new Set(once.occurrences));
  });
});
