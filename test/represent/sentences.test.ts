import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveSettings, themeSettings } from '../../src/config/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import { dotVectors, meaningsByText, represent, sentenceMeanings, withoutNames } from '../../src/represent/index.js';
import type { Statement } from '../../src/model/index.js';
import { applyEdits, codebookText, findThemes, ONE_THEME } from '../../src/themes/index.js';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, d) => s + v * (b[d] as number), 0);

// Pairs on one topic that share no topic word, and statements on other topics.
const TEXTS = [
  'Young graduates leave the region to work in the capital',
  'Brain drain: talented people move abroad after university',
  'Broadband coverage in rural villages is poor',
  'Slow internet connections outside the towns',
  'Ransomware attacks on small manufacturers',
];

function statements(texts: readonly string[]): Statement[] {
  return texts.map((text, i) => ({
    id: `s${i}`,
    source: 'x.csv',
    line: i + 2,
    partner: `P${i}`,
    country: 'AT',
    quadrant: 'W',
    dimension: '',
    text,
  }));
}

describe('meaning read from whole sentences', () => {
  it('brings statements on one topic in other words closer than statements on other topics', async () => {
    const m = await sentenceMeanings(TEXTS);
    for (const v of m) expect(cos(v, v)).toBeCloseTo(1, 5);
    expect(cos(m[0] as Float32Array, m[1] as Float32Array)).toBeGreaterThan(
      cos(m[0] as Float32Array, m[2] as Float32Array),
    );
    expect(cos(m[0] as Float32Array, m[1] as Float32Array)).toBeGreaterThan(
      cos(m[0] as Float32Array, m[4] as Float32Array),
    );
    expect(cos(m[2] as Float32Array, m[3] as Float32Array)).toBeGreaterThan(
      cos(m[2] as Float32Array, m[4] as Float32Array),
    );
  });

  it('reads a text the same alone as among others, whatever their order: the same bits', async () => {
    const together = await sentenceMeanings([...TEXTS].reverse());
    const alone = await sentenceMeanings([TEXTS[1] as string]);
    expect(Buffer.from((alone[0] as Float32Array).buffer)).toEqual(Buffer.from((together[3] as Float32Array).buffer));
  });

  // The worker runs from the build (npm test builds first); the sources run in this thread.
  const built = new URL('../../dist/runtime/index.js', import.meta.url);
  it.skipIf(!existsSync(built))('reads the same bits on the second thread as on this one', async () => {
    const { startBackground } = (await import(built.href)) as typeof import('../../src/runtime/index.js');
    const background = startBackground();
    try {
      const there = await background.readMeanings(TEXTS);
      const here = await sentenceMeanings(TEXTS);
      expect(there.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength))).toEqual(
        here.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
      );
    } finally {
      await background.close();
    }
  });

  it('takes the place of the word vectors when the run asks for it, and reaches pairs that share no word', async () => {
    const normalised = analyseTerms(statements(TEXTS), bundledGlossary()).statements;
    const meanings = await sentenceMeanings(TEXTS);
    const sentences = represent(normalised, {
      semantic: 0.3,
      sentences: { texts: TEXTS, meanings: new Map(TEXTS.map((t, i) => [t, meanings[i] as Float32Array])) },
    });
    const words = represent(normalised, { semantic: 0.3 });
    const sim = (r: typeof words, a: number, b: number): number =>
      dotVectors(r.vectors[a] as never, r.vectors[b] as never);
    expect(sim(sentences, 0, 1)).toBeGreaterThan(sim(sentences, 0, 2));
    expect(sim(sentences, 0, 1)).not.toBe(sim(words, 0, 1));
    for (const v of sentences.vectors) expect(dotVectors(v, v)).toBeCloseTo(1, 5);
  });

  it("reads a statement without the words that say who wrote it (its partner's places and organisations)", () => {
    const names = new Set(['styria', 'graz', 'austria']);
    expect(withoutNames("Styria's car suppliers around Graz cooperate closely.", names)).toBe(
      'car suppliers around cooperate closely.',
    );
    expect(withoutNames('Few engineers stay in Austria, says the AGRAZ report', names)).toBe(
      'Few engineers stay in, says the AGRAZ report',
    );
    expect(withoutNames('Nothing to leave out', new Set())).toBe('Nothing to leave out');
  });

  it('keys each meaning by the text as the themes step knows it, each reading read once', async () => {
    const names = new Set(['styria']);
    const texts = ['Styria lacks engineers', 'lacks engineers', 'Styria'].map((t): [string, string] => [
      t,
      withoutNames(t, names),
    ]);
    const read: string[][] = [];
    const meanings = await meaningsByText(texts, async (readings) => {
      read.push(readings);
      return sentenceMeanings(readings);
    });
    expect(read).toEqual([['lacks engineers']]);
    expect(meanings.get('Styria lacks engineers')).toEqual(meanings.get('lacks engineers'));
    expect(meanings.get('Styria lacks engineers')).toHaveLength(100);
    expect(meanings.has('Styria')).toBe(false);
  });

  it('weighs meaning 0.5 by default when read from sentences, 0.15 from words; a share given is kept', () => {
    expect(resolveSettings(undefined, { input: ['x.csv'] }).themes).toMatchObject({
      meaning: 'words',
      semantic: 0.15,
      assignAt: 0.35,
    });
    expect(
      resolveSettings(undefined, { input: ['x.csv'] }, process.cwd(), { themes: { meaning: 'sentences' } }).themes,
    ).toMatchObject({ meaning: 'sentences', semantic: 0.5, assignAt: 0.4 });
    expect(
      resolveSettings(undefined, { input: ['x.csv'] }, process.cwd(), {
        themes: { meaning: 'sentences', semantic: 0.5 },
      }).themes,
    ).toMatchObject({ meaning: 'sentences', semantic: 0.5 });
  });

  it('lets a codebook theme take a statement that means what it defines without a shared word — only then', async () => {
    const texts = [
      'Young graduates move to the capital once they finish university',
      'Broadband is slow in the mountain villages',
      'Ransomware attacks hit small manufacturers',
      'Hospitals in rural districts lack nurses',
    ];
    const codebook = applyEdits({
      themes: [{ id: 'brain_drain', label: 'Brain drain', description: 'Talented people emigrating abroad.' }],
    });
    // Meanings made by hand: the first statement means what the theme defines, the others each something else.
    const axis = (d: number): Float32Array => Float32Array.from({ length: 100 }, (_, k) => (k === d ? 1 : 0));
    const meanings = new Map([
      ...texts.map((t, i): [string, Float32Array] => [t, axis(i)]),
      [codebookText(codebook.themes[0] as never), axis(0)],
    ]);
    const given = statements(texts);
    const normalised = analyseTerms(given, bundledGlossary()).statements;
    const representation = represent(normalised, { semantic: 0.5, sentences: { texts, meanings } });
    const themeOf = async (meaning: 'words' | 'sentences'): Promise<string | undefined> => {
      const settings = themeSettings({ meaning, semantic: 0.5, minStatements: 2 });
      const set = await findThemes(
        { statements: given, normalised, representation },
        { settings, glossary: bundledGlossary(), codebook, clusterer: ONE_THEME },
      );
      return set.assignments[0]?.themeId;
    };
    // The same vectors: with meaning from sentences the meaning is evidence enough; otherwise a shared word is needed.
    expect(await themeOf('sentences')).toBe('brain_drain');
    expect(await themeOf('words')).toBeUndefined();
  });
});
