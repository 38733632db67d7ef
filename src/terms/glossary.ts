/**
 * The glossary: concepts, the words partners write for them, and the senses of ambiguous ones.
 * Read from YAML (the bundled `data/glossary.yaml`, and a project glossary on top), checked, and
 * compiled into token patterns so that a statement is matched in one pass, longest pattern first.
 */
import { z } from 'zod';
import { readYamlDocument, type YamlDocument } from '../config/yaml-file.js';
import { foldText } from '../model/index.js';
import { dataPath } from '../config/data-path.js';
import { type Problem, stopIfAny } from '../model/index.js';
import { spanText, tokenize, type Token } from './nlp.js';

const Text = z.string().trim().min(1);

const SenseEntry = z.strictObject({
  label: Text,
  /** Fixed phrases: where one occurs, the sense is certain ("cluster manager"). */
  phrases: z.array(Text).default([]),
  /** Words near the term that point to this sense. */
  cues: z.array(Text).default([]),
  /** The term followed by a number ("Cluster 4") has this sense. */
  numbered: z.boolean().optional(),
});

const NationalTerm = z.strictObject({
  term: Text,
  lang: z.string().regex(/^[a-z]{2}$/, 'lang is a two-letter ISO 639-1 code such as de or fr'),
  /** The sense the term usually carries, for a concept with senses. */
  sense: z.string().optional(),
});

const ConceptEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, 'concept ids are lower case letters, digits and _'),
  label: Text.optional(),
  variants: z.array(Text).default([]),
  abbreviations: z.array(Text).default([]),
  national: z.array(NationalTerm).default([]),
  senses: z.record(z.string().regex(/^[a-z_]+$/, 'sense names are lower case letters and _'), SenseEntry).optional(),
  countries: z
    .record(z.string().regex(/^[A-Z]{2}$/, 'countries are ISO 3166 alpha-2 codes in capitals, such as AT'), z.string())
    .optional(),
  /** Ids of broader concepts: a statement on this concept is also on those ("EDIH" → "DIH"). */
  broader: z.array(z.string()).optional(),
  sources: z.array(Text).optional(),
});

export const GlossaryFile = z.strictObject({ concepts: z.array(ConceptEntry) });
export type GlossaryFile = z.infer<typeof GlossaryFile>;
type ConceptEntry = z.infer<typeof ConceptEntry>;

export interface SenseRules {
  name: string;
  label: string;
  /** Single cue words, folded. */
  cueWords: Set<string>;
  /** Cues of several words, as folded token keys. */
  cuePhrases: string[][];
  numbered: boolean;
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
}

export type MatchedBy = 'variant' | 'abbreviation' | 'national' | 'phrase' | 'defined';

interface Pattern {
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
  by: MatchedBy;
  /** The glossary entry that matched. */
  written: string;
  sense?: string;
}

/** One glossary file, read and checked, with the lines of its entries for later messages. */
interface GlossarySource {
  path: string;
  /** How messages name the file when pointing at it from another one. */
  name: string;
  doc: YamlDocument<GlossaryFile>;
}

const HINT = 'see the comments at the top of data/glossary.yaml for the format';

export function readGlossaryFile(path: string, name = path): GlossarySource {
  return {
    path,
    name,
    doc: readYamlDocument(path, GlossaryFile, { code: 'glossary-invalid', kind: 'glossary', hint: HINT }),
  };
}

/** A word or phrase a concept claims, and where. */
interface Claim {
  key: string;
  concept: string;
  written: string;
  kind: 'variant' | 'abbreviation' | 'national term' | 'phrase';
  source: GlossarySource;
  path: (string | number)[];
}

function claimKey(written: string, kind: Claim['kind']): string {
  return kind === 'abbreviation' ? written.replace(/s$/, '') : foldText(written);
}

/** A problem of a glossary entry, at its line; the checks go on and stop with all of them at the end. */
function problemAt(source: GlossarySource, path: (string | number)[], message: string, hint: string): Problem {
  const line = source.doc.lineOf(path);
  return {
    code: 'glossary-invalid',
    severity: 'error',
    place: { file: source.path, ...(line !== undefined ? { line } : {}) },
    message,
    hint,
  };
}

/**
 * Merges glossary files in order (a later concept with a known id adds to it) and checks the
 * result: senses that are not defined, words claimed twice, abbreviations claimed by two concepts.
 */
