/**
 * The report document: what every rendering of a run shows, worked out once from the run report —
 * the consensus and divergent themes, who could learn from whom, the terms whose sense differs
 * between countries, the statements to review, the counts. report.md, report.html and the tables
 * only format it, so the sections cannot drift apart.
 */
import type { LearningPair, Overrepresentation, TermUsage, ThemeComparison } from '../compare/index.js';
import { type AnalysedStatement, QUADRANTS, type Quadrant, type RunReport, type Statement } from '../model/index.js';
import { type Assignment, type CodebookEdits, editsOf } from '../themes/index.js';

/** Learning pairs shown per theme; the rest are counted, and all are in themes.json. */
export const PAIRS_SHOWN = 5;

export interface LearningRow {
  theme: ThemeComparison;
  /** Partners that list the theme only as a strength: they can share. */
  from: string[];
  /** Partners that list it only as a weakness: they want to learn. */
  to: string[];
  /** The first PAIRS_SHOWN pairs, each with its two statements. */
  pairs: { pair: LearningPair; strength: Statement; weakness: Statement }[];
  /** All pairs of the theme. */
  total: number;
}

export interface ReportDocument {
  run: RunReport;
  statementById: ReadonlyMap<string, Statement>;
  /** Theme id → label. */
  labels: ReadonlyMap<string, string>;
  /** Statements by status of their assignment. */
  counts: Record<Assignment['status'], number>;
  /**
   * Discovered themes that count no statement: every one of theirs is borderline. Not findings:
   * their statements resemble each other, none fits well enough to count, so they are for review.
   */
  hollow: ThemeComparison[];
  /** Themes raised by at least the consensus share of partners, in the report's order. */
  consensus: ThemeComparison[];
  /** Themes that are a strength for some partners and a weakness for others. */
  divergent: ThemeComparison[];
  /** Per divergent theme with learning pairs: who can share and who wants to learn. */
  learning: LearningRow[];
  /** Partners and countries that raise a theme notably more than their statements predict, lowest q first. */
  standsOut: { theme: ThemeComparison; finding: Overrepresentation }[];
  /** The broader areas, largest first: their themes and the partners with evidence in any of them. */
  areas: { name: string; themes: ThemeComparison[]; partners: Record<Quadrant, string[]>; total: number }[];
  /** Terms whose dominant sense differs between countries. */
  conflicts: TermUsage[];
  /** Statements no theme fits well enough, and those shown with a theme they fit only weakly (never counted). */
  review: {
    unassigned: Statement[];
    borderline: { statement: Statement; assignment: Assignment }[];
    /** Bullets that raise two topics, with their two themes (counted in both). */
    compound: { statement: Statement; assignment: Assignment }[];
    /** Statements whose own words contradict their quadrant, most contradicting first. */
    quadrant: { statement: Statement; polarity: AnalysedStatement['terms']['polarity'] }[];
  };
  /** With --codebook: the analyst's edits it carries (renames, merges, splits, pins, exclusions). */
  edits: CodebookEdits | undefined;
}

/** Whether a codebook carries any edit. */
export function hasEdits(edits: CodebookEdits | undefined): edits is CodebookEdits {
  return edits !== undefined && Object.values(edits).some((list) => list.length > 0);
}

export function buildDocument(run: RunReport): ReportDocument {
  const { comparison, themeSet } = run;
  const counts: Record<Assignment['status'], number> = { assigned: 0, borderline: 0, unassigned: 0, pinned: 0 };
  const unassigned: Statement[] = [];
  const borderline: ReportDocument['review']['borderline'] = [];
  for (const { statement, assignment } of run.analysed) {
    counts[assignment.status]++;
    if (assignment.status === 'unassigned') unassigned.push(statement);
    else if (assignment.status === 'borderline') borderline.push({ statement, assignment });
  }
  const statementById = new Map(run.statements.map((s) => [s.id, s]));
  const divergent = comparison.themes.filter((c) => c.divergent);
  const learning = divergent.flatMap((theme): LearningRow[] => {
    const pairs = comparison.learningPairs.filter((p) => p.themeId === theme.theme.id);
    if (pairs.length === 0) return [];
    return [
      {
        theme,
        from: [...new Set(pairs.map((p) => p.from))],
        to: [...new Set(pairs.map((p) => p.to))],
        pairs: varied(pairs).map((pair) => ({
          pair,
          strength: statementById.get(pair.fromStatement) as Statement,
          weakness: statementById.get(pair.toStatement) as Statement,
        })),
        total: pairs.length,
      },
    ];
  });
  return {
    run,
    statementById,
    labels: new Map(themeSet.themes.map((t) => [t.id, t.label])),
    counts,
    hollow: comparison.themes.filter((c) => c.statements === 0 && c.theme.origin === 'discovered'),
    consensus: comparison.themes.filter((c) => c.consensus),
    divergent,
    learning,
    standsOut: comparison.themes
      .flatMap((theme) => theme.overrepresented.map((finding) => ({ theme, finding })))
      .sort((a, b) => a.finding.q - b.finding.q || a.finding.p - b.finding.p),
    areas: areasOf(comparison.themes),
    conflicts: run.terminology.terms.filter((t) => t.countries.some((c) => c.conflict)),
    review: {
      unassigned,
      borderline,
      compound: run.analysed
        .filter((a) => a.assignment.themeId2 !== undefined)
        .map(({ statement, assignment }) => ({ statement, assignment })),
      quadrant: run.analysed
        .filter((a) => a.terms.flags.includes('quadrant'))
        .map((a) => ({ statement: a.statement, polarity: a.terms.polarity }))
        .sort((a, b) => Math.abs(b.polarity.score) - Math.abs(a.polarity.score)),
    },
    edits: run.codebook ? editsOf(run.codebook.file, run.codebook.edited) : undefined,
  };
}

/** The themes grouped by their broader area, with the partners that raise any of them per quadrant. */
function areasOf(themes: readonly ThemeComparison[]): ReportDocument['areas'] {
  const byName = new Map<string, ThemeComparison[]>();
  for (const c of themes) byName.set(c.theme.area, [...(byName.get(c.theme.area) ?? []), c]);
  return [...byName]
    .map(([name, list]) => {
      const partners = Object.fromEntries(
        QUADRANTS.map((q) => [q, [...new Set(list.flatMap((c) => c.partners[q]))].sort()]),
      ) as Record<Quadrant, string[]>;
      return { name, themes: list, partners, total: new Set(list.flatMap((c) => c.allPartners)).size };
    })
    .sort(
      (a, b) =>
        b.total - a.total || b.themes.length - a.themes.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}

/**
 * The pairs to show: first those whose two partners are not yet shown, so that five rows name as
 * many partners as they can; then the rest in order.
 */
function varied(pairs: readonly LearningPair[]): LearningPair[] {
  const shown: LearningPair[] = [];
  const from = new Set<string>();
  const to = new Set<string>();
  for (const pass of [0, 1, 2]) {
    for (const p of pairs) {
      if (shown.length === PAIRS_SHOWN) return shown;
      if (shown.includes(p)) continue;
      const fresh = (from.has(p.from) ? 0 : 1) + (to.has(p.to) ? 0 : 1);
      if (fresh < 2 - pass) continue;
      shown.push(p);
      from.add(p.from);
      to.add(p.to);
    }
  }
  return shown;
}
