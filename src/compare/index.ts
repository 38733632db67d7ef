/**
 * Compare partners: for each theme, the distinct partners per quadrant (never statement counts),
 * consensus and divergence, and learning pairs — a partner's strength against another's weakness.
 */
import { byCodePoint, sortedUnique as sorted } from '../order.js';
import type { Theme } from '../themes/index.js';
import { type AnalysedStatement, isEvidence, QUADRANTS, type Quadrant } from '../model/index.js';
import { type Overrepresentation, standsOut } from './stands-out.js';

export { compareRuns, type Changes } from './changes.js';
export {
  benjaminiHochberg,
  hypergeometricUpper,
  type Overrepresentation,
  STANDS_OUT_AT,
  standsOut,
} from './stands-out.js';
export {
  compareTerms,
  MIN_EVIDENCE,
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
  /** Distinct partners per quadrant with evidence (an assigned or pinned statement), sorted by name. */
  partners: Record<Quadrant, string[]>;
  /** Distinct partners with evidence in any quadrant. */
  allPartners: string[];
  /** Statements that are evidence of the theme (assigned or pinned). */
  statements: number;
  /** Statements that fit the theme only weakly: shown with it, never counted. */
  borderline: { statements: number; partners: string[] };
  /** Distinct partners with evidence per dimension and quadrant ('' = no dimension given). */
  byDimension: Record<string, Record<Quadrant, number>>;
  /** Distinct countries with evidence per quadrant. */
  countries: Record<Quadrant, string[]>;
  /** Partners that raise it as a strength or opportunity, and those that raise it as a weakness or threat. */
  polarity: { positive: string[]; negative: string[] };
  /** Raised by at least the consensus share of all partners on one side (or on both). */
  consensus: boolean;
  consensusAs: 'positive' | 'negative' | 'both' | undefined;
  /** An assigned strength for some partners and an assigned weakness for other partners. */
  divergent: boolean;
  /** Evidence statements per quadrant. */
  statementsByQuadrant: Record<Quadrant, number>;
  /** Partners and countries that raise it notably more than their number of statements predicts. */
  overrepresented: Overrepresentation[];
}

export interface LearningPair {
  themeId: string;
  /** Lists the theme as a strength (and not as a weakness). */
  from: string;
  /** Lists it as a weakness (and not as a strength). */
  to: string;
  /** The strength of `from` that fits the theme best, and the weakness of `to`. */
  fromStatement: string;
  toStatement: string;
}

export interface Comparison {
  partners: PartnerSummary[];
  /** Partners a theme needs for consensus: ceil(share × partners). */
  consensusPartners: number;
  consensusShare: number;
  /** Over-representation tests corrected together (themes × partners and countries of two or more). */
  standsOutTests: number;
  /** Sorted: most partners first, then most statements, then id. */
  themes: ThemeComparison[];
  learningPairs: LearningPair[];
}

function byQuadrant<T>(make: () => T): Record<Quadrant, T> {
  return { S: make(), W: make(), O: make(), T: make() };
}

type Analysed = Pick<AnalysedStatement, 'statement' | 'assignment'>;

/**
 * Compares partners theme by theme, from the evidence: assigned and pinned statements are
 * counted; borderline ones are shown beside, never counted.
 */
