/** CSV and tab-separated text: decoded, delimiter detected, parsed by csv-parse. */
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { stop } from '../problems.js';
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

export function parseDelimited(text: string, path: string, name: string, encoding: Encoding): DelimitedTable {
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
  const blank = (line: number): boolean => (lines[line - 1] ?? '').replace(/\r$/, '') === '';
  let next = 1;
  const rows = records.map((record): TableRow => {
    let first = next;
    while (first < lines.length && blank(first)) first++;
    let last = first;
    for (const cell of record) for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) last++;
    next = last + 1;
    while (last > first && blank(last)) last--;
    const raw = lines
      .slice(first - 1, last)
      .map((l) => l.replace(/\r$/, ''))
      .join(' ');
    return { cells: record, line: first, raw };
  });
  return { source: path, rows, name, delimiter, encoding };
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
    const lines = text.split(/\r?\n/);
    let line = lastEnd + 1;
    while (line <= lines.length && (lines[line - 1] ?? '').trim() === '') line++;
    stop('csv-unclosed-quote', { file: path, line }, 'a quoted cell opened on this line is never closed', 'add the missing closing quote (") or remove the opening one');
  }
  const line = (error as CsvError & { lines?: number }).lines;
  stop('csv-malformed', { file: path, ...(line ? { line } : {}) }, `the file is not valid CSV (${error.message.replace(/\s+/g, ' ')})`, 'open it in a spreadsheet and export it again as CSV');
}
