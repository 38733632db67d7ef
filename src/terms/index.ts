/**
 * Normalise terms: statements → tokens, lemmas, glossary concepts with their senses, and the
 * topic features the themes are found from.
 *
 *   tokens (wink-nlp) → abbreviations defined in the text (Schwartz–Hearst) → glossary terms →
 *   senses (phrase, national term, cue words, then priors) → features
 *
 * Evaluative and generic words are left out of the features, so that "lack of skilled staff" and
 * "strong pool of qualified workers" have the same ones; an ambiguous concept becomes a
 * sense-tagged feature (`@cluster:agglomeration`), so "cluster" the place and "cluster" the member
 * organisation do not make one theme.
 */
import { z } from 'zod';
import { readDataYaml } from '../config/yaml-file.js';
import { foldText, idOrder } from '../model/index.js';
import { byCodePoint as compareIds } from '../order.js';
import type { ProgressReporter, Statement } from '../model/index.js';
import { findAbbreviations } from './abbreviations.js';
import {
  findTerms,
  isAcronym,
  withDefinitions,
  type Concept,
  type Glossary,
  type MatchedBy,
  type TermMatch,
} from './glossary.js';
import { tokenize, type Token } from './nlp.js';
import { contradictsQuadrant, type Polarity, polarityOf } from './polarity.js';
import { bundledSenseModels, type SenseModel } from './sense-model.js';
import { modelFor, resolveWithPriors, senseInContext, type Occurrence, type SenseBasis } from './senses.js';
import { encodeFeature } from '../model/index.js';

export { bestLongForm, findAbbreviations, type AbbreviationDefinition } from './abbreviations.js';
export {
  bundledGlossary,
  compileGlossary,
  findTerms,
  GlossaryFile,
  loadGlossary,
  mergeGlossaries,
  readGlossaryFile,
  type Concept,
  type Glossary,
  type TermMatch,
} from './glossary.js';
export { tokenize, type Token } from './nlp.js';
export { contradictsQuadrant, type Polarity, polarityOf } from './polarity.js';
export { isReadSense, leadingSense, senseInContext, type SenseBasis } from './senses.js';
export { bundledSenseModels, type SenseModel } from './sense-model.js';

/** One topic feature of a statement, and the word to show for it. */
export interface Feature {
  /** The feature's key, as `encodeFeature` writes it (model/feature.ts). */
  key: string;
  /** As the statement writes it: the glossary term or the word (lower case unless an acronym). */
  word: string;
}

export interface NormalisedStatement {
  id: string;
  features: Feature[];
  terms: TermMatch[];
  /** How its own words judge what it is about (good above 0, bad below). */
  polarity: Polarity;
  /** What to review it for: `quadrant` when its words contradict its quadrant. */
  flags: StatementFlag[];
  /**
   * The features of each of its clauses, when it reads as two or more ("Strong universities; weak
   * broadband") that each name a topic; empty otherwise. The themes step gives a compound bullet
   * a second theme from them.
   */
  parts: Clause[];
}

/** A clause of a statement: its text as written and its topic features. */
export interface Clause {
  text: string;
  features: Feature[];
}

/**
 * A reason to review a statement that its own words give, in assignments.csv's `flags` (which also
 * says `compound` when the themes step gave the statement a second theme).
 */
export type StatementFlag = 'quadrant';

/** One occurrence of a glossary concept, with its sense when the concept has senses. */
export interface TermOccurrence {
  statementId: string;
  partner: string;
  country: string;
  /** The concept id. */
  term: string;
  /** The words as written. */
  surface: string;
  by: MatchedBy;
  /** '' for a concept with one meaning. */
  sense: string;
  confidence: number;
  cues: string[];
  /** What the sense rests on ('' for a concept with one meaning); see SenseBasis. */
  basis: SenseBasis | '';
}

/** An abbreviation a statement spells out, e.g. "Digital Innovation Hubs (DIHs)". */
export interface Definition {
  short: string;
  long: string;
  /** The glossary concept the long form names, or `abbr_<short>` for one the glossary lacks. */
  concept: string;
  statementId: string;
  /** The glossary already knew the short form. */
  known: boolean;
}

/** An acronym neither the glossary nor the statements define: worth adding to the glossary. */
export interface GlossaryCandidate {
  short: string;
  statements: number;
  partners: string[];
  /** The first statement using it (in id order). */
  example: string;
}

