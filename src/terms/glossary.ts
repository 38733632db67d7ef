/**
 * The glossary: concepts and the words partners write for them. Compiled once into token
 * patterns so that a statement is matched in one pass, longest pattern first.
 */
import { z } from 'zod';
import { foldText, readDataYaml } from '../data-files.js';
import { tokenize, type Token } from './nlp.js';

export const GlossaryFile = z.strictObject({
  concepts: z.array(
    z.strictObject({
      /** Stable id, used in features and in terms.csv: lower case, digits and `_`. */
      id: z.string().regex(/^[a-z0-9_]+$/, 'concept ids are lower case letters, digits and _'),
      label: z.string().min(1),
      variants: z.array(z.string().min(1)).min(1),
      sources: z.array(z.string()).optional(),
    }),
  ),
});
export type GlossaryFile = z.infer<typeof GlossaryFile>;

export interface Concept {
  id: string;
  label: string;
}

interface Pattern {
  concept: Concept;
  /** Folded surface of each token of the variant. */
  keys: string[];
  /** Variants written in capitals ("IT", "AI") match only when written in capitals. */
  caseSensitive: boolean;
  variant: string;
}

export interface Glossary {
  concepts: Map<string, Concept>;
  /** Patterns by the key of their first token, longest first. */
  patterns: Map<string, Pattern[]>;
}

export interface TermMatch {
  concept: string;
  /** The words as written. */
  surface: string;
  /** Token range [start, end). */
  start: number;
  end: number;
}

/** Upper-case acronyms ("IT", "AI", "S3") stand for a concept only when written in capitals. */
function isAcronym(variant: string): boolean {
  return /^[A-ZÀ-Ý0-9&]{2,6}$/u.test(variant) && /[A-Z]/.test(variant);
}

/** Keys a text token can be matched under: its folded surface, its lemma, and "SMEs" → "sme". */
function tokenKeys(token: Token): string[] {
  const surface = foldText(token.surface);
  const keys = [surface, foldText(token.lemma)];
  if (surface.length > 2 && surface.endsWith('s')) keys.push(surface.slice(0, -1));
  return keys;
}

export function compileGlossary(file: GlossaryFile): Glossary {
  const concepts = new Map<string, Concept>();
  const patterns = new Map<string, Pattern[]>();
  for (const entry of file.concepts) {
    const concept = { id: entry.id, label: entry.label };
    concepts.set(entry.id, concept);
    for (const variant of entry.variants) {
      const keys = tokenize(variant).map((token) => foldText(token.surface));
      const first = keys[0];
      if (first === undefined) continue;
      const list = patterns.get(first) ?? [];
      list.push({ concept, keys, caseSensitive: isAcronym(variant), variant });
      patterns.set(first, list);
    }
  }
  for (const list of patterns.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return { concepts, patterns };
}

let bundled: Glossary | undefined;

/** The glossary shipped in `data/glossary.yaml`. */
export function bundledGlossary(): Glossary {
  bundled ??= compileGlossary(readDataYaml('glossary.yaml', GlossaryFile));
  return bundled;
}

function matchesAt(tokens: readonly Token[], at: number, pattern: Pattern): boolean {
  for (let i = 0; i < pattern.keys.length; i++) {
    const token = tokens[at + i];
    if (!token) return false;
    const key = pattern.keys[i] as string;
    if (pattern.caseSensitive) {
      const surface = token.surface.replace(/s$/, '');
      if (surface !== pattern.variant && token.surface !== pattern.variant) return false;
    } else if (!tokenKeys(token).includes(key) && !tokenKeys(token).some((k) => k === key.replace(/s$/, ''))) {
      return false;
    }
  }
  return true;
}

/** Finds glossary terms in a token sequence, leftmost-longest, without overlaps. */
export function findTerms(tokens: readonly Token[], glossary: Glossary): TermMatch[] {
  const found: TermMatch[] = [];
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at] as Token;
    let match: Pattern | undefined;
    for (const key of new Set(tokenKeys(token))) {
      for (const pattern of glossary.patterns.get(key) ?? []) {
        if ((!match || pattern.keys.length > match.keys.length) && matchesAt(tokens, at, pattern)) match = pattern;
      }
    }
    if (match) {
      const end = at + match.keys.length;
      const surface = tokens.slice(at, end).map((t) => t.surface).join(' ').replace(/ - /g, '-');
      found.push({ concept: match.concept.id, surface, start: at, end });
      at = end;
    } else {
      at++;
    }
  }
  return found;
}
