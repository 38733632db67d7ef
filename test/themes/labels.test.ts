import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBackground as startHere } from '../../src/runtime/index.js';
import { labelHere } from '../../src/themes/index.js';
import { checkLanguages, detectLanguages } from '../../src/read/index.js';
import { labelThemes, nounPhrases, parsePhrases, type LabelRequest } from '../../src/themes/label.js';
import { labelCoverage } from '../../src/themes/words.js';
import type { Statement } from '../../src/model/index.js';

const REQUESTS: LabelRequest[] = [
  {
    texts: [
      'Cyber attacks on small manufacturers that have no IT security staff.',
      'SMEs underestimate cyber security risks',
      'Ransomware attacks on suppliers of the automotive cluster?',
      'Few SMEs have an IT security officer;\nmost rely on external support',
    ],
    keywords: [
      { words: ['cyber', 'attack', 'attacks'], weight: 0.6 },
      { words: ['security'], weight: 0.5 },
      { words: ['ransomware'], weight: 0.3 },
    ],
    fallback: ['cyber', 'security'],
  },
  {
    texts: [
      'Lack of skilled staff in mechanical engineering',
      'Companies cannot find skilled staff',
      'Brain drain of young engineers to Vienna',
    ],
    keywords: [
      { words: ['staff'], weight: 0.7 },
      { words: ['skilled'], weight: 0.4 },
      { words: ['engineer', 'engineers'], weight: 0.3 },
    ],
    fallback: ['staff', 'skilled'],
  },
  { texts: ['Very good!'], keywords: [{ words: ['broadband'], weight: 0.5 }], fallback: ['broadband', 'coverage'] },
];

describe('theme labels', () => {
  it('finds the same noun phrases in one parse of all texts as in one parse per text', () => {
    const texts = REQUESTS.flatMap((r) => r.texts);
    const together = nounPhrases(texts);
    expect(together).toEqual(texts.map((t) => nounPhrases([t])[0]));
    // Sentence-final punctuation is not part of a phrase; a text over two lines stays one text.
    expect(together[0]).toContain('IT security staff');
    expect(together[3]?.join(' | ')).toMatch(/external support/);
  });

  it('gives a text the same noun phrases whichever texts it is parsed with', () => {
    const texts = REQUESTS.flatMap((r) => r.texts);
    const together = new Map<string, string[]>();
    parsePhrases(texts, together);
    const apart = new Map<string, string[]>();
    parsePhrases(texts.slice(3), apart);
    parsePhrases(texts.slice(0, 5), apart);
    expect(apart).toEqual(together);
    expect(together.get('SMEs underestimate cyber security risks')).toContain('cyber security risks');
  });

  it('labels each theme with a phrase its texts share (here part of a longer one), or its keywords', () => {
    expect(labelThemes(REQUESTS, ['strong', 'lack'])).toEqual([
      'Cyber security',
      'Skilled staff',
      'Broadband and coverage',
    ]);
  });
});

