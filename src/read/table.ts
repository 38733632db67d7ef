/** What every reader produces: rows of cells with their place, and the items found in them. */
import type { Field } from './columns.js';

export interface TableRow {
  /** Line (CSV, text) or row number (spreadsheet) where the row starts; the header is where it is. */
  line: number;
  cells: string[];
  /** Spreadsheet cell addresses ("C5"), one per cell, for Excel tables. */
  refs?: string[];
  /** The row as it stood in the file, for rejected.csv. */
  raw: string;
}

export interface Table {
  /** How the table is named in outputs: the file, and for a workbook of several sheets `file#sheet`. */
  source: string;
  rows: TableRow[];
  /** A sheet name or the file's name without extension: the partner when no column names one. */
  name: string;
}

/** One statement-to-be, before validation. */
export interface RawItem {
  line: number;
  /** Cell address for a statement taken from a spreadsheet cell ("C5"), else ''. */
  cell: string;
  raw: string;
  fields: Partial<Record<Field, string>>;
  /** A problem found while reading the row (ragged row, empty row); the item is rejected with it. */
  problem?: { code: 'row-cell-count' | 'row-statement-empty' | 'row-outside-quadrant'; message: string; hint?: string };
}
