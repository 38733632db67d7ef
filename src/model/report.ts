/**
 * The run report: everything a run found, as the steps hand it on. The renderers read it, the
 * library returns it; it is the one place where the outputs of all steps meet, so it imports
 * their types (types only: nothing of a step runs by importing this).
 */
import type { Changes, Comparison, Terminology } from '../compare/index.js';
import type { Settings } from '../config/index.js';
import type { FileSummary, SkippedFile } from '../read/index.js';
import type { NormalisedStatement, TermAnalysis } from '../terms/index.js';
import type { Assignment, Codebook, EditedCodebook, Theme, ThemeSet } from '../themes/index.js';
import type { Problem, RejectedRow } from './problem.js';
import type { Statement } from './statement.js';

/**
 * A statement and what the steps learned about it — its terms, senses and features, and its
 * theme — in one record, so that nothing downstream pairs parallel arrays by position.
 */
export interface AnalysedStatement {
  statement: Statement;
  terms: NormalisedStatement;
  assignment: Assignment;
}

/** Builds the records from the steps' outputs, which keep the read order; throws if they do not line up. */
export function analysedStatements(
  statements: readonly Statement[],
  terms: readonly NormalisedStatement[],
  assignments: readonly Assignment[],
): AnalysedStatement[] {
  return statements.map((statement, i) => {
    const t = terms[i];
    const assignment = assignments[i];
    if (t?.id !== statement.id || assignment?.statementId !== statement.id)
      throw new Error(`the steps' results do not line up at statement ${statement.id}`);
    return { statement, terms: t, assignment };
  });
}

export type Stage = 'read' | 'terms' | 'represent' | 'themes' | 'compare';

export interface RunReport {
  version: string;
  settings: Settings;
  files: FileSummary[];
  /** Files in an input folder that were not read, and why. */
  skipped: SkippedFile[];
  statements: Statement[];
  /** Every statement in the order read, with its terms and its theme. */
  analysed: AnalysedStatement[];
  rejected: RejectedRow[];
  warnings: Problem[];
  terms: TermAnalysis;
  /** The themes of this run: the same as `themeSet.themes`. */
  themes: Theme[];
  themeSet: ThemeSet;
  comparison: Comparison;
  terminology: Terminology;
  /** With --previous: what changed since that run. */
  changes?: Changes;
  /** The codebook given with --codebook, as written and with its edits applied. */
  codebook?: { file: Codebook; edited: EditedCodebook };
  /** Milliseconds per stage; the only part of a run that changes between identical runs. */
  timings: Partial<Record<Stage | 'render', number>>;
}

/**
 * Reports how far a long stage has come; the CLI draws it as a progress bar on a terminal.
 * Stages call it now and then, never print; the pipeline calls it with stage '' when a stage ends.
 */
export type ProgressReporter = (stage: string, done: number, total: number) => void;
