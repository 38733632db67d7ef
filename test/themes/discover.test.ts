import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { startBackground as startHere } from '../../src/runtime/index.js';
import { HERE } from '../../src/themes/index.js';
import { themeSettings } from '../../src/config/index.js';
import { readInputs } from '../../src/read/index.js';
import { represent, type Vector } from '../../src/represent/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import { packSample, type Score, trialOf, tryCandidate } from '../../src/themes/discover.js';
import { sharedCounter, takeFromQueue } from '../../src/runtime/queue.js';
import { findThemes } from '../../src/themes/index.js';

const settings = themeSettings();
const statements = (await readInputs(['data/sample/inno-industry-swot.csv'])).statements;
const normalised = analyseTerms(statements, bundledGlossary()).statements;
const representation = represent(normalised, { semantic: settings.semantic });
const points = representation.vectors.filter((v: Vector) => v.index.length > 0);
const ks = [2, 5, 8, 11, 14, 17, 20, 23, 26, 29];
const byK = (scores: readonly Score[]): Score[] => [...scores].sort((a, b) => a.k - b.k);
const scoreOn =
  (trial: ReturnType<typeof trialOf>) =>
  (k: number): Score => ({ k, silhouette: tryCandidate(trial, k).silhouette });

describe('candidate numbers of themes', () => {
  const sample = packSample(points, false);
  const alone = byK(ks.map(scoreOn(trialOf(sample))));

  it('are each taken once off the shared counter, until it runs out', () => {
    expect(alone.map((s) => s.k)).toEqual(ks);
    expect(alone.every((s) => s.silhouette > -1 && s.silhouette < 1)).toBe(true);
    const counter = sharedCounter();
    expect(byK(takeFromQueue(ks, counter, scoreOn(trialOf(sample))))).toEqual(alone);
    expect(takeFromQueue(ks, counter, scoreOn(trialOf(sample)))).toEqual([]);
  });

  it('are all tried on this thread when the helper scores some wrongly or fails', async () => {
    const glossary = bundledGlossary();
    const input = { statements, normalised, representation };
    // Scores nothing and fails; or returns a score for a candidate it was not asked for.
    const failing = { ...HERE, candidates: () => Promise.reject(new Error('the helper stopped')) };
    const stray = { ...HERE, candidates: async () => [{ k: 999, silhouette: 1 }] };
    const helped = await findThemes(input, { settings, glossary, helper: failing });
    expect(await findThemes(input, { settings, glossary, helper: stray })).toEqual(helped);
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
        // Once the worker has loaded (its first answer), it takes a share of the candidates.
        await background.label([], []);
        const shared = packSample(points, false, background.memory);
        expect(shared.sims.buffer).toBeInstanceOf(SharedArrayBuffer);
        // This thread is slow on purpose, so that the worker takes some.
        let here = 0;
        const slowly = (k: number): Score => {
          here++;
          const until = Date.now() + 150;
          while (Date.now() < until);
          return scoreOn(trialOf(shared))(k);
        };
        expect(byK(await background.candidates(shared, ks, slowly))).toEqual(alone);
        expect(here).toBeLessThan(ks.length);
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
