import { describe, expect, it } from 'vitest';
import { analyseTerms, bundledGlossary, findTerms, partnerWords, tokenize } from '../../src/terms/index.js';
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

  it('drop the words that name the partner or its country', () => {
    const s = statement('Young talent leaves Upper Mur Valley for Vienna and Austria', 'Upper Mur Valley', 'AT');
    const exclude = partnerWords([s]);
    expect(exclude).toEqual(new Set(['upper', 'mur', 'valley', 'austria']));
    expect(analyseTerms([s], bundledGlossary()).statements[0]?.features.map((f) => f.key)).toEqual([
      'young',
      '#workforce',
      '#brain_drain',
      'vienna',
    ]);
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
