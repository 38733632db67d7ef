/**
 * Terminology across partners: which sense of an ambiguous term each country uses, where the
 * dominant sense differs between countries (a conflict), and how one concept is written
 * differently across partners (the variant zoo).
 *
 * Senses count as evidence only where they were read — from the statement's text or the
 * partner's own usage elsewhere — and per statement, not per occurrence (a list of eight named
 * clusters is one statement). A sense only assumed (the country's usual sense from the glossary)
 * or guessed below the model's threshold fills the occurrence but counts nowhere here.
 */
import { byCodePoint as compare, sortedUnique as sorted } from '../order.js';
import { type Glossary, isReadSense, leadingSense, type TermAnalysis, type TermOccurrence } from '../terms/index.js';

/** A dominant sense, and each side of a conflict, needs evidence from at least this many statements. */
export const MIN_EVIDENCE = 2;

export interface SenseUse {
  sense: string;
  /** Statements in which the sense is read. */
  statements: number;
  /** Occurrences in which it is read. */
  occurrences: number;
  partners: string[];
  /** The statement that shows the sense best: highest confidence, then first id. */
  example: string;
}

/** How one country uses one ambiguous term. */
export interface CountryUsage {
  term: string;
  country: string;
  /** The senses read, most statements first. */
  senses: SenseUse[];
  /** The sense read in more statements than any other, with at least MIN_EVIDENCE of them; '' otherwise. */
  dominant: string;
  /** Why there is no dominant sense, in words ('' when there is one). */
  undecided: ReturnType<typeof leadingSense>['undecided'];
  /** Statements that use the term. */
  statements: number;
  /** Statements in which a sense is read. */
  evidence: number;
  /** Statements whose sense is only assumed or uncertain. */
  unread: number;
  partners: string[];
  /** The country's dominant sense differs from the dominant sense read in the other countries. */
  conflict: boolean;
}

export interface TermUsage {
  term: string;
  label: string;
  /** Sense names in the glossary's order. */
  senses: string[];
  countries: CountryUsage[];
  /** Read in more than one sense, in more than one country. */
  contested: boolean;
}

export interface Variant {
  surface: string;
  occurrences: number;
  partners: string[];
  countries: string[];
}

export interface VariantZoo {
  term: string;
  label: string;
  variants: Variant[];
}

export interface Terminology {
  terms: TermUsage[];
  zoo: VariantZoo[];
  definitions: TermAnalysis['definitions'];
  candidates: TermAnalysis['candidates'];
}

/**
 * The sense read in more statements than any other, in at least MIN_EVIDENCE of them (the rule
 * the partner's usage follows too). Senses unrelated to the concept (a computing cluster) are no
 * usage of it and are left out by the caller.
 */
function dominantSense(evidence: readonly TermOccurrence[], order: readonly string[]): ReturnType<typeof leadingSense> {
  const statements = new Map<string, Set<string>>();
  for (const o of evidence) statements.set(o.sense, (statements.get(o.sense) ?? new Set()).add(o.statementId));
  return leadingSense(new Map([...statements].map(([sense, ids]) => [sense, ids.size])), order, MIN_EVIDENCE);
}

/** The most frequent string; ties go to the first in code-point order. */
function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || compare(a, b))[0]?.[0] ?? '';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}

export function compareTerms(analysis: TermAnalysis, glossary: Glossary): Terminology {
  const labelOf = (term: string): string =>
    glossary.concepts.get(term)?.label ?? analysis.definitions.find((d) => d.concept === term)?.long ?? term;
  const terms: TermUsage[] = [];
  const withSense = analysis.occurrences.filter((o) => o.sense !== '');
  for (const [term, list] of [...groupBy(withSense, (o) => o.term)].sort(([a], [b]) => compare(a, b))) {
    const concept = glossary.concepts.get(term);
    const order = concept?.senses.map((s) => s.name) ?? [];
    const unrelated = new Set(concept?.senses.filter((s) => s.unrelated).map((s) => s.name));
    // What counts as a usage of the concept: a sense read from the text or the partner's usage, not an unrelated one.
    const usage = (o: TermOccurrence): boolean => isReadSense(o.basis) && !unrelated.has(o.sense);
    const read = list.filter(usage);
    const byCountry = [...groupBy(list, (o) => o.country)].sort(([a], [b]) => compare(a, b));
    const countries = byCountry.map(([country, uses]): CountryUsage => {
      const evidence = uses.filter((o) => isReadSense(o.basis));
      const senses = [...groupBy(evidence, (o) => o.sense)]
        .map(
          ([sense, of]): SenseUse => ({
            sense,
            statements: new Set(of.map((o) => o.statementId)).size,
            occurrences: of.length,
            partners: sorted(of.map((o) => o.partner)),
            example:
              [...of].sort((a, b) => b.confidence - a.confidence || compare(a.statementId, b.statementId))[0]
                ?.statementId ?? '',
          }),
        )
        .sort((a, b) => b.statements - a.statements || order.indexOf(a.sense) - order.indexOf(b.sense));
      const { sense: dominant, undecided } = dominantSense(evidence.filter(usage), order);
      const others = dominantSense(
        read.filter((o) => o.country !== country),
        order,
      ).sense;
      const all = new Set(uses.map((o) => o.statementId));
      const withEvidence = new Set(evidence.map((o) => o.statementId));
      return {
        term,
        country,
        senses,
        dominant,
        undecided,
        statements: all.size,
        evidence: withEvidence.size,
        unread: all.size - withEvidence.size,
        partners: sorted(uses.map((o) => o.partner)),
        conflict: dominant !== '' && others !== '' && dominant !== others,
      };
    });
    const contested = new Set(read.map((o) => o.sense)).size > 1 && new Set(read.map((o) => o.country)).size > 1;
    terms.push({ term, label: labelOf(term), senses: order, countries, contested });
  }

  const zoo: VariantZoo[] = [];
  for (const [term, list] of [...groupBy(analysis.occurrences, (o) => o.term)].sort(([a], [b]) => compare(a, b))) {
    const variants = [...groupBy(list, (o) => o.surface.toLowerCase().replace(/s$/, ''))]
      .map(
        ([, of]): Variant => ({
          surface: mostFrequent(of.map((o) => o.surface)),
          occurrences: of.length,
          partners: sorted(of.map((o) => o.partner)),
          countries: sorted(of.map((o) => o.country)),
        }),
      )
      .sort(
        (a, b) =>
          b.partners.length - a.partners.length || b.occurrences - a.occurrences || compare(a.surface, b.surface),
      );
    if (variants.length > 1) zoo.push({ term, label: labelOf(term), variants });
  }
  zoo.sort((a, b) => b.variants.length - a.variants.length || compare(a.term, b.term));
  return { terms, zoo, definitions: analysis.definitions, candidates: analysis.candidates };
}
