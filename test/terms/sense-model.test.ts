import { describe, expect, it } from 'vitest';
import {
  describeFeature,
  fitTemperature,
  predictSense,
  SenseModelFile,
  senseFeatures,
  trainSenseModel,
} from '../../src/terms/sense-model.js';
import { bundledGlossary, bundledSenseModels, findTerms, tokenize } from '../../src/terms/index.js';
import { modelJson } from '../../scripts/train-senses.js';

const concept = bundledGlossary().concepts.get('cluster');
if (!concept) throw new Error('the bundled glossary has no cluster');

/** Sentences written here, each with the sense its wording shows. */
const SENTENCES: [string, string][] = [
  ['The cluster welcomed twelve new member companies this spring.', 'organisation'],
  ['Members of the cluster pay a yearly fee for its services.', 'organisation'],
  ['The cluster office runs matchmaking events for its members.', 'organisation'],
  ['Furniture makers and their suppliers form a dense cluster around the valley.', 'agglomeration'],
  ['The cluster employs eight thousand people in small workshops located near the river.', 'agglomeration'],
  ['Firms located in the cluster share suppliers and a trained workforce.', 'agglomeration'],
  ['The ministry launched a support scheme for clusters with a budget for five years.', 'policy'],
  ['Funding for clusters comes from the regional programme and its calls.', 'policy'],
  ['The new law sets the criteria of the national programme for clusters.', 'policy'],
  ['The jobs run on a cluster of servers with many GPU nodes.', 'other'],
  ['The algorithm groups the regions into a cluster by their statistics.', 'other'],
  ['Each node of the cluster stores a copy of the data.', 'other'],
];

function examples() {
  return SENTENCES.map(([text, sense]) => {
    const tokens = tokenize(text);
    const match = findTerms(tokens, bundledGlossary()).find((m) => m.concept === 'cluster');
    if (!match) throw new Error(`no cluster in "${text}"`);
    return { features: senseFeatures(tokens, match, concept as NonNullable<typeof concept>), sense };
  });
}

describe('the sense model', () => {
  const senses = ['agglomeration', 'organisation', 'ecosystem', 'policy', 'other'];

  it('trains deterministically: the same examples give the same bytes', () => {
    const a = modelJson(trainSenseModel('cluster', senses, examples()));
    const b = modelJson(trainSenseModel('cluster', senses, examples()));
    expect(a).toBe(b);
    // What is written reads back under the file's schema.
    expect(SenseModelFile.safeParse(JSON.parse(a)).success).toBe(true);
  });

  it('learns the senses its examples show, and names the features that decided', () => {
    const model = trainSenseModel('cluster', senses, examples());
    const read = (text: string) => {
      const tokens = tokenize(text);
      const match = findTerms(tokens, bundledGlossary()).find((m) => m.concept === 'cluster');
      if (!match) throw new Error('no match');
      return predictSense(model, senseFeatures(tokens, match, concept as NonNullable<typeof concept>));
    };
    const members = read('New member companies joined the cluster and its events.');
    expect(members.ranked[0]?.sense).toBe('organisation');
    expect(members.reasons.join(' ')).toMatch(/member|event|organisation cue words/);
    expect(read('A scheme of the ministry gives funding to clusters.').ranked[0]?.sense).toBe('policy');
    const total = members.ranked.reduce((n, r) => n + r.probability, 0);
    expect(total).toBeCloseTo(1, 9);
  });

  it('counts the kinds of actors a sentence names around the term, from the glossary', () => {
    const features = (text: string): string[] => {
      const tokens = tokenize(text);
      const match = findTerms(tokens, bundledGlossary()).find((m) => m.concept === 'cluster');
      if (!match) throw new Error(`no cluster in "${text}"`);
      return [...senseFeatures(tokens, match, concept as NonNullable<typeof concept>).sparse.keys()].filter((k) =>
        k.startsWith('actors:'),
      );
    };
    // Firms, universities and the city: three kinds; "stakeholders" names actors in general.
    expect(features('Firms, universities and the city work together with other stakeholders in the cluster.')).toEqual([
      'actors:2+',
      'actors:3+',
      'actors:general',
    ]);
    expect(features('The cluster brings start-ups and researchers together.')).toEqual([]);
    expect(features('The cluster brings startups and researchers together.')).toEqual(['actors:2+']);
    // One kind only, however many of its words.
    expect(features('Companies, firms and SMEs of the cluster export more.')).toEqual([]);
    const described = describeFeature('actors:3+');
    expect(described).toBe('3 or more kinds of actors named');
  });

  it('fits a temperature above 1 to overconfident held-out scores, and 1 or less to timid ones', () => {
    // Scores that put 0.99 on the first sense, right only half of the time.
    const overconfident = Array.from({ length: 40 }, (_, i) => ({ scores: [5, 0, 0], truth: i % 2 }));
    expect(fitTemperature(overconfident)).toBeGreaterThan(1.5);
    const timid = Array.from({ length: 40 }, () => ({ scores: [0.4, 0, 0], truth: 0 }));
    expect(fitTemperature(timid)).toBeLessThanOrEqual(1);
  });

  it('ships a model for the glossary senses of "cluster", with its calibration', () => {
    const model = bundledSenseModels().get('cluster');
    expect(model?.senses.slice().sort()).toEqual(concept.senses.map((s) => s.name).sort());
    expect(model?.temperature).toBeGreaterThan(0);
    expect(model?.threshold).toBeGreaterThan(0.2);
    expect(model?.threshold).toBeLessThan(1);
    expect(Object.keys(model?.weights ?? {}).length).toBeGreaterThan(1000);
    expect(model?.trainedOn).toMatch(/labelled sentences from \d+ web sites/);
  });
});
