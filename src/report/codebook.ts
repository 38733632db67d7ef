/** The run's themes as a codebook: what codebook.yaml, codebook.qdc, project.qdpx and the page's download start from. */
import type { RunReport } from '../model/index.js';
import type { Codebook } from '../themes/index.js';

/**
 * The themes of this run as a codebook, to edit and pass back with --codebook: each theme with
 * its statements (they keep the theme on the next run), and the analyst's pins and exclusions
 * carried forward.
 */
export function codebookOf(report: RunReport): Codebook {
  const byId = new Map(report.statements.map((s) => [s.id, s]));
  const members = new Map<string, string[]>();
  for (const { assignment: a } of report.analysed) {
    if (a.themeId === undefined) continue;
    const list = members.get(a.themeId);
    if (list) list.push(a.statementId);
    else members.set(a.themeId, [a.statementId]);
  }
  const given = report.codebook?.file;
  const held = new Set(given?.unassign ?? []);
  const review = report.analysed
    .filter(({ assignment: a, statement: s }) => a.themeId === undefined && !held.has(s.id))
    .map(({ statement: s }) => s.id)
    .sort();
  const resolve = report.codebook?.edited.resolve;
  const pin = Object.entries(given?.pin ?? {}).map(
    ([statement, theme]) => [statement, resolve?.get(theme) ?? theme] as const,
  );
  return {
    themes: report.comparison.themes.map((c) => {
      const keywords = c.theme.givenKeywords ?? c.theme.keywords.slice(0, 6);
      const description =
        c.theme.description ?? (c.theme.representatives[0] ? byId.get(c.theme.representatives[0])?.text : undefined);
      return {
        id: c.theme.id,
        label: c.theme.label,
        ...(description ? { description } : {}),
        ...(keywords.length > 0 ? { keywords } : {}),
        ...(c.theme.aliases.length > 0 ? { aliases: c.theme.aliases } : {}),
        statements: [...(members.get(c.theme.id) ?? [])].sort(),
        run_label: c.theme.label,
        ...(c.theme.area ? { parent: c.theme.area } : {}),
      };
    }),
    ...(pin.length > 0 ? { pin: Object.fromEntries(pin) } : {}),
    ...(given?.exclude?.length ? { exclude: given.exclude } : {}),
    ...(given?.unassign?.length ? { unassign: given.unassign } : {}),
    ...(review.length > 0 ? { review } : {}),
  };
}
