/**
 * Render and write: one report model, several files. Everything is rendered before anything is
 * written, into a folder beside the report's that then takes its place, so a failed run never
 * leaves a half-written report.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stop } from '../model/index.js';
import type { RunReport } from '../model/index.js';
import { formatCodebook, formatQdc } from '../themes/index.js';
import { codebookOf } from './codebook.js';
import { buildDocument } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { projectQdpx } from './refi-qda.js';
import {
  assignmentsCsv,
  rejectedCsv,
  runJson,
  termConflictsCsv,
  termsCsv,
  themeQuadrantCsv,
  themesJson,
} from './tables.js';

export { explain, runJson } from './tables.js';
export { codebookOf } from './codebook.js';
export { buildDocument, type ReportDocument } from './document.js';
export { projectQdpx } from './refi-qda.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { plural } from './words.js';

const CODEBOOK_HEADER = `Themes of this run, as a codebook: run again with --codebook this-file and these ids stay, each
theme keeps its statements, new statements join the theme they fit, and the rest form new themes.
Edits (see README, "Codebook"): change a label to rename (run_label keeps the label this run gave); merge: [other_id] on a theme to absorb
another; split: [{id, label, keywords}, ...] to divide a theme; pin: {statement_id: theme_id} to
move a statement; exclude: [{statement: id, reason: ...}] to leave one out. review: the statements
this run left for review; they join a theme on the next run only if they fit it.`;

/** A report file's content: text (UTF-8) or bytes (the .qdpx zip). */
export type ReportFile = string | Uint8Array;

/** File name → content, in the order they are written; `run.json` last, as the manifest. */
export function renderReport(report: RunReport): Map<string, ReportFile> {
  const document = buildDocument(report);
  const codebook = codebookOf(report);
  return new Map<string, ReportFile>([
    ['report.md', renderMarkdown(document)],
    ['report.html', renderHtml(document)],
    ['theme-quadrant.csv', themeQuadrantCsv(report)],
    ['assignments.csv', assignmentsCsv(document)],
    ['themes.json', themesJson(document)],
    ['terms.csv', termsCsv(report)],
    ['term-conflicts.csv', termConflictsCsv(report)],
    ['codebook.yaml', formatCodebook(codebook, CODEBOOK_HEADER)],
    ['codebook.qdc', formatQdc(codebook, `swotlens ${report.version}`)],
    ['project.qdpx', projectQdpx(report, codebook)],
    ['rejected.csv', rejectedCsv(report)],
    ...(report.changes ? [['changes.json', `${JSON.stringify(report.changes, null, 2)}\n`] as [string, string]] : []),
    ['run.json', runJson(report)],
  ]);
}

/** Every file a run may write: the ones this run does not write are left over from an earlier run, and go. */
export const REPORT_FILES: readonly string[] = [
  'report.md',
  'report.html',
  'theme-quadrant.csv',
  'assignments.csv',
  'themes.json',
  'terms.csv',
  'term-conflicts.csv',
  'codebook.yaml',
  'codebook.qdc',
  'project.qdpx',
  'rejected.csv',
  'changes.json',
  'run.json',
];

function cannotWrite(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const why: Record<string, [string, string]> = {
    ENOSPC: ['the disk is full', 'free some space, or write the report elsewhere with --out'],
    EDQUOT: ['the disk quota is used up', 'free some space, or write the report elsewhere with --out'],
    EROFS: ['the disk is read-only', 'write the report elsewhere with --out'],
    EACCES: ['permission denied', 'write the report to a folder you may write to, with --out'],
    EPERM: ['permission denied', 'write the report to a folder you may write to, with --out'],
    ENOTDIR: ['a part of the path is a file, not a folder', 'give a folder path with --out'],
    ENOENT: ['a part of the path cannot be made', 'give a folder on a disk this machine writes to, with --out'],
  };
  const [reason, hint] = why[code] ?? [`${code}`, 'write the report elsewhere with --out'];
  stop('out-unwritable', { file: path }, `the report cannot be written here (${reason})`, hint);
}

/** Makes a folder and its missing parents, one at a time (Node's recursive mkdir never returns under /proc). */
function makeFolder(path: string): void {
  const missing: string[] = [];
  for (let at = resolve(path); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      cannotWrite(path, error);
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes the report as a whole or not at all: every file goes into a new folder beside `dir`,
 * which then takes `dir`'s place. The previous report stays intact until that moment, and files
 * an earlier run wrote that this one does not (a stale changes.json) go with it. Files of the
 * analyst's own in `dir` are carried over; a folder that holds files but no report is refused,
 * so that a slip in --out cannot move someone's documents.
 */
export function writeReport(dir: string, files: ReadonlyMap<string, ReportFile>): void {
  const target = resolve(dir);
  const exists = existsSync(target);
  if (exists && !isFolder(target))
    stop('out-invalid', { file: dir }, 'is a file, not a folder', 'give a folder for the report with --out');
  const present = exists ? readdirSync(target) : [];
  const foreign = present.filter((name) => !REPORT_FILES.includes(name) && !/^\..+\.partial$/.test(name));
  if (present.length > 0 && !present.includes('run.json')) {
    stop(
      'out-invalid',
      { file: dir },
      `holds files that are not a swotlens report (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''})`,
      'give an empty or new folder with --out',
    );
  }
  makeFolder(dirname(target));
  // A run killed while writing leaves its staging folder behind: the next run clears it.
  const stagingPrefix = `.${basename(target)}.swotlens-`;
  try {
    for (const name of readdirSync(dirname(target))) {
      if (name.startsWith(stagingPrefix)) rmSync(join(dirname(target), name), { recursive: true, force: true });
    }
  } catch {
    // Nothing to clear where nothing can be listed; making the staging folder will say why.
  }
  let staging: string;
  try {
    staging = mkdtempSync(join(dirname(target), stagingPrefix));
  } catch (error) {
    cannotWrite(dir, error);
  }
  const moved: string[] = [];
  try {
    for (const [name, content] of files) writeFileSync(join(staging, name), content);
    for (const name of foreign) {
      renameSync(join(target, name), join(staging, name));
      moved.push(name);
    }
    if (exists) {
      const old = `${staging}-previous`;
      renameSync(target, old);
      try {
        renameSync(staging, target);
      } catch (error) {
        renameSync(old, target);
        throw error;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(staging, target);
    }
  } catch (error) {
    for (const name of moved) renameSync(join(staging, name), join(target, name));
    rmSync(staging, { recursive: true, force: true });
    cannotWrite(dir, error);
  }
}
