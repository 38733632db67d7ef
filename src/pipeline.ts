/**
 * The pipeline, stage after stage: read → normalise terms → represent → themes → compare partners.
 * Returns the report model; rendering and writing are the report stage's, printing the CLI's.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { comparePartners, compareTerms, type Comparison, type Terminology } from './compare/index.js';
import type { Settings } from './config/index.js';
import { stop, type Problem } from './problems.js';
import { represent } from './represent/index.js';
import { readInputs, type FileSummary, type SkippedFile } from './read/index.js';
import { analyseTerms, loadGlossary, type TermAnalysis } from './terms/index.js';
import { findThemes, readCodebook, type ThemeSet } from './themes/index.js';
import type { RejectedRow, Statement } from './types.js';

export type Stage = 'read' | 'terms' | 'represent' | 'themes' | 'compare';

export interface RunReport {
  version: string;
  settings: Settings;
  files: FileSummary[];
  /** Files in an input folder that were not read, and why. */
  skipped: SkippedFile[];
  statements: Statement[];
  rejected: RejectedRow[];
  warnings: Problem[];
  terms: TermAnalysis;
  themeSet: ThemeSet;
  comparison: Comparison;
  terminology: Terminology;
  /** Milliseconds per stage; the only part of a run that changes between identical runs. */
  timings: Partial<Record<Stage | 'render', number>>;
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function runPipeline(settings: Settings): Promise<RunReport> {
  const timings: RunReport['timings'] = {};
  const timed = <T>(stage: Stage, work: () => T): T => {
    const start = performance.now();
    const result = work();
    timings[stage] = Math.round(performance.now() - start);
    return result;
  };
  const readStart = performance.now();

  const codebook = settings.codebook ? readCodebook(settings.codebook) : undefined;
  const read = await readInputs(settings.inputs, { dimensions: settings.dimensions, ...(settings.partnerCountries ? { partnerCountries: settings.partnerCountries } : {}) });
  timings.read = Math.round(performance.now() - readStart);
  if (read.statements.length === 0) {
    const first = read.rejected[0];
    stop('file-no-rows', { file: settings.inputs.join(', ') }, 'no statement could be read', first ? `every row was rejected; the first, line ${first.line}: ${first.reason}` : 'the files have no rows below the header');
  }
  const glossary = loadGlossary(settings.glossary);
  const terms = timed('terms', () => analyseTerms(read.statements, glossary));
  const representation = timed('represent', () => represent(terms.statements, { semantic: settings.themes.semantic }));
  const themeSet = timed('themes', () => findThemes(read.statements, terms.statements, representation, settings.themes, glossary, codebook));
  const { comparison, terminology } = timed('compare', () => ({
    comparison: comparePartners(read.statements, themeSet.assignments, themeSet.themes, settings.consensus),
    terminology: compareTerms(terms, glossary),
  }));
  return { version: VERSION, settings, files: read.files, skipped: read.skipped, statements: read.statements, rejected: read.rejected, warnings: read.warnings, terms, themeSet, comparison, terminology, timings };
}
