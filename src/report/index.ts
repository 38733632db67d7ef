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

export { explain } from './tables.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';

/** The themes of this run as a codebook, to edit and pass back with --codebook. */
export function codebookOf(report: RunReport): Codebook {
  const byId = new Map(report.statements.map((s) => [s.id, s]));
  return {
    themes: report.comparison.themes.map((c) => ({
      id: c.theme.id,
      label: c.theme.label,
      ...(c.theme.description
        ? { description: c.theme.description }
        : c.theme.representatives[0]
          ? { description: byId.get(c.theme.representatives[0])?.text ?? '' }
          : {}),
      ...(c.theme.keywords.length > 0 ? { keywords: c.theme.keywords.slice(0, 6) } : {}),
    })),
  };
}

const CODEBOOK_HEADER = `Themes of this run, as a codebook. Edit labels, descriptions and keywords, then run again with
--codebook this-file: these ids are kept, statements that fit no theme here form new themes.`;

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
