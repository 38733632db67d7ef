/**
 * How a statement's own words judge what it is about — good (above 0) or bad (below 0) — for the
 * quadrant check: a Strength that says "lack of skilled staff" or a Weakness that says "strong
 * universities" is flagged for review. The words and how they combine are data
 * (data/polarity.yaml): words good or bad in themselves; words that raise or lower what follows
 * ("high productivity" good, "high unemployment" bad, "low unemployment" good); negators that turn
 * it ("no network", "not enough").
 */
import { z } from 'zod';
import { readDataYaml } from '../config/yaml-file.js';
import type { Quadrant } from '../model/index.js';
import type { Token } from './nlp.js';

const PolarityWords = z.strictObject({
  positive: z.array(z.string()),
  negative: z.array(z.string()),
  up: z.array(z.string()),
  down: z.array(z.string()),
  negators: z.array(z.string()),
  excess: z.array(z.string()),
});

/** A statement's judgement: the sum of its judging words, and those words as they counted ("-lack skilled"). */
export interface Polarity {
  score: number;
  words: string[];
}

type Operator = 'up' | 'down' | 'negator' | 'excess';
type Role = 'positive' | 'negative' | Operator;

let lexicon: Map<string, Role> | undefined;
function roles(): Map<string, Role> {
  if (!lexicon) {
    const words = readDataYaml('polarity.yaml', PolarityWords);
    lexicon = new Map<string, Role>();
    for (const [role, list] of [
      ['positive', words.positive],
      ['negative', words.negative],
      ['up', words.up],
      ['down', words.down],
      ['negator', words.negators],
      ['excess', words.excess],
    ] as const)
      for (const word of list) lexicon.set(word, role);
  }
  return lexicon;
}

/** A token's role: by its lemma, its surface, or its surface without a plural ending (a capitalised "Difficulties"). */
function roleOf(lex: ReadonlyMap<string, Role>, t: Token): Role | undefined {
  const found = lex.get(t.lemmaKey) ?? lex.get(t.key);
  if (found || !t.key.endsWith('s')) return found;
  return lex.get(t.key.endsWith('ies') ? `${t.key.slice(0, -3)}y` : t.key.slice(0, -1));
}

/** How many words an operator reaches, forwards for its object and backwards for its subject. */
const REACH = 3;

/**
 * The judgement of one statement's tokens. An operator acts on the next judging word it reaches
 * ("low unemployment"); with none, on a judging word just before it, as its predicate
 * ("unemployment is high"); with neither, it judges by itself ("little access", "high exports").
 */
export function polarityOf(tokens: readonly Token[]): Polarity {
  const lex = roles();
  const words: string[] = [];
  let score = 0;
  /** The operator waiting for a word to act on, how many words it still reaches, and the judging word just before it. */
  let pending: { role: Operator; word: string; reach: number; subject: number | undefined } | undefined;
  /** The last judging word counted (its index in `words`), the words since, and whether it is a word good or bad in itself. */
  let recent: { at: number; since: number; judging: boolean } | undefined;
  const signs: number[] = [];
  const count = (sign: number, word: string, judging: boolean): void => {
    score += sign;
    words.push(`${sign > 0 ? '+' : '-'}${word}`);
    signs.push(sign);
    recent = { at: words.length - 1, since: 0, judging };
  };
  const acted = (role: Operator, sign: number): number => (role === 'excess' ? -1 : role === 'up' ? sign : -sign);
  const settle = (): void => {
    if (!pending) return;
    const { role, word, subject } = pending;
    pending = undefined;
    if (subject !== undefined) {
      // The operator is the predicate of the judging word before it.
      const before = signs[subject] as number;
      const sign = acted(role, before);
      score += sign - before;
      signs[subject] = sign;
      words[subject] = `${sign > 0 ? '+' : '-'}${(words[subject] as string).slice(1)} ${word}`;
      recent = undefined;
      return;
    }
    count(role === 'up' ? 1 : -1, word, false);
  };
  let previous: Role | undefined;
  for (const t of tokens) {
    if (t.type === 'punctuation' && /[;:.!?]/.test(t.surface)) {
      settle();
      recent = undefined;
    }
    if (t.type !== 'word') {
      previous = undefined;
      continue;
    }
    if (recent) recent.since++;
    const role = roleOf(lex, t);
    if (role === 'up' || role === 'down' || role === 'negator' || role === 'excess') {
      const adjacent = pending && previous !== undefined && previous !== 'positive' && previous !== 'negative';
      if (pending && adjacent) {
        // Operators in a row compose: "not sufficiently", "too many", "lack of high-quality".
        const composed: Operator =
          pending.role === 'excess' || role === 'excess'
            ? 'excess'
            : (pending.role === 'up') === (role === 'up')
              ? 'up'
              : 'down';
        pending = { ...pending, role: composed, word: `${pending.word} ${t.surface}`, reach: REACH };
      } else {
        settle();
        // Only a word good or bad in itself has a predicate, and only an adjective, adverb, verb or
        // preposition is one ("costs below", not "innovation … shortage").
        const predicate = t.pos !== 'NOUN' && t.pos !== 'PROPN';
        const subject = predicate && recent?.judging && recent.since <= REACH + 1 ? recent.at : undefined;
        pending = { role, word: t.surface, reach: REACH, subject };
      }
      previous = role;
      continue;
    }
    if (role === 'positive' || role === 'negative') {
      const sign = role === 'positive' ? 1 : -1;
      if (pending) {
        const operator = pending;
        pending = undefined;
        count(acted(operator.role, sign), `${operator.word} ${t.surface}`, true);
      } else count(sign, t.surface, true);
      previous = role;
      continue;
    }
    // Articles and prepositions do not use up an operator's reach ("lack of the skilled").
    if (t.pos !== 'DET' && t.pos !== 'ADP') {
      previous = undefined;
      // An operator directly before a noun modifies it ("few large employers"): it is no predicate.
      if (pending?.reach === REACH && (t.pos === 'NOUN' || t.pos === 'PROPN')) pending.subject = undefined;
      if (pending && --pending.reach <= 0) settle();
    } else if (previous !== undefined)
      previous = previous === 'positive' || previous === 'negative' ? undefined : previous;
  }
  settle();
  return { score, words };
}

/**
 * Whether a statement's words contradict its quadrant: a Strength or an Opportunity judged bad, a
 * Weakness or a Threat judged good, by at least `margin` words. Threats and opportunities are
 * external and often written in mixed words, so they need a wider margin (chosen on the real
 * development set: `npm run bench`).
 */
export function contradictsQuadrant(quadrant: Quadrant, polarity: Polarity): boolean {
  if (quadrant === 'S') return polarity.score <= -STRENGTH_WEAKNESS_MARGIN;
  if (quadrant === 'W') return polarity.score >= STRENGTH_WEAKNESS_MARGIN;
  if (quadrant === 'O') return polarity.score <= -OPPORTUNITY_THREAT_MARGIN;
  return polarity.score >= OPPORTUNITY_THREAT_MARGIN;
}

export const STRENGTH_WEAKNESS_MARGIN = 1;
export const OPPORTUNITY_THREAT_MARGIN = 2;