export function mergeGlossaries(sources: readonly GlossarySource[]): GlossaryFile {
  const problems: Problem[] = [];
  const fail = (source: GlossarySource, path: (string | number)[], message: string, hint: string): void => {
    problems.push(problemAt(source, path, message, hint));
  };
  const merged = new Map<string, ConceptEntry>();
  const origin = new Map<string, { source: GlossarySource; index: number }>();
  const claims = new Map<string, Claim>();

  for (const source of sources) {
    source.doc.data.concepts.forEach((entry, index) => {
      const at = (...rest: (string | number)[]): (string | number)[] => ['concepts', index, ...rest];
      const known = merged.get(entry.id);
      if (known && origin.get(entry.id)?.source === source) {
        fail(source, at('id'), `concept "${entry.id}" is defined twice in this file`, 'merge the two entries into one');
      }
      const concept: ConceptEntry = known
        ? {
            ...known,
            label: entry.label ?? known.label,
            variants: [...known.variants, ...entry.variants],
            abbreviations: [...known.abbreviations, ...entry.abbreviations],
            national: [...known.national, ...entry.national],
            senses: mergeSenses(known.senses, entry.senses),
            countries: { ...known.countries, ...entry.countries },
            broader: [...(known.broader ?? []), ...(entry.broader ?? [])],
            sources: [...(known.sources ?? []), ...(entry.sources ?? [])],
          }
        : entry;
      if (!known) origin.set(entry.id, { source, index });
      if (!concept.label)
        fail(source, at('id'), `concept "${entry.id}" has no label`, 'add `label:` with its canonical name');
      merged.set(entry.id, concept);

      const senseNames = new Set(Object.keys(concept.senses ?? {}));
      const checkSense = (sense: string, path: (string | number)[], what: string): void => {
        if (senseNames.has(sense)) return;
        const known = senseNames.size > 0 ? `its senses are ${[...senseNames].join(', ')}` : 'it has no `senses:`';
        fail(
          source,
          path,
          `${what} names the sense "${sense}", which concept "${entry.id}" does not define`,
          `${known}; use one of them or define the sense`,
        );
      };
      entry.national.forEach(
        (term, i) =>
          term.sense !== undefined &&
          checkSense(term.sense, at('national', i, 'sense'), `national term "${term.term}"`),
      );
      for (const [country, sense] of Object.entries(entry.countries ?? {}))
        checkSense(sense, at('countries', country), `country ${country}`);

      const claim = (written: string, kind: Claim['kind'], path: (string | number)[]): void => {
        const key = claimKey(written, kind);
        const first = claims.get(`${kind === 'abbreviation' ? 'A' : 'W'}:${key}`);
        if (first) {
          const line = first.source.doc.lineOf(first.path) ?? '?';
          const where = first.source === source ? `line ${line}` : `${first.source.name}, line ${line}`;
          const message =
            kind === 'abbreviation' && first.concept !== entry.id
              ? `abbreviation "${written}" is claimed by concept "${entry.id}" and by concept "${first.concept}" (${where})`
              : `"${written}" is already a ${first.kind} of concept "${first.concept}" (${where})`;
          fail(source, path, message, first.concept === entry.id ? 'remove the repeat' : 'keep it in one concept only');
          return;
        }
        claims.set(`${kind === 'abbreviation' ? 'A' : 'W'}:${key}`, {
          key,
          concept: entry.id,
          written,
          kind,
          source,
          path,
        });
      };
      entry.variants.forEach((v, i) => claim(v, 'variant', at('variants', i)));
      entry.abbreviations.forEach((v, i) => claim(v, 'abbreviation', at('abbreviations', i)));
      entry.national.forEach((t, i) =>
        claim(t.term, isAcronym(t.term) ? 'abbreviation' : 'national term', at('national', i, 'term')),
      );
      for (const [name, sense] of Object.entries(entry.senses ?? {})) {
        sense.phrases.forEach((p, i) =>
          claim(p, isAcronym(p) ? 'abbreviation' : 'phrase', at('senses', name, 'phrases', i)),
        );
      }
      const hasWords =
        concept.variants.length +
        concept.abbreviations.length +
        concept.national.length +
        Object.values(concept.senses ?? {}).reduce((n, s) => n + s.phrases.length, 0);
      if (hasWords === 0)
        fail(
          source,
          at('id'),
          `concept "${entry.id}" has no variants, abbreviations, national terms or phrases`,
          'add at least one way of writing it',
        );
    });
  }
  for (const source of sources) {
    source.doc.data.concepts.forEach((entry, index) => {
      (entry.broader ?? []).forEach((id, i) => {
        if (!merged.has(id))
          fail(
            source,
            ['concepts', index, 'broader', i],
            `concept "${entry.id}" names "${id}" as broader, which is not a concept`,
            'use the id of a concept in this or the bundled glossary',
          );
      });
    });
  }
  stopIfAny(problems);
  return { concepts: [...merged.values()] };
}