export function comparePartners(
  analysed: readonly Analysed[],
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
    borderline: { statements: number; partners: Set<string> };
    /** Per partner and quadrant, its best-fitting evidence statement. */
    best: Map<string, Analysed>;
  }
  const acc = new Map<string, Acc>(
    themes.map((t) => [
      t.id,
      {
        partners: byQuadrant(() => new Set()),
        countries: byQuadrant(() => new Set()),
        dims: new Map(),
        count: byQuadrant(() => 0),
        borderline: { statements: 0, partners: new Set() },
        best: new Map(),
      },
    ]),
  );
  // A compound bullet is evidence of its second theme too.
  const evidenceOf = (r: Analysed): [string | undefined, Analysed][] =>
    r.assignment.themeId2 === undefined
      ? [[r.assignment.themeId, r]]
      : [
          [r.assignment.themeId, r],
          [r.assignment.themeId2, r],
        ];
  for (const [themeId, record] of analysed.flatMap(evidenceOf)) {
    const { statement: s, assignment: a } = record;
    const entry = themeId === undefined ? undefined : acc.get(themeId);
    if (!entry) continue;
    if (!isEvidence(a.status)) {
      entry.borderline.statements++;
      entry.borderline.partners.add(s.partner);
      continue;
    }
    entry.partners[s.quadrant].add(s.partner);
    entry.countries[s.quadrant].add(s.country);
    entry.count[s.quadrant]++;
    const dim = entry.dims.get(s.dimension) ?? byQuadrant(() => new Set<string>());
    dim[s.quadrant].add(s.partner);
    entry.dims.set(s.dimension, dim);
    const key = `${s.partner}\u0000${s.quadrant}`;
    const held = entry.best.get(key);
    if (
      !held ||
      a.score > held.assignment.score ||
      (a.score === held.assignment.score && byCodePoint(s.id, held.statement.id) < 0)
    )
      entry.best.set(key, record);
  }

  const standing = standsOut(
    analysed,
    themes.map((t) => t.id),
  );
  const comparisons = themes.map((theme): ThemeComparison => {
    const e = acc.get(theme.id) as Acc;
    const all = new Set(QUADRANTS.flatMap((q) => [...e.partners[q]]));
    const positive = sorted(new Set([...e.partners.S, ...e.partners.O]));
    const negative = sorted(new Set([...e.partners.W, ...e.partners.T]));
    const strengthOnly = [...e.partners.S].filter((p) => !e.partners.W.has(p));
    const weaknessOnly = [...e.partners.W].filter((p) => !e.partners.S.has(p));
    const byDimension: Record<string, Record<Quadrant, number>> = {};
    for (const key of sorted(e.dims.keys())) {
      const d = e.dims.get(key) as Record<Quadrant, Set<string>>;
      byDimension[key] = { S: d.S.size, W: d.W.size, O: d.O.size, T: d.T.size };
    }
    const asPositive = positive.length >= consensusPartners;
    const asNegative = negative.length >= consensusPartners;
    const consensusAs =
      asPositive && asNegative ? 'both' : asPositive ? 'positive' : asNegative ? 'negative' : undefined;
    return {
      theme,
      partners: { S: sorted(e.partners.S), W: sorted(e.partners.W), O: sorted(e.partners.O), T: sorted(e.partners.T) },
      allPartners: sorted(all),
      statements: QUADRANTS.reduce((sum, q) => sum + e.count[q], 0),
      borderline: { statements: e.borderline.statements, partners: sorted(e.borderline.partners) },
      statementsByQuadrant: e.count,
      byDimension,
      countries: {
        S: sorted(e.countries.S),
        W: sorted(e.countries.W),
        O: sorted(e.countries.O),
        T: sorted(e.countries.T),
      },
      polarity: { positive, negative },
      consensus: consensusAs !== undefined,
      consensusAs,
      divergent: strengthOnly.length > 0 && weaknessOnly.length > 0,
      overrepresented: standing.found.get(theme.id) ?? [],
    };
  });
  comparisons.sort(
    (a, b) =>
      b.allPartners.length - a.allPartners.length || b.statements - a.statements || byCodePoint(a.theme.id, b.theme.id),
  );

  const learningPairs: LearningPair[] = [];
  for (const c of comparisons) {
    if (!c.divergent) continue;
    const e = acc.get(c.theme.id) as Acc;
    const weak = new Set(c.partners.W);
    const strong = new Set(c.partners.S);
    const best = (partner: string, q: Quadrant): string =>
      (e.best.get(`${partner}\u0000${q}`) as Analysed).statement.id;
    for (const from of c.partners.S) {
      if (weak.has(from)) continue;
      for (const to of c.partners.W) {
        if (strong.has(to)) continue;
        learningPairs.push({
          themeId: c.theme.id,
          from,
          to,
          fromStatement: best(from, 'S'),
          toStatement: best(to, 'W'),
        });
      }
    }
  }
  return {
    partners,
    consensusPartners,
    consensusShare,
    standsOutTests: standing.tests,
    themes: comparisons,
    learningPairs,
  };
}