describe('a label from the whole theme', () => {
  const request: LabelRequest = {
    texts: [
      'Transformation of the automotive supply chain puts suppliers at risk',
      'Companies cannot find skilled staff',
      'Lack of skilled staff in metal working',
      'Skilled staff leave for the capital',
      'Few skilled staff in small firms',
    ],
    // The odd statement's words weigh most: a label from the best-scoring statement would name it.
    keywords: [
      { words: ['automotive'], weight: 0.9 },
      { words: ['supply', 'chain'], weight: 0.8 },
      { words: ['staff'], weight: 0.6 },
      { words: ['skilled'], weight: 0.5 },
    ],
    fallback: ['automotive', 'staff'],
  };

  it('names what most of its statements share, not the phrase of one of them', () => {
    expect(labelThemes([request], ['lack'])).toEqual(['Skilled staff']);
  });

  it('names a theme no phrase names by the keywords two or more of its statements carry', () => {
    const nearness: LabelRequest = {
      texts: [
        'Being geographically close to the capital',
        'The town lies close to a deep-water port',
        'Situated close to the metro region',
      ],
      keywords: [
        { words: ['close'], weight: 0.9 },
        { words: ['lie', 'lies'], weight: 0.5 },
      ],
      fallback: ['close', 'lies'],
    };
    // "lies" is one statement's word: "Close and lies" would name the theme by it.
    expect(labelThemes([nearness], [])).toEqual(['Close']);
  });

  it("drops a possessive's s and single letters from a label", () => {
    const possessive: LabelRequest = {
      texts: [
        "Barrow's industrial heritage in shipbuilding.",
        "The town's industrial heritage attracts visitors.",
        "Walney's industrial heritage sites are neglected.",
      ],
      keywords: [
        { words: ['industrial'], weight: 0.9 },
        { words: ['heritage'], weight: 0.8 },
      ],
      fallback: ['industrial', 'heritage'],
    };
    expect(labelThemes([possessive], [])).toEqual(['Industrial heritage']);
  });

  it('says how many of its statements carry a word of the label', () => {
    expect(labelCoverage('Skilled staff', request.texts, new Set())).toBe(0.8);
    expect(labelCoverage('Automotive supply chains', request.texts, new Set())).toBe(0.2);
    // Joining words and ignored words cover nothing.
    expect(labelCoverage('Lack of automotive', request.texts, new Set(['lack']))).toBe(0.2);
  });
});

describe('the background thread', () => {
  // The worker runs from the build (npm test builds first); the sources run in this thread.
  const built = new URL('../../dist/runtime/index.js', import.meta.url);
  const statements: Statement[] = [
    'Die Breitbandversorgung im ländlichen Raum ist lückenhaft und langsam',
    'Strong automotive cluster with many suppliers in the region',
    'Les entreprises manquent de personnel qualifié dans le numérique',
  ].map((text, i) => ({
    id: `s${i}`,
    source: 'x.csv',
    line: i + 2,
    partner: 'P',
    country: 'AT',
    quadrant: 'W',
    dimension: '',
    text,
  }));

  it.skipIf(!existsSync(built))('gives the same labels and languages on its worker as in this thread', async () => {
    const { startBackground } = (await import(built.href)) as { startBackground: typeof startHere };
    const background = startBackground();
    try {
      // Some texts parsed ahead, the others when asked: the labels of one parse in this thread.
      background.prepareLabels(REQUESTS.slice(0, 2).flatMap((r) => r.texts));
      expect(await background.label(REQUESTS, ['strong', 'lack'])).toEqual(
        await labelHere(REQUESTS, ['strong', 'lack']),
      );
      const texts = statements.map((s) => s.text);
      expect(await background.detectLanguages(texts)).toEqual(await detectLanguages(texts));
      expect(
        (await checkLanguages(statements, background.detectLanguages)).map((w) => [
          w.place.line,
          w.message.split(',')[0],
        ]),
      ).toEqual([
        [2, 'the statement looks German'],
        [4, 'the statement looks French'],
      ]);
    } finally {
      await background.close();
      await background.close();
    }
  });

  it.skipIf(!existsSync(built))(
    'is taken by the run when started early, and keeps no process alive when not taken',
    async () => {
      const module = (await import(built.href)) as {
        startBackground: typeof startHere;
        startBackgroundEarly: () => void;
      };
      module.startBackgroundEarly();
      const background = module.startBackground();
      try {
        expect(await background.label(REQUESTS.slice(1, 2), [])).toEqual(['Skilled staff']);
      } finally {
        await background.close();
      }
      // A process that starts the thread early and never runs the pipeline ends at once.
      const started = Date.now();
      const child = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `(await import(${JSON.stringify(built.href)})).startBackgroundEarly();`],
        { timeout: 20_000 },
      );
      expect(child.status).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    },
  );

  it('works in this thread when there is no built worker', async () => {
    const background = startHere();
    expect(await background.label(REQUESTS.slice(1, 2), [])).toEqual(['Skilled staff']);
    await background.close();
  });
});
