/**
 * Normalise terms: statements → tokens, lemmas, glossary concepts, and the topic features the
 * themes are found from. Evaluative and generic words are left out, so that "lack of skilled
 * staff" and "strong pool of qualified workers" have the same features.
 */
import { z } from 'zod';
import { foldText, readDataYaml } from '../data-files.js';
import type { Statement } from '../types.js';
import { findTerms, type Glossary, type TermMatch } from './glossary.js';
import { tokenize } from './nlp.js';

export { bundledGlossary, compileGlossary, findTerms, GlossaryFile, type Concept, type Glossary, type TermMatch } from './glossary.js';
export { tokenize, type Token } from './nlp.js';

/** One topic feature of a statement, and the word to show for it. */
export interface Feature {
  /** `@concept`, `#group` or a lemma. */
  key: string;
  /** As the statement writes it: the glossary term or the word (lower case unless an acronym). */
  word: string;
}

export interface NormalisedStatement {
  id: string;
  features: Feature[];
  terms: TermMatch[];
}

const IgnoredWords = z.strictObject({ evaluative: z.array(z.string()), generic: z.array(z.string()) });
const TopicWords = z.strictObject({ groups: z.record(z.string(), z.array(z.string())) });

interface Vocabulary {
  ignored: Set<string>;
  groups: Map<string, string>;
}

let vocabulary: Vocabulary | undefined;
function loadVocabulary(): Vocabulary {
  if (!vocabulary) {
    const ignored = readDataYaml('ignored-words.yaml', IgnoredWords);
    const topics = readDataYaml('topic-words.yaml', TopicWords);
    const groups = new Map<string, string>();
    for (const [group, words] of Object.entries(topics.groups)) for (const word of words) groups.set(word, group);
    vocabulary = { ignored: new Set([...ignored.evaluative, ...ignored.generic]), groups };
  }
  return vocabulary;
}

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'X']);

/**
 * Words that name a partner or its country ("Styria", "Austrian"): they say who wrote a statement,
 * not what it is about, and would group statements by partner.
 */
export function partnerWords(statements: readonly Statement[]): Set<string> {
  const words = new Set<string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const add = (text: string): void => {
    for (const word of foldText(text).split(/[^\p{L}\p{N}]+/u)) if (word.length > 2) words.add(word);
  };
  for (const s of new Set(statements.map((st) => st.partner))) add(s);
  for (const code of new Set(statements.map((st) => st.country))) add(names.of(code) ?? '');
  return words;
}

export function normaliseStatement(statement: Statement, glossary: Glossary, exclude: ReadonlySet<string>): NormalisedStatement {
  const { ignored, groups } = loadVocabulary();
  const tokens = tokenize(statement.text);
  const terms = findTerms(tokens, glossary);
  const features: Feature[] = [];
  let next = 0;
  for (const term of terms) {
    for (let i = next; i < term.start; i++) pushWord(i);
    features.push({ key: `@${term.concept}`, word: term.surface });
    next = term.end;
  }
  for (let i = next; i < tokens.length; i++) pushWord(i);
  return { id: statement.id, features, terms };

  function pushWord(i: number): void {
    const token = tokens[i];
    if (!token || token.type !== 'word' || token.stop || !CONTENT_POS.has(token.pos)) return;
    const lemma = foldText(token.lemma);
    const lower = foldText(token.surface);
    if (lemma.length < 2 || /^\d/.test(lemma)) return;
    if (ignored.has(lemma) || ignored.has(lower) || exclude.has(lower)) return;
    const group = groups.get(lemma) ?? groups.get(lower);
    features.push({ key: group ? `#${group}` : lemma, word: asWritten(token.surface) });
  }
}

/** A word as partners write it: acronyms keep their capitals, other words are lower-cased. */
function asWritten(surface: string): string {
  return /^[A-Z][A-Z0-9&]+s?$/.test(surface) ? surface : surface.toLowerCase();
}

/** Normalises every statement; the glossary is the bundled one unless another is given. */
export function normaliseStatements(statements: readonly Statement[], glossary: Glossary): NormalisedStatement[] {
  const exclude = partnerWords(statements);
  return statements.map((statement) => normaliseStatement(statement, glossary, exclude));
}
