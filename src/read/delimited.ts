/** CSV and tab-separated text: decoded, delimiter detected, parsed by csv-parse. */
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { stop } from '../model/index.js';
import type { Encoding } from './decode.js';
import type { Table, TableRow } from './table.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the first line uses most, outside quotes; `.tsv` files default to tab. */
export function sniffDelimiter(text: string, path: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  const fallback = extname(path).toLowerCase() === '.tsv' ? '\t' : ',';
  let best = fallback;
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

export interface DelimitedTable extends Table {
  delimiter: string;
  encoding: Encoding;
}

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true } as const;

export function parseDelimited(original: string, path: string, name: string, encoding: Encoding): DelimitedTable {
  // Each line ends as it ends: a file edited on two systems mixes CRLF, LF and CR, and csv-parse
  // takes the first line's ending for all of them (a CRLF file's LF-only lines then merge rows).
  const text = original.includes('\r') ? original.replace(/\r\n?/g, '\n') : original;
  const delimiter = sniffDelimiter(text, path);
  let records: string[][];
  try {
    records = parse(text, { ...OPTIONS, delimiter });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    failAt(error, text, path, delimiter);
  }
  // A record starts on the first non-blank line after the previous one and spans one line more
  // for each line break inside its cells (csv-parse's own line count costs a third of the parse).
  const lines = text.split('\n');
  const blank = (line: number): boolean => lines[line - 1] === '';
  let next = 1;
  const rows = records.map((record): TableRow & { last: number } => {
    let first = next;
    while (first < lines.length && blank(first)) first++;
    let last = first;
    for (const cell of record) for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) last++;
    next = last + 1;
    while (last > first && blank(last)) last--;
    const raw = lines.slice(first - 1, last).join(' ');
    return { cells: record, line: first, raw, last };
  });
  checkStrayQuotes(rows, lines, path, delimiter);
  return { source: path, rows: rows.map(({ cells, line, raw }) => ({ cells, line, raw })), name, delimiter, encoding };
}

/** A cell's shape: letters as `a`, digits as `9`, punctuation kept; long text has no shape worth comparing. */
function shapeOf(cell: string): string | undefined {
  const trimmed = cell.trim();
  if (trimmed.length > 40) return undefined;
  return trimmed
    .replace(/\p{L}+/gu, 'a')
    .replace(/\d+/g, '9')
    .replace(/\s+/g, ' ');
}

/**
 * A quote opened in a cell and closed rows later (a stray `"` at the start of a statement, met by
 * another further down) swallows the rows between into one cell, and csv-parse sees nothing wrong.
 * A line inside a quoted cell that looks like a row of this file — as many cells as its rows, and
 * the same shapes in the columns whose cells keep to one shape (ids, countries, quadrant codes) —
 * means the quote was never meant to stay open: the run stops, as for a quote left open at the end.
 */
function checkStrayQuotes(
  rows: readonly (TableRow & { last: number })[],
  lines: readonly string[],
  path: string,
  delimiter: string,
): void {
  const spanning = rows.filter((r) => r.last > r.line);
  if (spanning.length === 0) return;
  const widths = new Map<number, number>();
  for (const r of rows) widths.set(r.cells.length, (widths.get(r.cells.length) ?? 0) + 1);
  const width = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const single = rows.filter((r) => r.last === r.line && r.cells.length === width);
  if (single.length < 3) return;
  // Columns where most rows share one shape, and the shapes seen there more than once.
  const patterns: { column: number; shapes: Set<string> }[] = [];
  for (let column = 0; column < width; column++) {
    const counts = new Map<string, number>();
    for (const r of single) {
      const shape = shapeOf(r.cells[column] ?? '');
      if (shape !== undefined) counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
    const top = Math.max(0, ...counts.values());
    if (top < single.length * 0.6) continue;
    patterns.push({ column, shapes: new Set([...counts].filter(([, n]) => n >= 2).map(([shape]) => shape)) });
  }
  if (!patterns.some((p) => [...p.shapes].some((shape) => shape !== ''))) return;
  for (const r of spanning) {
    for (let line = r.line + 1; line <= r.last; line++) {
      const cells = (lines[line - 1] ?? '').split(delimiter);
      if (cells.length !== width) continue;
      if (patterns.every((p) => p.shapes.has(shapeOf(cells[p.column] ?? '') ?? '\u0000'))) {
        stop(
          'csv-unclosed-quote',
          { file: path, line: r.line },
          `a quoted cell opened on this line runs on over line ${line}, which looks like a row of its own`,
          'add the missing closing quote (") or remove the opening one',
        );
      }
    }
  }
}

/** Stops on a CSV error with the line to look at: for an unclosed quote, where the cell opens. */
function failAt(error: CsvError, text: string, path: string, delimiter: string): never {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // Parsed again, slowly, to learn where the last good record ends.
    let lastEnd = 0;
    try {
      parse(text, {
        ...OPTIONS,
        delimiter,
        on_record: (record: string[], context) => {
          lastEnd = context.lines;
          return record;
        },
      });
    } catch {
      // The same error again: lastEnd is where it stopped.
    }
    const lines = text.split('\n');
    let line = lastEnd + 1;
    while (line <= lines.length && (lines[line - 1] ?? '').trim() === '') line++;
    stop(
      'csv-unclosed-quote',
      { file: path, line },
      'a quoted cell opened on this line is never closed',
      'add the missing closing quote (") or remove the opening one',
    );
  }
  const line = (error as CsvError & { lines?: number }).lines;
  stop(
    'csv-malformed',
    { file: path, ...(line ? { line } : {}) },
    `the file is not valid CSV (${error.message.replace(/\s+/g, ' ')})`,
    'open it in a spreadsheet and export it again as CSV',
  );
}
