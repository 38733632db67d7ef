/**
 * The glossary: concepts, the words partners write for them, and the senses of ambiguous ones.
 * Read and checked by glossary-file.ts (the bundled `data/glossary.yaml`, and a project glossary
 * on top), and compiled here into token patterns, so that match.ts finds the terms of a statement
 * in one pass, longest pattern first.
 */
import { dataPath } from '../config/data-path.js';
import { formPattern, type GlossaryFile, isAcronym, mergeGlossaries, readGlossaryFile } from './glossary-file.js';
import { tokenize } from './nlp.js';

export { GlossaryFile, isAcronym, mergeGlossaries, readGlossaryFile } from './glossary-file.js';
export { findTerms } from './match.js';

export interface SenseRules {
  name: string;
  label: string;
  /** Single cue words, folded. */
  cueWords: Set<string>;
  /** Cues of several words, as folded token keys. */
  cuePhrases: string[][];
  numbered: boolean;
  /** A meaning unrelated to the concept ("HPC cluster"): it counts in no country's usage. */
  unrelated: boolean;
}

export interface Concept {
  id: string;
  label: string;
  /** In the glossary's order; empty for a concept with one meaning. */
  senses: SenseRules[];
  /** Country code → the sense partners there usually mean. */
  countries: Record<string, string>;
  /** Broader concepts' ids. */
  broader: string[];
  /** Words for actors, folded, and the kind each names ("" for actors in general); empty without `actors:`. */
  actors: Map<string, string>;
}

export type MatchedBy = 'variant' | 'abbreviation' | 'national' | 'phrase' | 'form' | 'defined';

export interface Pattern {
  concept: string;
  /** Folded surface of each token. */
  keys: string[];
  /** Abbreviations match only as written in capitals ("IT", not "it"): the tokens as written. */
  caseSensitive: string[] | undefined;
  written: string;
  /** The sense this pattern fixes (a sense's phrase, a national term's usual sense). */
  sense?: string;
  by: MatchedBy;
}

/** A word form matched by a regular expression over one folded word ("Autocluster", "klastrov"). */
export interface Form {
  concept: string;
  regex: RegExp;
  written: string;
  sense?: string;
}

export interface Glossary {
  concepts: Map<string, Concept>;
  /** Patterns by the key of their first token, longest first. */
  patterns: Map<string, Pattern[]>;
  /** Forms, in the glossary's order, tried on words no pattern matched; `anyForm` tests them all at once. */
  forms: Form[];
  anyForm: RegExp | undefined;
}

export interface TermMatch {
  concept: string;
  /** The words as written. */
  surface: string;
  /** Token range [start, end). */
  start: number;
  end: number;
  by: MatchedBy;
  /** The glossary entry that matched. */
  written: string;
  sense?: string;
}

function keysOf(written: string): string[] {
  return tokenize(written).map((token) => token.key);
}

