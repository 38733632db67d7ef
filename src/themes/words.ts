/**
 * The words of labels and texts, compared folded and singular: what a label is made of and how
 * much of its theme it covers. No parser here (label.ts loads compromise; this may load early).
 */
import { foldText } from '../model/index.js';

/** Words that open a noun phrase without naming anything: dropped from a label's edges. */
export const LEADING = new Set([
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

/** Words that join a label's words: they name nothing and cover nothing. */
export const JOINING = new Set(['and', 'of', 'for', 'in', 'on', 'to', 'with', 'by', 'at', 'from', 'or']);

/** "clusters" → "cluster"; short words and "-ss" words as they are. */
export function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The folded, singular words of a text: what coverage is counted on. */
export function wordsOf(text: string): Set<string> {
  return new Set(
    foldText(text)
      .split(/[^\p{L}\p{N}&]+/u)
      .filter(Boolean)
      .map(singular),
  );
}

/**
 * The share of texts that carry at least one of the label's content words (`ignored` ones and
 * joining words aside), in any case, with or without accents, singular or plural: how much of a
 * theme its label speaks for. One pattern over each text, so that 100,000 texts take milliseconds.
 */
export function labelCoverage(label: string, texts: readonly string[], ignored: ReadonlySet<string>): number {
  const words = [...wordsOf(label)].filter((w) => !JOINING.has(w) && !ignored.has(w) && !LEADING.has(w));
  if (texts.length === 0 || words.length === 0) return 0;
  const alternatives = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}&])(?:${alternatives})(?:e?s)?(?![\\p{L}\\p{N}&])`, 'u');
  let covered = 0;
  for (const text of texts) if (pattern.test(plain(text))) covered++;
  return covered / texts.length;
}

/** Lower case, accents taken off (only where there are any). */
function plain(text: string): string {
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++)
    if (lower.charCodeAt(i) >= 128) return lower.normalize('NFKD').replace(/\p{M}/gu, '');
  return lower;
}
