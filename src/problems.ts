/**
 * Problems are data: a closed set of codes, each with a severity, a place, a message and a hint.
 * Stages collect them and go on; only a problem that stops the run is thrown, as a `StopError`.
 */
import type { Place } from './types.js';

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
  | 'codebook-statement-unknown';

export type Severity = 'error' | 'warning';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  place: Place;
  message: string;
  hint?: string;
}

/** Thrown when the run cannot go on (a broken file, an invalid pipeline); the CLI prints it in one line. */
export class StopError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(formatProblem(problem));
    this.name = 'StopError';
    this.problem = problem;
  }
}

export function stop(code: ProblemCode, place: Place, message: string, hint?: string): never {
  throw new StopError({ code, severity: 'error', place, message, ...(hint ? { hint } : {}) });
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
