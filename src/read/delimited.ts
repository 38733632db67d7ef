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

export function parseDelimited(text: string, path: string, name: string, encoding: Encoding): DelimitedTable {
  const delimiter = sniffDelimiter(text, path);
  let lastEnd = 0;
  try {
    // csv-parse gives the line each record ends on; the record's text is read from the lines
    // since the previous one (its own `raw` and `info` options cost half the parse).
    const ends: number[] = [];
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        lastEnd = context.lines;
        ends.push(context.lines);
        return record;
      },
    });
    const lines = text.split('\n');
    let previous = 0;
    const rows = records.map((record, r): TableRow => {
      const end = ends[r] as number;
      const blank = (line: number): boolean => (lines[line - 1] ?? '').replace(/\r$/, '') === '';
      let first = previous + 1;
      while (first < end && blank(first)) first++;
      let last = end;
      while (last > first && blank(last)) last--;
      previous = end;
      const raw = lines
        .slice(first - 1, last)
        .map((l) => l.replace(/\r$/, ''))
        .join(' ');
      return { cells: record, line: first, raw };
    });
    return { source: path, rows, name, delimiter, encoding };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const lines = text.split(/\r?\n/);
      let line = lastEnd + 1;
      while (line <= lines.length && (lines[line - 1] ?? '').trim() === '') line++;
      stop('csv-unclosed-quote', { file: path, line }, 'a quoted cell opened on this line is never closed', 'add the missing closing quote (") or remove the opening one');
    }
    const line = (error as CsvError & { lines?: number }).lines;
    stop('csv-malformed', { file: path, ...(line ? { line } : {}) }, `the file is not valid CSV (${error.message.replace(/\s+/g, ' ')})`, 'open it in a spreadsheet and export it again as CSV');
  }
}