export interface TermAnalysis {
  /** One per statement, in the statements' order. */
  statements: NormalisedStatement[];
  occurrences: TermOccurrence[];
  definitions: Definition[];
  candidates: GlossaryCandidate[];
  /**
   * Words that say who wrote a statement rather than what it is about (ownNames: the partners'
   * countries, the proper names only one partner writes), folded; kept out of the topic features,
   * and out of the text a sentence encoder reads (`themes.meaning: sentences`).
   */
  names: Set<string>;
}

const IgnoredWords = z.strictObject({ evaluative: z.array(z.string()), generic: z.array(z.string()) });
const TopicWords = z.strictObject({ groups: z.record(z.string(), z.array(z.string())) });

interface Vocabulary {
  ignored: Set<string>;
  /** Word → its group's feature key (`#group`). */
  groups: Map<string, string>;
}

let vocabulary: Vocabulary | undefined;
function loadVocabulary(): Vocabulary {
  if (!vocabulary) {
    const ignored = readDataYaml('ignored-words.yaml', IgnoredWords);
    const topics = readDataYaml('topic-words.yaml', TopicWords);
    const groups = new Map<string, string>();
    for (const [group, words] of Object.entries(topics.groups))
      for (const word of words) groups.set(word, encodeFeature({ kind: 'group', group }));
    vocabulary = { ignored: new Set([...ignored.evaluative, ...ignored.generic]), groups };
  }
  return vocabulary;
}

/** Evaluative and generic words (data/ignored-words.yaml), kept out of features and labels. */
export function ignoredWords(): ReadonlySet<string> {
  return loadVocabulary().ignored;
}

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'X']);

/**
 * How often one partner must write a proper name (and no other partner at all) before it is taken
 * for that partner's own name: at 2, rare technical names in StackOverflow titles spread over ten
 * partners at random were lost (NMI 0.670 → 0.654); at 3 none were, and the real SWOT set still
 * gives the same themes however its partners are named.
 */
const NAME_USES = 3;

/** Countries' names in English, by ISO code: for the partners' own names and to tell country codes from abbreviations. */
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Words that say who wrote a statement, not what it is about, and would group statements by
 * partner: the names of the partners' countries, and words written as proper names (with a
 * capital, not at the start of a sentence, or tagged a proper noun there) that only one partner
 * uses, at least NAME_USES times — its places, its organisations, its programmes. The partners'
 * own names are not used: general words in them (economy, business, innovation) are analysed
 * like any other word, and the themes do not depend on how the partners are named.
 */
export function ownNames(statements: readonly Statement[], tokens: readonly (readonly Token[])[]): Set<string> {
  const words = new Set<string>();
  for (const code of new Set(statements.map((st) => st.country)))
    for (const word of foldText(REGIONS.of(code) ?? '').split(/[^\p{L}\p{N}]+/u)) if (word.length > 2) words.add(word);
  // Per word: the one partner that uses it ('' once a second one does), and how often it is used.
  const partnerOf = new Map<string, string>();
  const uses = new Map<string, number>();
  const proper = new Set<string>();
  statements.forEach((s, i) => {
    let start = true;
    for (const t of tokens[i] ?? []) {
      if (t.type === 'word') {
        const key = t.key;
        const first = partnerOf.get(key);
        if (first === undefined) partnerOf.set(key, s.partner);
        else if (first !== '' && first !== s.partner) partnerOf.set(key, '');
        uses.set(key, (uses.get(key) ?? 0) + 1);
        if (!start || t.pos === 'PROPN') {
          const c = t.surface.charCodeAt(0);
          if ((c >= 65 && c <= 90) || (c > 127 && /^\p{Lu}/u.test(t.surface))) proper.add(key);
        }
        start = false;
      } else if (/^[.!?;:]$/.test(t.surface)) {
        start = true;
      }
    }
  });
  // A name used once or twice links little; one a partner repeats ties its statements together.
  for (const key of proper)
    if (partnerOf.get(key) !== '' && (uses.get(key) ?? 0) >= NAME_USES && key.length > 2) words.add(key);
  return words;
}

/** A word as partners write it: acronyms keep their capitals, other words are lower-cased. */
function asWritten(surface: string): string {
  return startsLikeAcronym(surface) && /^[A-Z][A-Z0-9&]+s?$/.test(surface) ? surface : surface.toLowerCase();
}

