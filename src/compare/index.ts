/**
 * Compare partners: for each theme, the distinct partners per quadrant (never statement counts),
 * consensus and divergence, and learning pairs — a partner's strength against another's weakness.
 */
import { byCodePoint, sortedUnique as sorted } from '../order.js';
import type { Assignment, Theme } from '../themes/index.js';
import { type AnalysedStatement, QUADRANTS, type Quadrant } from '../model/index.js';

export { compareRuns, type Changes } from './changes.js';
export {
  compareTerms,
  type CountryUsage,
  type SenseUse,
  type Terminology,
  type TermUsage,
  type Variant,
  type VariantZoo,
} from './terminology.js';

export interface PartnerSummary {
  name: string;
  country: string;
  statements: number;
}

export interface ThemeComparison {
  theme: Theme;
  /** Distinct partners per quadrant, sorted by name. */
  partners: Record<Quadrant, string[]>;
  /** Distinct partners in any quadrant. */
  allPartners: string[];
  /** Statements in the theme (assigned and borderline). */
  statements: number;
  /** Distinct partners per dimension and quadrant ('' = no dimension given). */
  byDimension: Record<string, Record<Quadrant, number>>;
  /** Distinct countries per quadrant. */
  countries: Record<Quadrant, string[]>;
  /** Raised by at least the consensus share of all partners. */
  consensus: boolean;
  /** A strength for some partners and a weakness for others. */
  divergent: boolean;
  /** Statements per quadrant. */
  statementsByQuadrant: Record<Quadrant, number>;
}

export interface LearningPair {
  themeId: string;
  /** Lists the theme as a strength (and not as a weakness). */
  from: string;
  /** Lists it as a weakness (and not as a strength). */
  to: string;
}

export interface Comparison {
  partners: PartnerSummary[];
  /** Partners a theme needs for consensus: ceil(share × partners). */
  consensusPartners: number;
  consensusShare: number;
  /** Sorted: most partners first, then most statements, then id. */
  themes: ThemeComparison[];
  learningPairs: LearningPair[];
}

function byQuadrant<T>(make: () => T): Record<Quadrant, T> {
  return { S: make(), W: make(), O: make(), T: make() };
}

export function comparePartners(
  analysed: readonly Pick<AnalysedStatement, 'statement' | 'assignment'>[],
  themes: readonly Theme[],
  consensusShare: number,
): Comparison {
  const partnerMap = new Map<string, PartnerSummary>();
  for (const { statement: s } of analysed) {
    const p = partnerMap.get(s.partner) ?? { name: s.partner, country: s.country, statements: 0 };
    p.statements++;
    partnerMap.set(s.partner, p);
  }
  const partners = [...partnerMap.values()].sort((a, b) => byCodePoint(a.name, b.name));
  const consensusPartners = Math.max(1, Math.ceil(consensusShare * partners.length - 1e-9));

  interface Acc {
    partners: Record<Quadrant, Set<string>>;
    countries: Record<Quadrant, Set<string>>;
    dims: Map<string, Record<Quadrant, Set<string>>>;
    count: Record<Quadrant, number>;
  }
  const acc = new Map<string, Acc>(
    themes.map((t) => [
      t.id,
      {
        partners: byQuadrant(() => new Set()),
        countries: byQuadrant(() => new Set()),
        dims: new Map(),
        count: byQuadrant(() => 0),
      },
    ]),
  );
  for (const { statement: s, assignment: a } of analysed) {
    const entry = a.themeId === undefined ? undefined : acc.get(a.themeId);
    if (!entry) continue;
    entry.partners[s.quadrant].add(s.partner);
    entry.countries[s.quadrant].add(s.country);
    entry.count[s.quadrant]++;
    const dim = entry.dims.get(s.dimension) ?? byQuadrant(() => new Set<string>());
    dim[s.quadrant].add(s.partner);
    entry.dims.set(s.dimension, dim);
  }

  const comparisons = themes.map((theme): ThemeComparison => {
    const e = acc.get(theme.id) as Acc;
    const all = new Set(QUADRANTS.flatMap((q) => [...e.partners[q]]));
    const strengthOnly = [...e.partners.S].filter((p) => !e.partners.W.has(p));
    const weaknessOnly = [...e.partners.W].filter((p) => !e.partners.S.has(p));
    const byDimension: Record<string, Record<Quadrant, number>> = {};
    for (const key of sorted(e.dims.keys())) {
      const d = e.dims.get(key) as Record<Quadrant, Set<string>>;
      byDimension[key] = { S: d.S.size, W: d.W.size, O: d.O.size, T: d.T.size };
    }
    return {
      theme,
      partners: { S: sorted(e.partners.S), W: sorted(e.partners.W), O: sorted(e.partners.O), T: sorted(e.partners.T) },
      allPartners: sorted(all),
      statements: QUADRANTS.reduce((sum, q) => sum + e.count[q], 0),
      statementsByQuadrant: e.count,
      byDimension,
      countries: {
        S: sorted(e.countries.S),
        W: sorted(e.countries.W),
        O: sorted(e.countries.O),
        T: sorted(e.countries.T),
      },
      consensus: all.size >= consensusPartners,
      divergent: strengthOnly.length > 0 && weaknessOnly.length > 0,
    };
  });
  comparisons.sort(
    (a, b) =>
      b.allPartners.length - a.allPartners.length || b.statements - a.statements || byCodePoint(a.theme.id, b.theme.id),
  );

  const learningPairs: LearningPair[] = [];
  for (const c of comparisons) {
    if (!c.divergent) continue;
    const weak = new Set(c.partners.W);
    const strong = new Set(c.partners.S);
    for (const from of c.partners.S) {
      if (weak.has(from)) continue;
      for (const to of c.partners.W) if (!strong.has(to)) learningPairs.push({ themeId: c.theme.id, from, to });
    }
  }
  return { partners, consensusPartners, consensusShare, themes: comparisons, learningPairs };
}
