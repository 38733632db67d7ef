/**
 * Problems are data: a closed set of codes, each with a severity, a place, a message and a hint.
 * Stages collect them and go on; only a problem that stops the run is thrown, as a `StopError`.
 */
import type { Place } from './statement.js';

export type ProblemCode =
  // a whole file cannot be read: the run stops
  | 'file-missing'
  | 'file-unreadable'
  | 'file-binary'
  | 'file-empty'
  | 'file-no-rows'
  | 'file-too-large'
  | 'out-invalid'
  | 'out-unwritable'
  | 'column-missing'
  | 'csv-unclosed-quote'
  | 'csv-malformed'
  | 'config-invalid'
  | 'codebook-invalid'
  | 'glossary-invalid'
  | 'previous-invalid'
  // one row cannot be used: it goes to rejected.csv
  | 'row-cell-count'
  | 'row-statement-empty'
  | 'row-partner-empty'
  | 'row-country-missing'
  | 'row-country-unknown'
  | 'row-quadrant-missing'
  | 'row-quadrant-unknown'
  | 'row-duplicate'
  | 'row-id-duplicate'
  | 'row-outside-quadrant'
  | 'row-excluded'
  | 'row-excel-error'
  // something to know, the row is kept
  | 'column-fuzzy'
  | 'encoding-mixed'
  | 'sheet-hidden'
  | 'sheet-skipped'
  | 'partner-merged'
  | 'partner-countries'
  | 'quadrant-fuzzy'
  | 'dimension-unknown'
  | 'rows-above-header'
  | 'partner-from-name'
  | 'country-from-name'
  | 'not-english'
  | 'statement-long'
  | 'codebook-statement-unknown'
  | 'themes-weak-structure';

export type Severity = 'error' | 'warning';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  place: Place;
  message: string;
  hint?: string;
}

/**
 * An input row that was not analysed: a problem at its line (and, for a grid bullet, its cell as
 * `place.column`), with the row as it stood in the file (line breaks inside cells as spaces).
 */
export interface RejectedRow extends Problem {
  place: Place & { line: number };
  raw: string;
}

/** Why a row was not read, in one line as rejected.csv and the report give it: `C5: message — hint`. */
export function rejectedReason(row: RejectedRow): string {
  const cell = row.place.column ? `${row.place.column}: ` : '';
  return `${cell}${row.message}${row.hint ? ` — ${row.hint}` : ''}`;
}

/**
 * Thrown when the run cannot go on (a broken file, an invalid pipeline); the CLI prints each of
 * its problems in one line. A file checked as a whole (a pipeline, codebook or glossary) stops with
 * all its problems at once, so that five typos take one run to find, not five.
 */
export class StopError extends Error {
  readonly problem: Problem;
  readonly problems: readonly Problem[];
  constructor(problems: Problem | readonly [Problem, ...Problem[]]) {
    const list = (Array.isArray(problems) ? problems : [problems]) as readonly [Problem, ...Problem[]];
    super(list.map(formatProblem).join('\n'));
    this.name = 'StopError';
    this.problem = list[0];
    this.problems = list;
  }
}

export function stop(code: ProblemCode, place: Place, message: string, hint?: string): never {
  throw new StopError({ code, severity: 'error', place, message, ...(hint ? { hint } : {}) });
}

/** Stops with every problem found, when there is any. */
export function stopIfAny(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new StopError(problems as [Problem, ...Problem[]]);
}

export function formatPlace(place: Place): string {
  return place.line === undefined ? place.file : `${place.file}:${place.line}`;
}

/** `file:line: message — hint` in one line, as the CLI prints it. */
export function formatProblem(problem: Problem): string {
  const hint = problem.hint ? ` — ${problem.hint}` : '';
  // One line, whatever line breaks a value from the input brought into the message.
  return `${formatPlace(problem.place)}: ${problem.message}${hint}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
