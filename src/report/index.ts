/**
 * Render and write: one report model, several files. Everything is rendered before anything is
 * written, and each file is written to a temporary name and renamed, so a failed run never leaves
 * a half-written report.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../pipeline.js';
import { formatCodebook, type Codebook } from '../themes/index.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { assignmentsCsv, rejectedCsv, runJson, termConflictsCsv, termsCsv, themeQuadrantCsv, themesJson } from './tables.js';

export { explain, runJson } from './tables.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { plural } from './words.js';

/**
 * The themes of this run as a codebook, to edit and pass back with --codebook: each theme with
 * its statements (they keep the theme on the next run), and the analyst's pins and exclusions
 * carried forward.
 */
export function codebookOf(report: RunReport): Codebook {
  const byId = new Map(report.statements.map((s) => [s.id, s]));
  const members = new Map<string, string[]>();
  for (const a of report.themeSet.assignments) {
    if (a.themeId === undefined) continue;
    const list = members.get(a.themeId);
    if (list) list.push(a.statementId);
    else members.set(a.themeId, [a.statementId]);
  }
  const given = report.codebook?.file;
  const resolve = report.codebook?.edited.resolve;
  const pin = Object.entries(given?.pin ?? {}).map(([statement, theme]) => [statement, resolve?.get(theme) ?? theme] as const);
  return {
    themes: report.comparison.themes.map((c) => {
      const keywords = c.theme.givenKeywords ?? c.theme.keywords.slice(0, 6);
      const description = c.theme.description ?? (c.theme.representatives[0] ? byId.get(c.theme.representatives[0])?.text : undefined);
      return {
        id: c.theme.id,
        label: c.theme.label,
        ...(description ? { description } : {}),
        ...(keywords.length > 0 ? { keywords } : {}),
        ...(c.theme.aliases.length > 0 ? { aliases: c.theme.aliases } : {}),
        statements: [...(members.get(c.theme.id) ?? [])].sort(),
      };
    }),
    ...(pin.length > 0 ? { pin: Object.fromEntries(pin) } : {}),
    ...(given?.exclude?.length ? { exclude: given.exclude } : {}),
  };
}

const CODEBOOK_HEADER = `Themes of this run, as a codebook: run again with --codebook this-file and these ids stay, each
theme keeps its statements, new statements join the theme they fit, and the rest form new themes.
Edits (see README, "Codebook"): change a label to rename; merge: [other_id] on a theme to absorb
another; split: [{id, label, keywords}, ...] to divide a theme; pin: {statement_id: theme_id} to
move a statement; exclude: [{statement: id, reason: ...}] to leave one out.`;

/** File name → content, in the order they are written; `run.json` last, as the manifest. */
export function renderReport(report: RunReport): Map<string, string> {
  return new Map([
    ['report.md', renderMarkdown(report)],
    ['report.html', renderHtml(report)],
    ['theme-quadrant.csv', themeQuadrantCsv(report)],
    ['assignments.csv', assignmentsCsv(report)],
    ['themes.json', themesJson(report)],
    ['terms.csv', termsCsv(report)],
    ['term-conflicts.csv', termConflictsCsv(report)],
    ['codebook.yaml', formatCodebook(codebookOf(report), CODEBOOK_HEADER)],
    ['rejected.csv', rejectedCsv(report)],
    ...(report.changes ? [['changes.json', `${JSON.stringify(report.changes, null, 2)}\n`] as [string, string]] : []),
    ['run.json', runJson(report)],
  ]);
}

export function writeReport(dir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  const staged: [string, string][] = [];
  try {
    for (const [name, content] of files) {
      const temporary = join(dir, `.${name}.partial`);
      writeFileSync(temporary, content);
      staged.push([temporary, join(dir, name)]);
    }
  } catch (error) {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
    throw error;
  }
  for (const [temporary, target] of staged) renameSync(temporary, target);
}
