/** Theme labels a person would write: the noun phrase of the representative statements that best covers the theme's keywords. */
import nlp from 'compromise';
import { foldText } from '../model/index.js';
import { byCodePoint } from '../order.js';

const LEADING = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'our',
  'their',
  'its',
  'his',
  'her',
  'some',
  'any',
  'no',
  'over',
  'about',
  'all',
  'each',
  'every',
]);

/** A label reads best as two or three words: "Skilled staff", not "Staff" or a whole clause. */
const LENGTH_PREFERENCE: Record<number, number> = { 1: 0.6, 2: 1, 3: 1, 4: 0.85 };

export interface KeywordWeight {
  /** Folded words that count for this keyword (lemma and surface forms). */
  words: string[];
  weight: number;
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * Picks a 1–4 word noun phrase from the noun phrases of the theme's texts (one list per text),
 * scored by the keyword weight it covers and by how many texts it occurs in; falls back to the
 * top keywords. `ignored` words (evaluative, generic) are stripped from the phrase edges so
 * "Strong automotive cluster" gives "automotive cluster".
 */
export function labelTheme(
  nounsByText: readonly (readonly string[])[],
  keywords: readonly KeywordWeight[],
  ignored: ReadonlySet<string>,
  fallback: readonly string[],
): string {
  const weightOf = new Map<string, number>();
  for (const k of keywords) for (const w of k.words) weightOf.set(w, Math.max(weightOf.get(w) ?? 0, k.weight));
  const phrases = new Map<string, { text: string; score: number; count: number }>();
  for (const nouns of nounsByText) {
    const seenHere = new Set<string>();
    for (const phrase of nouns) {
      const words = phrase
        .replace(/[^\p{L}\p{N}&.\- ]/gu, ' ')
        .split(/\s+/)
        .filter(Boolean);
      while (words.length > 0 && isEdgeWord(words[0] as string)) words.shift();
      while (words.length > 0 && isEdgeWord(words[words.length - 1] as string)) words.pop();
      if (words.length === 0 || words.length > 4) continue;
      const key = words.map((w) => singular(foldText(w))).join(' ');
      let score = 0;
      for (const w of words) score += weightOf.get(foldText(w)) ?? weightOf.get(singular(foldText(w))) ?? 0;
      if (score === 0) continue;
      const entry = phrases.get(key) ?? { text: words.join(' '), score, count: 0 };
      if (!seenHere.has(key)) entry.count++;
      seenHere.add(key);
      phrases.set(key, entry);
    }
  }
  let best: { text: string; value: number; length: number } | undefined;
  for (const [key, p] of [...phrases].sort(([a], [b]) => byCodePoint(a, b))) {
    const length = key.split(' ').length;
    const value = p.score * (1 + 0.5 * Math.log(p.count)) * (LENGTH_PREFERENCE[length] ?? 0.7);
    if (!best || value > best.value + 1e-9) best = { text: p.text, value, length };
  }
  const label = best ? best.text : fallback.slice(0, 2).join(' and ');
  return sentenceCase(label);

  function isEdgeWord(word: string): boolean {
    const f = foldText(word);
    return (
      LEADING.has(f) ||
      ignored.has(f) ||
      ignored.has(singular(f)) ||
      /^\d/.test(f) ||
      f === 'and' ||
      f === 'of' ||
      f === 'for' ||
      f === 'in'
    );
  }
}

/** What a theme's label is made from: its most representative statements and its keywords. */
export interface LabelRequest {
  texts: string[];
  keywords: KeywordWeight[];
  /** Words to use when no noun phrase covers a keyword. */
  fallback: string[];
}

/**
 * A label for each request; `ignored` as for labelTheme. `parsed` holds texts whose noun phrases
 * are known (see parsePhrases); the others are parsed here, together.
 */
export function labelThemes(
  requests: readonly LabelRequest[],
  ignored: readonly string[],
  parsed = new Map<string, string[]>(),
): string[] {
  const words = new Set(ignored);
  parsePhrases(
    requests.flatMap((r) => r.texts),
    parsed,
  );
  return requests.map((r) =>
    labelTheme(
      r.texts.map((t) => parsed.get(t) ?? []),
      r.keywords,
      words,
      r.fallback,
    ),
  );
}

/**
 * The noun phrases of the texts not in `parsed` yet, into it: a second thread parses the texts
 * it will be asked to label while the first finds their keywords. A text's phrases do not depend
 * on the texts parsed with it (checked on 11,000 short texts), so parsing early changes nothing.
 */
export function parsePhrases(texts: readonly string[], parsed: Map<string, string[]>): void {
  const missing = [...new Set(texts.filter((t) => !parsed.has(t)))];
  nounPhrases(missing).forEach((phrases, i) => parsed.set(missing[i] as string, phrases));
}

/**
 * The noun phrases of each text, without the punctuation that ends a sentence. compromise's
 * cost is mostly per document, so the texts are parsed as one, a line each, and each phrase goes
 * back to the text its sentence starts in; if the sentences do not line up with the texts, each
 * text is parsed alone.
 */
export function nounPhrases(texts: readonly string[]): string[][] {
  const out = texts.map((): string[] => []);
  if (texts.length === 0) return out;
  const doc = nlp(texts.join('\n'));
  const starts = new Map<number, number>();
  let at = 0;
  texts.forEach((t, i) => {
    starts.set(at, i);
    at += t.length + 1;
  });
  at = 0;
  let current = -1;
  const textOf = (doc.document as { pre: string; text: string; post: string }[][]).map((sentence) => {
    current = starts.get(at) ?? current;
    for (const term of sentence) at += term.pre.length + term.text.length + term.post.length;
    return current;
  });
  const aligned = at === texts.join('\n').length && new Set(textOf).size === texts.length && textOf[0] === 0;
  if (!aligned) {
    texts.forEach((t, i) =>
      nlp(t)
        .nouns()
        .forEach((match) => out[i]?.push(match.text())),
    );
    return out;
  }
  doc.nouns().forEach((match) => {
    const sentence = (match.fullPointer as number[][])[0]?.[0] ?? 0;
    out[textOf[sentence] ?? 0]?.push(match.text());
  });
  return out;
}

/** Loads compromise's lexicon, which its first parse does: a worker does this before it is asked. */
export function warmUp(): void {
  nlp('Skilled staff in the regional innovation system').nouns().out('array');
}

/** First letter up, the rest as written (acronyms stay), whitespace tidied. */
export function sentenceCase(text: string): string {
  const tidy = text
    .replace(/\s+/g, ' ')
    .replace(/\s*\.$/, '')
    .trim();
  return tidy.charAt(0).toUpperCase() + tidy.slice(1);
}
