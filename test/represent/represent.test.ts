import { describe, expect, it } from 'vitest';
import { dotVectors, represent } from '../../src/represent/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import { cutTree, wardMerges } from '../../src/themes/ward.js';
import type { Statement } from '../../src/model/index.js';

function statements(texts: readonly string[]): Statement[] {
  return texts.map((text, i) => ({
    id: `r${i}`,
    source: 'x.csv',
    line: i + 2,
    partner: `P${i}`,
    country: 'AT',
    quadrant: 'S',
    dimension: '',
    text,
  }));
}

function vectorsOf(texts: readonly string[], semantic = 0.15): ReturnType<typeof represent> {
  return represent(analyseTerms(statements(texts), bundledGlossary()).statements, { semantic });
}

const TEXTS = [
  'Firms struggle to hire engineers',
  'Companies cannot recruit technicians',
  'Slow internet in mountain villages',
  'Poor mobile coverage in rural areas',
  'Ransomware attacks on small manufacturers',
  'Lack of skilled staff',
  'Plenty of skilled staff',
];

describe('represent', () => {
  const rep = vectorsOf(TEXTS);
  const sim = (a: number, b: number): number => dotVectors(rep.vectors[a] as never, rep.vectors[b] as never);

  it('gives unit vectors', () => {
    for (const v of rep.vectors) expect(dotVectors(v, v)).toBeCloseTo(1, 5);
  });

  it('leaves polarity out: a weakness and a strength on one topic have the same vector', () => {
    expect(sim(5, 6)).toBeCloseTo(1, 5);
  });

  it('brings statements on one topic in other words closer than statements on other topics', () => {
    expect(sim(0, 1)).toBeGreaterThan(sim(0, 2));
    expect(sim(0, 1)).toBeGreaterThan(sim(0, 4));
    expect(sim(2, 3)).toBeGreaterThan(sim(2, 4));
  });

  it('with no semantic share, only shared words count', () => {
    const lexical = vectorsOf(TEXTS, 0);
    expect(dotVectors(lexical.vectors[2] as never, lexical.vectors[3] as never)).toBe(0);
  });

  it('does not depend on the order of the statements', () => {
    const reversed = represent(analyseTerms(statements(TEXTS).reverse(), bundledGlossary()).statements, {
      semantic: 0.15,
    });
    expect([...reversed.vectors].reverse()).toEqual(rep.vectors);
  });
});

describe("Ward's tree", () => {
  // Two tight pairs far apart, and one point between them.
  const points = [[0], [0.1], [10], [10.2], [5]];
  const merges = wardMerges(points.length, (i, j) => ((points[i]?.[0] ?? 0) - (points[j]?.[0] ?? 0)) ** 2);

  it('merges the closest first and grows monotonically', () => {
    expect(merges[0]).toMatchObject({ a: 0, b: 1 });
    expect(merges[1]).toMatchObject({ a: 2, b: 3 });
    for (let i = 1; i < merges.length; i++)
      expect((merges[i] as { cost: number }).cost).toBeGreaterThanOrEqual((merges[i - 1] as { cost: number }).cost);
  });

  it('cuts into k clusters', () => {
    expect([...cutTree(points.length, merges, 2)].filter((l, i, all) => all.indexOf(l) === i)).toHaveLength(2);
    const three = cutTree(points.length, merges, 3);
    expect(three[0]).toBe(three[1]);
    expect(three[2]).toBe(three[3]);
    expect(new Set([three[0], three[2], three[4]]).size).toBe(3);
  });
});