export function compileGlossary(file: GlossaryFile): Glossary {
  const concepts = new Map<string, Concept>();
  const patterns = new Map<string, Pattern[]>();
  const forms: Form[] = [];
  const add = (pattern: Omit<Pattern, 'keys' | 'caseSensitive'>): void => {
    const tokens = tokenize(pattern.written);
    const keys = tokens.map((token) => token.key);
    const first = keys[0];
    if (first === undefined) return;
    const list = patterns.get(first) ?? [];
    list.push({
      ...pattern,
      keys,
      caseSensitive: isAcronym(pattern.written) ? tokens.map((t) => t.surface) : undefined,
    });
    patterns.set(first, list);
  };
  for (const entry of file.concepts) {
    const senses = Object.entries(entry.senses ?? {}).map(([name, sense]): SenseRules => {
      const cues = sense.cues.map(keysOf);
      return {
        name,
        label: sense.label,
        cueWords: new Set(cues.filter((k) => k.length === 1).map((k) => k[0] as string)),
        cuePhrases: cues.filter((k) => k.length > 1),
        numbered: sense.numbered ?? false,
        unrelated: sense.unrelated ?? false,
      };
    });
    concepts.set(entry.id, {
      id: entry.id,
      label: entry.label ?? entry.id,
      senses,
      countries: entry.countries ?? {},
      broader: entry.broader ?? [],
      actors: actorWords(entry.actors),
    });
    for (const written of entry.variants)
      add({ concept: entry.id, written, by: isAcronym(written) ? 'abbreviation' : 'variant' });
    for (const written of entry.abbreviations) add({ concept: entry.id, written, by: 'abbreviation' });
    for (const term of entry.national)
      add({ concept: entry.id, written: term.term, by: 'national', ...(term.sense ? { sense: term.sense } : {}) });
    for (const [name, sense] of Object.entries(entry.senses ?? {})) {
      for (const written of sense.phrases) add({ concept: entry.id, written, by: 'phrase', sense: name });
    }
    for (const form of entry.forms)
      forms.push({
        concept: entry.id,
        regex: formPattern(form.pattern),
        written: form.pattern,
        ...(form.sense ? { sense: form.sense } : {}),
      });
  }
  for (const list of patterns.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return { concepts, patterns, forms, anyForm: anyFormOf(forms) };
}

/** Each word for an actor, folded as tokens are, with its kind; a word's first kind wins. */
function actorWords(actors: GlossaryFile['concepts'][number]['actors']): Map<string, string> {
  const out = new Map<string, string>();
  const add = (written: string, kind: string): void => {
    // One word each (glossary-file.ts checks it).
    const key = keysOf(written)[0];
    if (key && !out.has(key)) out.set(key, kind);
  };
  for (const [kind, words] of Object.entries(actors?.kinds ?? {})) for (const w of words) add(w, kind);
  for (const w of actors?.general ?? []) add(w, '');
  return out;
}

function anyFormOf(forms: readonly Form[]): RegExp | undefined {
  return forms.length > 0 ? formPattern(forms.map((f) => f.written).join('|')) : undefined;
}

/** The glossary plus abbreviations defined in the statements themselves ("Digital Innovation Hubs (DIHs)"). */
export function withDefinitions(
  glossary: Glossary,
  definitions: readonly { short: string; concept: string; label: string }[],
): Glossary {
  if (definitions.length === 0) return glossary;
  const concepts = new Map(glossary.concepts);
  const patterns = new Map([...glossary.patterns].map(([key, list]) => [key, [...list]]));
  for (const d of definitions) {
    if (!concepts.has(d.concept))
      concepts.set(d.concept, {
        id: d.concept,
        label: d.label,
        senses: [],
        countries: {},
        broader: [],
        actors: new Map(),
      });
    const tokens = tokenize(d.short);
    const keys = tokens.map((token) => token.key);
    const first = keys[0];
    if (first === undefined) continue;
    const list = patterns.get(first) ?? [];
    list.push({
      concept: d.concept,
      keys,
      caseSensitive: tokens.map((t) => t.surface),
      written: d.short,
      by: 'defined',
    });
    list.sort((a, b) => b.keys.length - a.keys.length);
    patterns.set(first, list);
  }
  return { concepts, patterns, forms: glossary.forms, anyForm: glossary.anyForm };
}

const BUNDLED = 'the bundled glossary (data/glossary.yaml)';

/** The bundled glossary, and a project glossary on top when given. */
export function loadGlossary(projectPath?: string): Glossary {
  const sources = [readGlossaryFile(dataPath('glossary.yaml'), BUNDLED)];
  if (projectPath) sources.push(readGlossaryFile(projectPath));
  return compileGlossary(mergeGlossaries(sources));
}

let bundled: Glossary | undefined;

/** The glossary shipped in `data/glossary.yaml`. */
export function bundledGlossary(): Glossary {
  bundled ??= loadGlossary();
  return bundled;
}