/**
 * The topic features of tokens, with glossary matches in place of their words: the concept (with
 * its sense) and its broader concepts.
 */
export function topicFeatures(
  tokens: readonly Token[],
  terms: readonly TermMatch[],
  senses: readonly string[],
  exclude: ReadonlySet<string>,
  glossary: Glossary,
): Feature[] {
  const { ignored, groups } = loadVocabulary();
  const features: Feature[] = [];
  const pushWord = (token: Token | undefined): void => {
    if (token?.type !== 'word' || token.stop || !CONTENT_POS.has(token.pos)) return;
    const lemma = token.lemmaKey;
    const lower = token.key;
    if (lemma.length < 2 || /^\d/.test(lemma)) return;
    if (ignored.has(lemma) || ignored.has(lower) || exclude.has(lower)) return;
    const group = groups.get(lemma) ?? groups.get(lower);
    features.push({ key: group ?? lemma, word: asWritten(token.surface) });
  };
  let next = 0;
  terms.forEach((term, t) => {
    for (let i = next; i < term.start; i++) pushWord(tokens[i]);
    const sense = senses[t] ?? '';
    features.push({
      key: encodeFeature({ kind: 'concept', concept: term.concept, ...(sense ? { sense } : {}) }),
      word: term.surface,
    });
    for (const broader of glossary.concepts.get(term.concept)?.broader ?? [])
      features.push({ key: encodeFeature({ kind: 'concept', concept: broader }), word: term.surface });
    next = term.end;
  });
  for (let i = next; i < tokens.length; i++) pushWord(tokens[i]);
  return features;
}

/** The concept an abbreviation's long form names, when the glossary has it. */
function conceptOfLongForm(long: string, glossary: Glossary): string | undefined {
  const tokens = tokenize(long);
  const matches = findTerms(tokens, glossary);
  const words = tokens.filter((t) => t.type === 'word').length;
  const covering = matches.find((m) => (m.end - m.start) * 2 >= words);
  return covering?.concept;
}

function abbreviationId(short: string): string {
  return `abbr_${foldText(short)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`;
}

/** Definitions in the statements, first (in id order) per short form, mapped to concepts. */
function collectDefinitions(
  statements: readonly Statement[],
  order: readonly number[],
  glossary: Glossary,
): Definition[] {
  const known = new Map<string, string>();
  for (const list of glossary.patterns.values()) {
    for (const p of list) if (p.caseSensitive) known.set(p.written, p.concept);
  }
  const seen = new Map<string, Definition>();
  for (const i of order) {
    const s = statements[i] as Statement;
    for (const d of findAbbreviations(s.text)) {
      if (seen.has(d.short)) continue;
      const glossaryConcept = known.get(d.short);
      seen.set(d.short, {
        short: d.short,
        long: d.long,
        concept: glossaryConcept ?? conceptOfLongForm(d.long, glossary) ?? abbreviationId(d.short),
        statementId: s.id,
        known: glossaryConcept !== undefined,
      });
    }
  }
  return [...seen.values()].sort((a, b) => compareIds(a.short, b.short));
}

const ROMAN = /^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$/;

/** A capital, then a capital, digit or "&": the cheap first test for an acronym (most words fail it). */
function startsLikeAcronym(word: string): boolean {
  const first = word.charCodeAt(0);
  const second = word.charCodeAt(1);
  return (
    first >= 65 && first <= 90 && ((second >= 65 && second <= 90) || (second >= 48 && second <= 57) || second === 38)
  );
}

function glossaryCandidates(
  statements: readonly Statement[],
  tokens: readonly Token[][],
  matches: readonly TermMatch[][],
  order: readonly number[],
): GlossaryCandidate[] {
  const found = new Map<string, { statements: Set<string>; partners: Set<string>; example: string }>();
  const countries = new Set(statements.map((s) => s.country));
  for (const i of order) {
    const s = statements[i] as Statement;
    const covered = new Set<number>();
    for (const m of matches[i] ?? []) for (let t = m.start; t < m.end; t++) covered.add(t);
    (tokens[i] ?? []).forEach((token, t) => {
      if (!startsLikeAcronym(token.surface)) return;
      if (covered.has(t) || !/^[A-Z][A-Z0-9&]{1,7}s?$/.test(token.surface) || ROMAN.test(token.surface)) return;
      const short = token.surface.replace(/([A-Z0-9&])s$/, '$1');
      if (!isAcronym(short)) return;
      const words = tokens[i] ?? [];
      if (isCountryCode(short, countries, words[t - 1]?.surface, words[t + 1]?.surface)) return;
      const entry = found.get(short) ?? { statements: new Set<string>(), partners: new Set<string>(), example: s.id };
      entry.statements.add(s.id);
      entry.partners.add(s.partner);
      found.set(short, entry);
    });
  }
  return [...found]
    .map(([short, e]) => ({
      short,
      statements: e.statements.size,
      partners: [...e.partners].sort(compareIds),
      example: e.example,
    }))
    .sort(
      (a, b) => b.partners.length - a.partners.length || b.statements - a.statements || compareIds(a.short, b.short),
    );
}

