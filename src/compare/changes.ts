/** What a run changed against a previous one (--previous): partners, themes, counts, statements. */
import { byCodePoint, sortedUnique as sorted } from '../order.js';
import type { PreviousRun } from '../read/previous.js';
import { type AnalysedStatement, QUADRANTS } from '../model/index.js';
import type { Comparison } from './index.js';

export interface Changes {
  previous: string;
  partners: { new: string[]; missing: string[] };
  themes: {
    new: { id: string; label: string }[];
    vanished: { id: string; label: string }[];
    /** Previous themes the analyst merged into another: their id is now an alias. */
    merged: { id: string; into: string }[];
    renamed: { id: string; from: string; to: string }[];
  };
  /** Distinct partners per theme and quadrant (and in all) that changed. */
  counts: {
    themeId: string;
    label: string;
    column: 'S' | 'W' | 'O' | 'T' | 'partners';
    before: number;
    after: number;
  }[];
  statements: {
    new: number;
    gone: number;
    /** Statements in both runs that kept their theme id (an alias counts as the theme that absorbed it). */
    kept: number;
    moved: { statementId: string; from: string; to: string }[];
  };
}

export function compareRuns(
  previous: PreviousRun,
  analysed: readonly Pick<AnalysedStatement, 'statement' | 'assignment'>[],
  comparison: Comparison,
  resolve: ReadonlyMap<string, string>,
): Changes {
  const current = new Map(comparison.themes.map((c) => [c.theme.id, c]));
  const aliasOf = new Map<string, string>();
  for (const c of comparison.themes) for (const alias of c.theme.aliases) aliasOf.set(alias, c.theme.id);
  const now = (id: string): string =>
    id === '' ? '' : current.has(id) ? id : (aliasOf.get(id) ?? resolve.get(id) ?? id);

  const partnersNow = new Set(comparison.partners.map((p) => p.name));
  const previousIds = new Set(previous.themes.map((t) => t.id));
  const themes: Changes['themes'] = { new: [], vanished: [], merged: [], renamed: [] };
  for (const t of previous.themes) {
    const c = current.get(t.id);
    if (c) {
      if (c.theme.label !== t.label) themes.renamed.push({ id: t.id, from: t.label, to: c.theme.label });
    } else if (aliasOf.has(t.id)) {
      themes.merged.push({ id: t.id, into: aliasOf.get(t.id) as string });
    } else {
      themes.vanished.push({ id: t.id, label: t.label });
    }
  }
  for (const c of comparison.themes)
    if (!previousIds.has(c.theme.id)) themes.new.push({ id: c.theme.id, label: c.theme.label });

  const counts: Changes['counts'] = [];
  for (const t of previous.themes) {
    const c = current.get(t.id);
    if (!c) continue;
    const after = {
      S: c.partners.S.length,
      W: c.partners.W.length,
      O: c.partners.O.length,
      T: c.partners.T.length,
      partners: c.allPartners.length,
    };
    for (const column of [...QUADRANTS, 'partners'] as const) {
      if (t.counts[column] !== after[column])
        counts.push({ themeId: t.id, label: c.theme.label, column, before: t.counts[column], after: after[column] });
    }
  }

  let kept = 0;
  let fresh = 0;
  const moved: Changes['statements']['moved'] = [];
  const seen = new Set<string>();
  for (const { statement: s, assignment } of analysed) {
    seen.add(s.id);
    const before = previous.assignments.get(s.id);
    if (before === undefined) {
      fresh++;
      continue;
    }
    const after = assignment.themeId ?? '';
    if (now(before) === after) kept++;
    else moved.push({ statementId: s.id, from: before, to: after });
  }
  const gone = [...previous.assignments.keys()].filter((id) => !seen.has(id)).length;
  return {
    previous: previous.dir,
    partners: {
      new: sorted([...partnersNow].filter((p) => !previous.partners.has(p))),
      missing: sorted([...previous.partners].filter((p) => !partnersNow.has(p))),
    },
    themes,
    counts,
    statements: { new: fresh, gone, kept, moved: moved.sort((a, b) => byCodePoint(a.statementId, b.statementId)) },
  };
}
