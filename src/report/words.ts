import type { Overrepresentation } from '../compare/index.js';

/** "1 statement", "3 statements": counts in the words of the reports and the command line. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * How partners raised a consensus theme, by side: "as a strength or opportunity by 6 of 10
 * partners; as a weakness or threat by 2". The sides are counted apart, so a theme is never
 * "mostly a strength and a weakness".
 */
export function consensusWords(
  c: {
    consensusAs: 'positive' | 'negative' | 'both' | undefined;
    polarity: { positive: string[]; negative: string[] };
  },
  total: number,
): string {
  const positive = c.polarity.positive.length;
  const negative = c.polarity.negative.length;
  const pos = `as a strength or opportunity by ${positive} of ${total} partners`;
  const neg = `as a weakness or threat by ${negative} of ${total} partners`;
  if (c.consensusAs === 'negative')
    return positive > 0 ? `${neg} (and ${pos.replace(` of ${total} partners`, '')})` : neg;
  if (c.consensusAs === 'both') return `${pos} and ${neg}`;
  return negative > 0 ? `${pos} (and ${neg.replace(` of ${total} partners`, '')})` : pos;
}

/** "3 borderline statements from 2 partners, not counted", or '' when there are none. */
export function borderlineWords(b: { statements: number; partners: string[] }): string {
  if (b.statements === 0) return '';
  return `${plural(b.statements, 'borderline statement')} from ${plural(b.partners.length, 'partner')}, shown but not counted`;
}

/**
 * The discovered themes that count no statement, in a sentence (labels as the renderer escapes
 * them): not findings, for review.
 */
export function hollowWords(hollow: readonly { label: string; borderline: { statements: number } }[]): string {
  const groups = hollow.map((c) => `${c.label} (${plural(c.borderline.statements, 'borderline statement')})`);
  return `Not findings: ${plural(hollow.length, 'group')} of statements that resemble each other, none fitting well enough to count — ${groups.join(', ')}. ${hollow.length === 1 ? 'It is' : 'They are'} left for review.`;
}

/** A partner's or country's over-representation in a theme, in words. */
export function standingWords(o: Overrepresentation): string {
  const who = o.by === 'country' ? `the partners of ${o.name}` : o.name;
  return `${who}: ${plural(o.statements, 'statement')} where ${o.expected.toFixed(1)} were expected from ${plural(o.sent, 'statement')} in all (p ${pValue(o.p)}, q ${pValue(o.q)})`;
}

/** A p- or q-value as an analyst reads it: two significant digits, very small ones "below 0.0001". */
export function pValue(p: number): string {
  return p < 0.0001 ? 'below 0.0001' : `= ${Number(p.toPrecision(2))}`;
}

/**
 * A statement's judgement as a cell: good, bad or mixed with its score, and the words that made it
 * ("bad (-2): -lack skilled; -weak"); '' when no word judges.
 */
export function polarityText(p: { score: number; words: readonly string[] }): string {
  if (p.words.length === 0) return '';
  const verdict = p.score > 0 ? `good (+${p.score})` : p.score < 0 ? `bad (${p.score})` : 'mixed (0)';
  return `${verdict}: ${p.words.join('; ')}`;
}

export { LOW_COHERENCE } from '../themes/index.js';