function mergeSenses(a: ConceptEntry['senses'], b: ConceptEntry['senses']): ConceptEntry['senses'] {
  if (!a || !b) return a ?? b;
  const out = { ...a };
  for (const [name, sense] of Object.entries(b)) {
    const known = out[name];
    out[name] = known
      ? {
          ...known,
          label: sense.label,
          phrases: [...known.phrases, ...sense.phrases],
          cues: [...known.cues, ...sense.cues],
          numbered: sense.numbered ?? known.numbered,
        }
      : sense;
  }
  return out;
}

/** Written in capitals ("IT", "R&D", "S3"): matched only in capitals. */
export function isAcronym(written: string): boolean {
  return /^[\p{Lu}0-9&.]{2,8}$/u.test(written) && /\p{Lu}/u.test(written);
}

function keysOf(written: string): string[] {
  return tokenize(written).map((token) => token.key);
}

export function compileGlossary(file: GlossaryFile): Glossary {
  const concepts = new Map<string, Concept>();
  const patterns = new Map<string, Pattern[]>();
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
      };
    });
    concepts.set(entry.id, {
      id: entry.id,
      label: entry.label ?? entry.id,
      senses,
      countries: entry.countries ?? {},
      broader: entry.broader ?? [],
    });
    for (const written of entry.variants)
      add({ concept: entry.id, written, by: isAcronym(written) ? 'abbreviation' : 'variant' });
    for (const written of entry.abbreviations) add({ concept: entry.id, written, by: 'abbreviation' });
    for (const term of entry.national)
      add({ concept: entry.id, written: term.term, by: 'national', ...(term.sense ? { sense: term.sense } : {}) });
    for (const [name, sense] of Object.entries(entry.senses ?? {})) {
      for (const written of sense.phrases) add({ concept: entry.id, written, by: 'phrase', sense: name });
    }
  }
  for (const list of patterns.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return { concepts, patterns };
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
      concepts.set(d.concept, { id: d.concept, label: d.label, senses: [], countries: {}, broader: [] });
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
  return { concepts, patterns };
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

/** Keys a text token can be matched under: its folded surface, its lemma, and "SMEs" → "sme". */
function tokenKeys(token: Token): string[] {
  const surface = token.key;
  const keys = [surface, token.lemmaKey];
  if (surface.length > 2 && surface.endsWith('s')) keys.push(surface.slice(0, -1));
  return keys;
}

function matchesAt(tokens: readonly Token[], at: number, pattern: Pattern): boolean {
  for (let i = 0; i < pattern.keys.length; i++) {
    const token = tokens[at + i];
    if (!token) return false;
    const key = pattern.keys[i] as string;
    if (pattern.caseSensitive) {
      // Each token of an abbreviation as written, a plural "s" allowed ("DIHs", "KETs").
      const expected = pattern.caseSensitive[i] ?? '';
      if (token.surface !== expected && token.surface !== `${expected}s`) return false;
    } else {
      const keys = tokenKeys(token);
      if (!keys.includes(key) && !keys.includes(key.replace(/s$/, ''))) return false;
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
    const keys = tokenKeys(token);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      // Each key once: the surface and the lemma are often the same.
      if (keys.indexOf(key) < k) continue;
      for (const pattern of glossary.patterns.get(key) ?? []) {
        if ((!match || pattern.keys.length > match.keys.length) && matchesAt(tokens, at, pattern)) match = pattern;
      }
    }
    if (match) {
      const end = at + match.keys.length;
      found.push({
        concept: match.concept,
        surface: spanText(tokens, at, end),
        start: at,
        end,
        by: match.by,
        written: match.written,
        ...(match.sense ? { sense: match.sense } : {}),
      });
      at = end;
    } else {
      at++;
    }
  }
  return found;
}
