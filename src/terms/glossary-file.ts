/**
 * A glossary file: its format (zod), reading it with the lines of its entries, and merging files
 * in order with every check that needs them all — a word claimed twice, an abbreviation claimed by
 * two concepts, a sense not defined, a broader concept that is not one. Every problem is reported
 * at once, each at its line.
 */
import { z } from 'zod';
import { readYamlDocument, type YamlDocument } from '../config/yaml-file.js';
import { foldText, type Problem, stopIfAny } from '../model/index.js';
import { tokenize } from './nlp.js';

const Text = z.string().trim().min(1);

const SenseEntry = z.strictObject({
  label: Text,
  /** Fixed phrases: where one occurs, the sense is certain ("cluster manager"). */
  phrases: z.array(Text).default([]),
  /** Words near the term that point to this sense. */
  cues: z.array(Text).default([]),
  /** The term followed by a number ("Cluster 4") has this sense. */
  numbered: z.boolean().optional(),
  /** A meaning unrelated to the concept (a computing cluster): read and shown, but no country's usage. */
  unrelated: z.boolean().optional(),
});

const NationalTerm = z.strictObject({
  term: Text,
  lang: z.string().regex(/^[a-z]{2}$/, 'lang is a two-letter ISO 639-1 code such as de or fr'),
  /** The sense the term usually carries, for a concept with senses. */
  sense: z.string().optional(),
});

/** A pattern over one word, for forms a list cannot hold: compounds, inflections, prefixes. */
const FormEntry = z.strictObject({
  /** A regular expression the whole word must match, folded: lower case, accents removed. */
  pattern: Text,
  lang: z
    .string()
    .regex(/^[a-z]{2}$/, 'lang is a two-letter ISO 639-1 code such as de or fr')
    .optional(),
  /** The sense the form usually carries, for a concept with senses. */
  sense: z.string().optional(),
});

/**
 * The kinds of actors a sentence may name around the term, for the sense model: how many kinds
 * it names (firms, research, public bodies …), and whether it names actors in general.
 */
const ActorsEntry = z.strictObject({
  kinds: z.record(z.string().trim().min(1), z.array(Text)).default({}),
  general: z.array(Text).default([]),
});

const ConceptEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, 'concept ids are lower case letters, digits and _'),
  label: Text.optional(),
  variants: z.array(Text).default([]),
  abbreviations: z.array(Text).default([]),
  national: z.array(NationalTerm).default([]),
  /** Word forms matched by pattern where no variant, national term or phrase matched ("Autocluster"). */
  forms: z.array(FormEntry).default([]),
  senses: z.record(z.string().regex(/^[a-z_]+$/, 'sense names are lower case letters and _'), SenseEntry).optional(),
  countries: z
    .record(z.string().regex(/^[A-Z]{2}$/, 'countries are ISO 3166 alpha-2 codes in capitals, such as AT'), z.string())
    .optional(),
  /** Ids of broader concepts: a statement on this concept is also on those ("EDIH" → "DIH"). */
  broader: z.array(z.string()).optional(),
  actors: ActorsEntry.optional(),
  sources: z.array(Text).optional(),
});

export const GlossaryFile = z.strictObject({ concepts: z.array(ConceptEntry) });
export type GlossaryFile = z.infer<typeof GlossaryFile>;
export type ConceptEntry = z.infer<typeof ConceptEntry>;

/** One glossary file, read and checked, with the lines of its entries for later messages. */
export interface GlossarySource {
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
            forms: [...known.forms, ...entry.forms],
            senses: mergeSenses(known.senses, entry.senses),
            countries: { ...known.countries, ...entry.countries },
            broader: [...(known.broader ?? []), ...(entry.broader ?? [])],
            actors: mergeActors(known.actors, entry.actors),
            sources: [...(known.sources ?? []), ...(entry.sources ?? [])],
          }
        : entry;
      if (!known) origin.set(entry.id, { source, index });
      if (!concept.label)
        fail(source, at('id'), `concept "${entry.id}" has no label`, 'add `label:` with its canonical name');
      merged.set(entry.id, concept);

      const senseNames = new Set(Object.keys(concept.senses ?? {}));
      const checkActor = (word: string, path: (string | number)[]): void => {
        if (tokenize(word).length !== 1)
          fail(
            source,
            path,
            `actor word "${word}" is not one word as swotlens reads it`,
            'write one word per entry, without spaces or hyphens between its parts ("startup", not "start-up")',
          );
      };
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
      entry.forms.forEach((form, i) => {
        if (form.sense !== undefined) checkSense(form.sense, at('forms', i, 'sense'), `form "${form.pattern}"`);
        const problem = formProblem(form.pattern);
        if (problem)
          fail(
            source,
            at('forms', i, 'pattern'),
            `form "${form.pattern}" is not a usable pattern: ${problem}`,
            'write a regular expression over one lower-case word without accents, such as "\\p{L}+clusters?"',
          );
      });
      for (const [kind, words] of Object.entries(entry.actors?.kinds ?? {}))
        words.forEach((word, i) => checkActor(word, at('actors', 'kinds', kind, i)));
      (entry.actors?.general ?? []).forEach((word, i) => checkActor(word, at('actors', 'general', i)));
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
        concept.forms.length +
        Object.values(concept.senses ?? {}).reduce((n, s) => n + s.phrases.length, 0);
      if (hasWords === 0)
        fail(
          source,
          at('id'),
          `concept "${entry.id}" has no variants, abbreviations, national terms, forms or phrases`,
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
          unrelated: sense.unrelated ?? known.unrelated,
        }
      : sense;
  }
  return out;
}

function mergeActors(a: ConceptEntry['actors'], b: ConceptEntry['actors']): ConceptEntry['actors'] {
  if (!a || !b) return a ?? b;
  const kinds = { ...a.kinds };
  for (const [kind, words] of Object.entries(b.kinds)) kinds[kind] = [...(kinds[kind] ?? []), ...words];
  return { kinds, general: [...a.general, ...b.general] };
}

/** Written in capitals ("IT", "R&D", "S3"): matched only in capitals. */
export function isAcronym(written: string): boolean {
  return /^[\p{Lu}0-9&.]{2,8}$/u.test(written) && /\p{Lu}/u.test(written);
}

/** A form's pattern as matched: the whole folded word. */
export function formPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** Why a form's pattern cannot be used, or undefined: it must compile and must not match every word. */
function formProblem(pattern: string): string | undefined {
  try {
    const regex = formPattern(pattern);
    if (regex.test('') || regex.test('the') || regex.test('and')) return 'it matches ordinary words';
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
