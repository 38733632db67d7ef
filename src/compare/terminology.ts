/**
 * Terminology across partners: which sense of an ambiguous term each country uses, where the
 * dominant sense differs between countries (a conflict), and how one concept is written
 * differently across partners (the variant zoo).
 */
import { byCodePoint as compare, sortedUnique as sorted } from '../order.js';
import type { Glossary, TermAnalysis, TermOccurrence } from '../terms/index.js';

export interface SenseUse {
  sense: string;
  occurrences: number;
  partners: string[];
  /** The statement that shows the sense best: highest confidence, then first id. */
  example: string;
}

/** How one country uses one ambiguous term. */
export interface CountryUsage {
  term: string;
  country: string;
  /** Most occurrences first. */
  senses: SenseUse[];
  dominant: string;
  statements: number;
  partners: string[];
  /** The country's dominant sense differs from the dominant sense in the other countries. */
  conflict: boolean;
}

export interface TermUsage {
  term: string;
  label: string;
  /** Sense names in the glossary's order. */
  senses: string[];
  countries: CountryUsage[];
  /** Used in more than one sense, in more than one country. */
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

/** The sense with most occurrences; ties go to the higher total confidence, then the glossary's order. */
function dominantSense(list: readonly TermOccurrence[], order: readonly string[]): string {
  const score = new Map<string, { n: number; confidence: number }>();
  for (const o of list) {
    const s = score.get(o.sense) ?? { n: 0, confidence: 0 };
    s.n++;
    s.confidence += o.confidence;
    score.set(o.sense, s);
  }
  return (
    [...score].sort(
      ([a, x], [b, y]) => y.n - x.n || y.confidence - x.confidence || order.indexOf(a) - order.indexOf(b),
    )[0]?.[0] ?? ''
  );
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
    const byCountry = [...groupBy(list, (o) => o.country)].sort(([a], [b]) => compare(a, b));
    const countries = byCountry.map(([country, uses]): CountryUsage => {
      const senses = [...groupBy(uses, (o) => o.sense)]
        .map(
          ([sense, of]): SenseUse => ({
            sense,
            occurrences: of.length,
            partners: sorted(of.map((o) => o.partner)),
            example:
              [...of].sort((a, b) => b.confidence - a.confidence || compare(a.statementId, b.statementId))[0]
                ?.statementId ?? '',
          }),
        )
        .sort((a, b) => b.occurrences - a.occurrences || order.indexOf(a.sense) - order.indexOf(b.sense));
      const others = list.filter((o) => o.country !== country);
      const dominant = dominantSense(uses, order);
      return {
        term,
        country,
        senses,
        dominant,
        statements: new Set(uses.map((o) => o.statementId)).size,
        partners: sorted(uses.map((o) => o.partner)),
        conflict: others.length > 0 && dominantSense(others, order) !== dominant,
      };
    });
    const contested = new Set(list.map((o) => o.sense)).size > 1 && countries.length > 1;
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