/**
 * A country's code, not an abbreviation to explain: a partner's country ("US Southwest" from a US
 * partner), or any country's code alone in brackets ("Zakopane (PL)"). Other two-letter codes
 * stay candidates: "HR" is also human resources.
 */
function isCountryCode(
  short: string,
  countries: ReadonlySet<string>,
  before: string | undefined,
  after: string | undefined,
): boolean {
  if (!/^[A-Z]{2}$/.test(short) || !REGIONS.of(short)) return false;
  return countries.has(short) || (before === '(' && after === ')');
}

/** Topic words a clause needs to count as a topic of its own. */
const MIN_PART_WORDS = 2;

/** Words that open a clause of their own: "…, but …", "… while …". */
const CLAUSE_WORDS = new Set(['but', 'while', 'whereas', 'however', 'yet']);

/**
 * Where a statement splits into clauses that could each be a bullet of their own: at a semicolon,
 * a sentence end, a dash or bullet between spaces, a "but", "while", "whereas" or "however"; and at
 * an "and" whose two sides judge in opposite ways ("strong universities and weak broadband").
 * Token ranges [start, end); one range (the whole) when it does not split.
 */
export function clauses(tokens: readonly Token[], polarity: Polarity = polarityOf(tokens)): [number, number][] {
  const cuts: number[] = [];
  tokens.forEach((t, i) => {
    if (i === 0 || i === tokens.length - 1) return;
    const spaced = t.space !== '' && (tokens[i + 1]?.space ?? '') !== '';
    if (
      t.surface === ';' ||
      t.surface === '•' ||
      (/^[.!?]$/.test(t.surface) && /^\p{Lu}/u.test(tokens[i + 1]?.surface ?? '')) ||
      (spaced && /^[-–—]$/.test(t.surface)) ||
      CLAUSE_WORDS.has(t.key)
    )
      cuts.push(i);
  });
  if (
    cuts.length === 0 &&
    polarity.words.some((w) => w.startsWith('+')) &&
    polarity.words.some((w) => w.startsWith('-'))
  ) {
    // No mark between the clauses, but judgements both ways: an "and" between two opposite ones.
    for (let i = 1; i < tokens.length - 1; i++) {
      if (tokens[i]?.key !== 'and') continue;
      const before = polarityOf(tokens.slice(0, i)).score;
      const after = polarityOf(tokens.slice(i + 1)).score;
      if (before * after < 0) {
        cuts.push(i);
        break;
      }
    }
  }
  const ranges: [number, number][] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut > start) ranges.push([start, cut]);
    start = cut + 1;
  }
  if (start < tokens.length) ranges.push([start, tokens.length]);
  return ranges.length > 0 ? ranges : [[0, tokens.length]];
}

/**
 * Normalises every statement: terms, senses, features; abbreviations and glossary candidates of
 * the whole run. `senseModels` are the learned sense models by concept (the bundled ones unless
 * given: the bench passes models trained without the sentences it tests).
 */
