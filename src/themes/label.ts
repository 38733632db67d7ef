/** Theme labels a person would write: the noun phrase of the theme's statements whose words most of them carry. */
import nlp from 'compromise';
import { foldText } from '../model/index.js';
import { byCodePoint } from '../order.js';
import { JOINING, LEADING, singular, wordsOf } from './words.js';

/** A label reads best as two or three words: "Skilled staff", not "Staff" or a whole clause. */
const LENGTH_PREFERENCE: Record<number, number> = { 1: 0.5, 2: 1, 3: 1, 4: 0.85 };
/** What a word of a phrase that is not among the theme's keywords counts for, against its heaviest keyword. */
const OTHER_WORD = 0.2;

export interface KeywordWeight {
  /** Folded words that count for this keyword (lemma and surface forms). */
  words: string[];
  weight: number;
}

/**
 * A label from the whole theme: a 1–4 word noun phrase of the theme's texts whose words many of
 * the texts carry — the shares of texts that hold each of its words, each weighted by the word's
 * weight in the theme against its heaviest keyword, added up — preferring two or three words and a phrase several
 * texts use; never a phrase of one text unless each of its words is shared. Without one, the two keywords the
 * most texts carry, each carried by two texts or more (one text's keyword names no theme of several).
 * `ignored` words (evaluative, generic) are stripped from the phrase edges so "Strong automotive
 * cluster" gives "automotive cluster".
 */
export function labelTheme(
  nounsByText: readonly (readonly string[])[],
  keywords: readonly KeywordWeight[],
  ignored: ReadonlySet<string>,
  fallback: readonly string[],
  wordsByText: readonly ReadonlySet<string>[] = [],
): string {
  // Each keyword's weight in the theme relative to the heaviest: a word all themes use weighs little.
  const keyword = new Map<string, number>();
  const heaviest = Math.max(1e-9, ...keywords.map((k) => k.weight));
  for (const k of keywords)
    for (const w of k.words) {
      const key = singular(foldText(w));
      keyword.set(key, Math.max(keyword.get(key) ?? 0, k.weight / heaviest));
    }
  const share = new Map<string, number>();
  const shareOf = (w: string): number => {
    let n = share.get(w);
    if (n === undefined) {
      n = 0;
      for (const have of wordsByText) if (have.has(w)) n++;
      n /= Math.max(1, wordsByText.length);
      share.set(w, n);
    }
    return n;
  };
  const phrases = new Map<string, { text: string; words: string[]; count: number }>();
  for (const nouns of nounsByText) {
    const seenHere = new Set<string>();
    for (const phrase of nouns) {
      // A possessive goes with its apostrophe ("Barrow's industrial past" → "Barrow industrial past").
      const all = phrase
        .replace(/['’]s\b/gu, '')
        .replace(/[^\p{L}\p{N}&.\- ]/gu, ' ')
        .split(/\s+/)
        .filter(Boolean);
      // The phrase and its shorter runs ("cyber security risks" → "cyber security"): what several texts share may be part of a phrase.
      for (let from = 0; from < all.length; from++) {
        for (let to = from + 1; to <= Math.min(all.length, from + 4); to++) {
          const words = all.slice(from, to);
          if (isEdgeWord(words[0] as string) || isEdgeWord(words[words.length - 1] as string)) continue;
          const folded = words.map((w) => singular(foldText(w)));
          const key = folded.join(' ');
          const entry = phrases.get(key) ?? { text: words.join(' '), words: folded, count: 0 };
          if (!seenHere.has(key)) entry.count++;
          seenHere.add(key);
          phrases.set(key, entry);
        }
      }
    }
  }
  let best: { text: string; value: number } | undefined;
  for (const [, p] of [...phrases].sort(([a], [b]) => byCodePoint(a, b))) {
    const content = p.words.filter((w) => !JOINING.has(w));
    // One statement's phrase never names a theme of several: a phrase one text uses only if each of its words is shared.
    const shared = p.count > 1 || content.every((w) => shareOf(w) * wordsByText.length >= 2);
    if (content.length === 0 || !content.some((w) => keyword.has(w)) || (!shared && nounsByText.length > 1)) continue;
    const carried = content.reduce((sum, w) => sum + shareOf(w) * Math.max(keyword.get(w) ?? 0, OTHER_WORD), 0);
    const value = carried * (LENGTH_PREFERENCE[p.words.length] ?? 0.7) * (1 + 0.25 * Math.log(p.count));
    if (!best || value > best.value + 1e-9) best = { text: p.text, value };
  }
  const byShare = [...fallback].sort((a, b) => shareOf(singular(foldText(b))) - shareOf(singular(foldText(a))));
  // As for phrases: a keyword of one text alone does not name a theme of several (unless nothing else does).
  const sharedKeywords = byShare.filter((k) => shareOf(singular(foldText(k))) * wordsByText.length >= 2);
  const named = wordsByText.length > 1 && sharedKeywords.length > 0 ? sharedKeywords : byShare;
  const label = best ? best.text : named.slice(0, 2).join(' and ');
  return sentenceCase(label);

  function isEdgeWord(word: string): boolean {
    const f = foldText(word);
    return (
      f.length < 2 || LEADING.has(f) || ignored.has(f) || ignored.has(singular(f)) || /^\d/.test(f) || JOINING.has(f)
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
      r.texts.map(wordsOf),
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
