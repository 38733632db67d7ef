/** A statement as read, where it is, and the rows that could not be read. */
import { byCodePoint } from '../order.js';

/** A SWOT quadrant: Strength, Weakness, Opportunity, Threat. */
export type Quadrant = 'S' | 'W' | 'O' | 'T';
export const QUADRANTS: readonly Quadrant[] = ['S', 'W', 'O', 'T'];
export const QUADRANT_NAMES: Record<Quadrant, string> = {
  S: 'Strength',
  W: 'Weakness',
  O: 'Opportunity',
  T: 'Threat',
};

/** Where something is: a file and, where there is one, a line as a text editor shows it (header = 1). */
export interface Place {
  file: string;
  line?: number;
  column?: string;
}

/** One SWOT statement that passed validation. */
export interface Statement {
  /** Given in the input's `id` column, or derived from partner, quadrant and text. */
  id: string;
  /** The input file, as given on the command line or in the pipeline file. */
  source: string;
  /** Line where the row starts (header = 1), or the spreadsheet row. */
  line: number;
  /** The spreadsheet cell a statement was split from ("C5"), or '' for a row of its own. */
  cell?: string;
  partner: string;
  /** ISO 3166 alpha-2, upper case. */
  country: string;
  quadrant: Quadrant;
  /** Dimension name (from the pipeline's list when it has one), or '' when not given. */
  dimension: string;
  text: string;
}

const ID_ORDERS = new WeakMap<readonly { id: string }[], readonly number[]>();

/**
 * The positions of the statements in id order (by code point), the order every step processes
 * them in so that the order of the input rows changes nothing. Sorted once per run: the steps
 * that are handed the same array share the order (kept as long as the array lives).
 */
export function idOrder(statements: readonly { id: string }[]): readonly number[] {
  let order = ID_ORDERS.get(statements);
  if (!order) {
    const ids = statements.map((s) => s.id);
    order = ids.map((_, i) => i).sort((a, b) => byCodePoint(ids[a] as string, ids[b] as string));
    ID_ORDERS.set(statements, order);
  }
  return order;
}
