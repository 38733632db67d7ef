import { describe, expect, it } from 'vitest';
import { analyseTerms, bundledGlossary, type TermOccurrence } from '../../src/terms/index.js';
import type { Statement } from '../../src/model/index.js';
import { evaluateSenses } from '../../scripts/bench-senses.js';

let next = 0;
function statement(text: string, partner = 'Region A', country = 'AT'): Statement {
  next++;
  return {
    id: `s${String(next).padStart(3, '0')}`,
    source: 'x.csv',
    line: next + 1,
    partner,
    country,
    quadrant: 'S',
    dimension: '',
    text,
  };
}

function clusterSenses(statements: Statement[]): Pick<TermOccurrence, 'surface' | 'sense' | 'cues'>[] {
  return analyseTerms(statements, bundledGlossary())
    .occurrences.filter((o) => o.term === 'cluster')
    .map(({ surface, sense, cues }) => ({ surface, sense, cues }));
}

describe('the sense of "cluster"', () => {
  it('is certain in a fixed phrase', () => {
    expect(
      clusterSenses([
        statement('The cluster manager visits members.'),
        statement('Our cluster policy dates from 1998.'),
        statement('The HPC cluster is full.'),
      ]),
    ).toEqual([
      { surface: 'cluster manager', sense: 'organisation', cues: ['phrase "cluster manager"'] },
      { surface: 'cluster policy', sense: 'policy', cues: ['phrase "cluster policy"'] },
      { surface: 'HPC cluster', sense: 'other', cues: ['phrase "HPC cluster"'] },
    ]);
  });

  it('follows a national term', () => {
    expect(clusterSenses([statement('I distretti industriali del Veneto.', 'Veneto', 'IT')])[0]).toEqual({
      surface: 'distretti industriali',
      sense: 'agglomeration',
      cues: ['national term "distretti industriali"'],
    });
  });

  it('reads "Cluster 4" of Horizon Europe as a numbered programme part', () => {
    expect(clusterSenses([statement('Cluster 4 calls on digital industry.')])[0]?.sense).toBe('other');
  });

  it('weighs cue words around the term', () => {
    expect(
      clusterSenses([statement('Suppliers in the cluster are located within a few kilometres of each other.')])[0],
    ).toEqual({
      surface: 'cluster',
      sense: 'agglomeration',
      cues: ['cue "suppliers"', 'cue "located"'],
    });
    expect(clusterSenses([statement('The cluster organises matchmaking events for its members.')])[0]?.sense).toBe(
      'organisation',
    );
    expect(clusterSenses([statement('The cluster links universities, researchers and start-ups.')])[0]?.sense).toBe(
      'ecosystem',
    );
  });

  it("takes the partner's own usage where the statement shows nothing (one sense per discourse)", () => {
    const partner = 'Tampere';
    const senses = clusterSenses([
      statement('The cluster links universities, researchers and start-ups.', partner, 'PL'),
      statement('The cluster is an ecosystem of talent and investors.', partner, 'PL'),
      statement('The cluster is doing well.', partner, 'PL'),
    ]);
    expect(senses[2]).toEqual({
      surface: 'cluster',
      sense: 'ecosystem',
      cues: ["partner's usage: ecosystem in 2 of 2"],
    });
  });

  it("falls back to the country's usual sense, then to the run's", () => {
    expect(clusterSenses([statement('Our cluster is doing well.', 'Veneto', 'IT')])[0]).toEqual({
      surface: 'cluster',
      sense: 'agglomeration',
      cues: ['usual sense in IT'],
    });
    const run = clusterSenses([
      statement('The cluster manager is new.', 'A', 'BE'),
      statement('Cluster members meet monthly.', 'B', 'BE'),
      statement('The cluster is doing well.', 'C', 'BE'),
    ]);
    expect(run[2]).toEqual({
      surface: 'cluster',
      sense: 'organisation',
      cues: ['usage in this run: organisation in 2 of 2'],
    });
  });

  it('is not found in a trap: an EDIH is not a cluster', () => {
    expect(clusterSenses([statement('The EDIH offers test-before-invest services.')])).toEqual([]);
  });

  it('is right on at least 90% of the gold statements', async () => {
    const scores = await evaluateSenses();
    expect(scores.results.length).toBeGreaterThanOrEqual(150);
    expect(scores.overall).toBeGreaterThanOrEqual(0.9);
    for (const [sense, t] of scores.bySense) expect(t.correct / t.n, sense).toBeGreaterThanOrEqual(0.85);
    // A third of the gold statements have no cue word: the priors carry them.
    expect(scores.byEvidence.get('none')?.n ?? 0).toBeGreaterThanOrEqual(scores.results.length / 3 - 2);
  });
});

describe('the sense rules', () => {
  it('are asked in order, the first that decides wins, and a list without one falls to the next', async () => {
    const { CONTEXT_RULES, PRIOR_RULES, senseInContext } = await import('../../src/terms/senses.js');
    const { tokenize } = await import('../../src/terms/nlp.js');
    expect(CONTEXT_RULES.map((r) => r.name)).toEqual(['phrase', 'national', 'numbered', 'cues']);
    expect(PRIOR_RULES.map((r) => r.name)).toEqual(['partner', 'country', 'run', 'first']);
    const glossary = bundledGlossary();
    const concept = glossary.concepts.get('cluster');
    if (!concept) throw new Error('the bundled glossary has no cluster');
    const text = 'Our cluster manager organises events for member companies';
    const tokens = tokenize(text);
    const { findTerms } = await import('../../src/terms/glossary.js');
    const match = findTerms(tokens, glossary).find((m) => m.concept === 'cluster');
    if (!match) throw new Error('no match');
    expect(senseInContext(tokens, match, concept)).toMatchObject({ sense: 'organisation', confidence: 1 });
    // Without the phrase rule, the cue words around the term decide, less surely.
    const cues = senseInContext(tokens, match, concept, [], CONTEXT_RULES.slice(1));
    expect(cues?.sense).toBe('organisation');
    expect(cues?.confidence).toBeLessThan(1);
    expect(senseInContext(tokens, match, concept, [], [])).toBeUndefined();
  });
});
