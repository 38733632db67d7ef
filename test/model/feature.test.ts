import { describe, expect, it } from 'vitest';
import { decodeFeature, encodeFeature, type FeatureKey, isWordFeature } from '../../src/model/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';

describe('feature keys', () => {
  it('decode what they encode, for every kind', () => {
    const keys: FeatureKey[] = [
      { kind: 'concept', concept: 'cluster', sense: 'organisation' },
      { kind: 'concept', concept: 'edih' },
      { kind: 'group', group: 'workforce' },
      { kind: 'word', lemma: 'broadband' },
    ];
    for (const key of keys) expect(decodeFeature(encodeFeature(key))).toEqual(key);
    expect(keys.map((k) => isWordFeature(encodeFeature(k)))).toEqual([false, false, false, true]);
  });

  it('encode every feature the terms step finds the same way it decodes', () => {
    const statements = [
      {
        id: 'a',
        source: 'x.csv',
        line: 2,
        partner: 'A',
        country: 'AT',
        quadrant: 'S' as const,
        dimension: '',
        text: 'The cluster manager runs matchmaking events for member SMEs',
      },
      {
        id: 'b',
        source: 'x.csv',
        line: 3,
        partner: 'A',
        country: 'AT',
        quadrant: 'W' as const,
        dimension: '',
        text: 'Lack of skilled staff and weak broadband',
      },
    ];
    const analysis = analyseTerms(statements, bundledGlossary());
    const keys = analysis.statements.flatMap((s) => s.features.map((f) => f.key));
    expect(keys.length).toBeGreaterThan(4);
    for (const key of keys) expect(encodeFeature(decodeFeature(key))).toBe(key);
    expect(keys.map((k) => decodeFeature(k).kind)).toEqual(expect.arrayContaining(['concept', 'group', 'word']));
  });
});