export function analyseTerms(
  statements: readonly Statement[],
  glossary: Glossary,
  progress?: ProgressReporter,
  senseModels: ReadonlyMap<string, SenseModel> = bundledSenseModels(),
): TermAnalysis {
  const order = idOrder(statements);
  const tokens = statements.map((s, i) => {
    if (progress && i % 2000 === 0) progress('terms', i, statements.length);
    return tokenize(s.text);
  });
  const definitions = collectDefinitions(statements, order, glossary);
  const runGlossary = withDefinitions(
    glossary,
    definitions.filter((d) => !d.known).map((d) => ({ short: d.short, concept: d.concept, label: d.long })),
  );
  const matches = tokens.map((t) => findTerms(t, runGlossary));

  // Senses: what each statement shows, then priors for the rest — in id order, so that the
  // order of the rows does not change them.
  const ambiguous: { statement: number; match: number; occurrence: Occurrence }[] = [];
  for (const i of order) {
    const s = statements[i] as Statement;
    const here = matches[i] ?? [];
    here.forEach((m, j) => {
      const concept = runGlossary.concepts.get(m.concept) as Concept;
      if (concept.senses.length === 0) return;
      const others = here.filter((o) => o !== m && o.concept === m.concept);
      ambiguous.push({
        statement: i,
        match: j,
        occurrence: {
          partner: s.partner,
          country: s.country,
          concept,
          decision: senseInContext(tokens[i] ?? [], m, concept, modelFor(concept, senseModels), others),
        },
      });
    });
  }
  const decisions = resolveWithPriors(ambiguous.map((a) => a.occurrence));
  const senseOf = new Map<string, (typeof decisions)[number]>();
  ambiguous.forEach((a, k) => senseOf.set(`${a.statement}:${a.match}`, decisions[k] as (typeof decisions)[number]));

  const exclude = ownNames(statements, tokens);
  const occurrences: TermOccurrence[] = [];
  const normalised = statements.map((s, i): NormalisedStatement => {
    const terms = matches[i] ?? [];
    const senses = terms.map((_, j) => senseOf.get(`${i}:${j}`)?.sense ?? '');
    terms.forEach((m, j) => {
      const decision = senseOf.get(`${i}:${j}`);
      occurrences.push({
        statementId: s.id,
        partner: s.partner,
        country: s.country,
        term: m.concept,
        surface: m.surface,
        by: m.by,
        sense: decision?.sense ?? '',
        confidence: decision?.confidence ?? 1,
        cues: decision?.cues ?? [],
        basis: decision?.basis ?? '',
      });
    });
    const polarity = polarityOf(tokens[i] ?? []);
    const ranges = clauses(tokens[i] ?? [], polarity);
    const parts = (ranges.length < 2 ? [] : ranges).map(
      ([start, end]): Clause => ({
        text: (tokens[i] ?? [])
          .slice(start, end)
          .map((t) => t.space + t.surface)
          .join('')
          .trim(),
        features: topicFeatures(
          (tokens[i] ?? []).slice(start, end),
          terms
            .filter((m) => m.start >= start && m.end <= end)
            .map((m) => ({ ...m, start: m.start - start, end: m.end - start })),
          senses.filter(
            (_, j) => (terms[j]?.start ?? -1) >= start && (terms[j]?.end ?? Number.POSITIVE_INFINITY) <= end,
          ),
          exclude,
          runGlossary,
        ),
      }),
    );
    return {
      id: s.id,
      features: topicFeatures(tokens[i] ?? [], terms, senses, exclude, runGlossary),
      terms,
      polarity,
      flags: contradictsQuadrant(s.quadrant, polarity) ? ['quadrant'] : [],
      parts:
        parts.length >= 2 && parts.every((c) => new Set(c.features.map((x) => x.key)).size >= MIN_PART_WORDS)
          ? parts
          : [],
    };
  });
  return {
    statements: normalised,
    occurrences,
    definitions,
    candidates: glossaryCandidates(statements, tokens, matches, order),
    names: exclude,
  };
}

/**
 * Features of one text on its own (a codebook theme's label, description and keywords): no
 * priors, no names left out. Such texts are a few words, too short for the sense model: the
 * rules read them (phrase, national term, number, cue words), and an ambiguous term whose sense
 * they do not show stands for all its senses.
 */
export function textFeatures(text: string, glossary: Glossary): Feature[] {
  const tokens = tokenize(text);
  const terms = findTerms(tokens, glossary);
  const senses = terms.map((m) => {
    const concept = glossary.concepts.get(m.concept);
    if (!concept || concept.senses.length === 0) return '';
    return senseInContext(tokens, m, concept, undefined)?.sense ?? '*';
  });
  return topicFeatures(tokens, terms, senses, new Set(), glossary).flatMap((f) => {
    const [concept, sense] = f.key.split(':');
    if (sense !== '*') return [f];
    return (glossary.concepts.get((concept ?? '').slice(1))?.senses ?? []).map((s) => ({
      key: `${concept}:${s.name}`,
      word: f.word,
    }));
  });
}
