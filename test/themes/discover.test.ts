import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { startBackground as startHere } from '../../src/runtime/index.js';
import { HERE } from '../../src/themes/index.js';
import { ThemeSettings } from '../../src/config/index.js';
import { readInputs } from '../../src/read/index.js';
import { represent, type Vector } from '../../src/represent/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import { shareSample, takeCandidates, trialOf, type CandidateHelper, type Score } from '../../src/themes/discover.js';
import { findThemes } from '../../src/themes/index.js';

const settings = ThemeSettings.parse({});
const statements = (await readInputs(['data/sample/inno-industry-swot.csv'])).statements;
const normalised = analyseTerms(statements, bundledGlossary()).statements;
const representation = represent(normalised, { semantic: settings.semantic });
const points = representation.vectors.filter((v: Vector) => v.index.length > 0);
const ks = [2, 5, 8, 11, 14, 17, 20, 23, 26, 29];
const byK = (scores: readonly Score[]): Score[] => [...scores].sort((a, b) => a.k - b.k);
const queue = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));

describe('candidate numbers of themes', () => {
  const sample = shareSample(0, points, false);
  const alone = byK(takeCandidates(trialOf(sample), ks, queue()));

  it('are each tried once, until the shared counter runs out', () => {
    expect(alone.map((s) => s.k)).toEqual(ks);
    expect(alone.every((s) => s.silhouette > -1 && s.silhouette < 1)).toBe(true);
    const spent = queue();
    Atomics.store(spent, 0, ks.length);
    expect(takeCandidates(trialOf(sample), ks, spent)).toEqual([]);
  });

  it('are all tried on this thread when the helper takes some and then fails', async () => {
    const glossary = bundledGlossary();
    // Takes three candidates off the counter, tries none, and fails.
    const failing: CandidateHelper = (_sample, _candidates, shared) => {
      for (let i = 0; i < 3; i++) Atomics.add(shared, 0, 1);
      return Promise.reject(new Error('the helper stopped'));
    };
    const input = { statements, normalised, representation };
    const helped = await findThemes(input, { settings, glossary, helper: { ...HERE, candidates: failing } });
    const alone = await findThemes(input, { settings, glossary, helper: HERE });
    expect(helped).toEqual(alone);
    expect(helped.selection.length).toBeGreaterThan(3);
  });

  // The worker runs from the build (npm test builds first); the sources run in this thread.
  const built = new URL('../../dist/runtime/index.js', import.meta.url);
  it.skipIf(!existsSync(built))(
    'score the same on the worker, alone or sharing the work with this thread',
    async () => {
      const { startBackground } = (await import(built.href)) as { startBackground: typeof startHere };
      const background = startBackground();
      try {
        expect(byK(await background.candidates(sample, ks, queue()))).toEqual(alone);
        const shared = queue();
        const helping = background.candidates(sample, ks, shared);
        const mine = takeCandidates(trialOf(sample), ks, shared);
        expect(byK([...mine, ...(await helping)])).toEqual(alone);
      } finally {
        await background.close();
      }
    },
  );

  it.skipIf(!existsSync(built))('give the same themes with the worker’s help as without', async () => {
    const { startBackground } = (await import(built.href)) as { startBackground: typeof startHere };
    const background = startBackground();
    try {
      // Once the worker has loaded (its first answer), it takes a share of the candidates.
      await background.label([], []);
      const glossary = bundledGlossary();
      const input = { statements, normalised, representation };
      const helped = await findThemes(input, { settings, glossary, helper: background });
      const alone = await findThemes(input, { settings, glossary, helper: HERE });
      expect(helped).toEqual(alone);
    } finally {
      await background.close();
    }
  });
});
