/**
 * Read and validate: input files → statements, rejected rows and warnings.
 * A row that cannot be used goes to `rejected` with its line and reason; a file that cannot be
 * read at all stops the run with a `StopError`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { foldText } from '../data-files.js';
import { stop, type Problem } from '../problems.js';
import type { RejectedRow, Statement } from '../types.js';
import { REQUIRED_FIELDS, aliasesOf, matchColumns, type ColumnMap, type Field } from './columns.js';
import { decodeText, type Encoding } from './decode.js';
import { parseCountry, parseQuadrant } from './values.js';

export { decodeText } from './decode.js';
export { parseCountry, parseQuadrant } from './values.js';

export interface ReadOptions {
  /** Partner name → ISO country code, for files without a country column. */
  partnerCountries?: Readonly<Record<string, string>>;
  /** The pipeline's dimensions, in order: a row may name one or give its number (1-based). */
  dimensions?: readonly string[];
}

export interface FileSummary {
  path: string;
  sha256: string;
  format: 'csv' | 'tsv';
  encoding: Encoding;
  delimiter: string;
  /** Data rows in the file (header and empty lines not counted). */
  rows: number;
  statements: number;
  rejected: number;
  /** Header cells that matched no field. */
  ignoredColumns: string[];
}

export interface ReadResult {
  statements: Statement[];
  rejected: RejectedRow[];
  /** Things to know about rows that were kept, and about files. */
  warnings: Problem[];
  files: FileSummary[];
}

/** Reads every file in order; ids and duplicates are checked across all of them. */
export function readInputs(paths: readonly string[], options: ReadOptions = {}): ReadResult {
  const result: ReadResult = { statements: [], rejected: [], warnings: [], files: [] };
  const seen = new Seen();
  for (const path of paths) readFile(path, options, seen, result);
  return result;
}

/** Remembers statements and ids already read, to reject repeats with the line of the first. */
class Seen {
  readonly ids = new Map<string, string>();
  readonly contents = new Map<string, string>();
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the header line uses most, outside quotes; `.tsv` files default to tab. */
function sniffDelimiter(text: string, path: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
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

interface ParsedRecord {
  cells: string[];
  line: number;
  raw: string;
}

function parseRecords(text: string, delimiter: string, path: string): ParsedRecord[] {
  let lastEnd = 0;
  try {
    const rows = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lastEnd = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return rows.map(({ record, info, raw }) => {
      const body = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
      const inner = body.split('\n').length - 1;
      return { cells: record, line: info.lines - inner, raw: body.replace(/\r?\n/g, ' ') };
    });
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

function readBytes(path: string): Buffer {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    stop('file-missing', { file: path }, 'file not found', 'check the path, or run from the folder the path is relative to');
  }
  if (stats.isDirectory()) stop('file-unreadable', { file: path }, 'is a folder, not a file', 'give the files in it');
  try {
    return readFileSync(path);
  } catch (error) {
    stop('file-unreadable', { file: path }, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'check its permissions');
  }
}

function readFile(path: string, options: ReadOptions, seen: Seen, result: ReadResult): void {
  const bytes = readBytes(path);
  const decoded = decodeText(bytes);
  if (!decoded) stop('file-binary', { file: path }, 'is not a text file', 'save it as CSV (UTF-8) or tab-separated text');
  if (decoded.text.trim() === '') stop('file-empty', { file: path }, 'is empty', 'export the SWOT table again, with a header row');
  const delimiter = sniffDelimiter(decoded.text, path);
  const records = parseRecords(decoded.text, delimiter, path);
  const [header, ...rows] = records;
  if (!header) stop('file-empty', { file: path }, 'is empty', 'export the SWOT table again, with a header row');
  const columns = matchColumns(header.cells);
  checkColumns(columns, header, path, options);

  const summary: FileSummary = {
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: delimiter === '\t' ? 'tsv' : 'csv',
    encoding: decoded.encoding,
    delimiter,
    rows: rows.length,
    statements: 0,
    rejected: 0,
    ignoredColumns: columns.ignored,
  };
  if (rows.length === 0) {
    result.warnings.push({ code: 'file-no-rows', severity: 'warning', place: { file: path, line: 1 }, message: 'has a header but no rows', hint: 'check that the right file was exported' });
  }
  for (const match of columns.matches) {
    if (match.fuzzyOf !== undefined) {
      result.warnings.push({ code: 'column-fuzzy', severity: 'warning', place: { file: path, line: 1, column: match.header }, message: `column "${match.header}" read as "${match.field}"`, hint: `rename it "${match.field}" to silence this` });
    }
  }
  const rejectedBefore = result.rejected.length;
  const statementsBefore = result.statements.length;
  for (const row of rows) {
    const outcome = readRow(row, header.cells.length, columns, path, options, seen, result.warnings);
    if ('reason' in outcome) result.rejected.push(outcome);
    else result.statements.push(outcome);
  }
  summary.statements = result.statements.length - statementsBefore;
  summary.rejected = result.rejected.length - rejectedBefore;
  result.files.push(summary);
}

function checkColumns(columns: ColumnMap, header: ParsedRecord, path: string, options: ReadOptions): void {
  const missing = REQUIRED_FIELDS.filter(
    (field) => columns.byField[field] === undefined && !(field === 'country' && options.partnerCountries),
  );
  if (missing.length === 0) return;
  const found = header.cells.map((cell) => `"${cell}"`).join(', ');
  const names = missing.map((field) => `"${field}"`).join(', ');
  const hint = missing.includes('country')
    ? 'add the column, or map partners to countries under `partners:` in the pipeline file'
    : `the first row must name the columns; "${missing[0]}" may also be called ${aliasesOf(missing[0] as Field).slice(1, 4).map((a) => `"${a}"`).join(', ')}`;
  stop('column-missing', { file: path, line: header.line }, `no ${names} column (found ${found})`, hint);
}

function cell(row: ParsedRecord, columns: ColumnMap, field: Field): string {
  const index = columns.byField[field];
  return index === undefined ? '' : (row.cells[index] ?? '').trim();
}

function reject(path: string, row: ParsedRecord, code: Problem['code'], reason: string): RejectedRow {
  return { source: path, line: row.line, reason, raw: row.raw, code };
}

function readRow(
  row: ParsedRecord,
  width: number,
  columns: ColumnMap,
  path: string,
  options: ReadOptions,
  seen: Seen,
  warnings: Problem[],
): Statement | RejectedRow {
  if (row.cells.every((value) => value.trim() === '')) return reject(path, row, 'row-statement-empty', 'the row is empty');
  if (row.cells.length !== width) {
    return reject(path, row, 'row-cell-count', `the row has ${row.cells.length} cells, the header has ${width} — a delimiter inside a statement needs quotes`);
  }
  const text = cell(row, columns, 'statement').replace(/\s+/g, ' ');
  if (text === '') return reject(path, row, 'row-statement-empty', 'the statement is empty');
  const partner = cell(row, columns, 'partner').replace(/\s+/g, ' ');
  if (partner === '') return reject(path, row, 'row-partner-empty', 'the partner is empty');

  const countryCell = cell(row, columns, 'country');
  let country: string | undefined;
  if (countryCell !== '') {
    country = parseCountry(countryCell);
    if (!country) return reject(path, row, 'row-country-unknown', `country "${countryCell}" is not an ISO 3166 code or a country name — use a two-letter code such as AT or PL`);
  } else {
    const mapped = options.partnerCountries?.[partner];
    country = mapped === undefined ? undefined : parseCountry(mapped);
    if (!country) return reject(path, row, 'row-country-missing', `no country for partner "${partner}" — fill the country column or map the partner under \`partners:\` in the pipeline file`);
  }

  const quadrantCell = cell(row, columns, 'quadrant');
  if (quadrantCell === '') return reject(path, row, 'row-quadrant-missing', 'the quadrant is empty — use S, W, O or T');
  const quadrant = parseQuadrant(quadrantCell);
  if (quadrant.quadrant === undefined) {
    const hint = quadrant.suggestion ? ` — did you mean "${quadrant.suggestion}"?` : ' — use S, W, O or T, or Strength, Weakness, Opportunity, Threat';
    return reject(path, row, 'row-quadrant-unknown', `quadrant "${quadrantCell}" is not a SWOT quadrant${hint}`);
  }
  if (quadrant.fuzzyOf !== undefined) {
    warnings.push({ code: 'quadrant-fuzzy', severity: 'warning', place: { file: path, line: row.line }, message: `quadrant "${quadrantCell}" read as "${quadrant.fuzzyOf}" (${quadrant.quadrant})`, hint: 'correct the spelling to silence this' });
  }

  const dimension = readDimension(cell(row, columns, 'dimension'), options.dimensions, path, row.line, warnings);

  const contentKey = `${partner}\u0000${quadrant.quadrant}\u0000${foldText(text)}`;
  const firstSeen = seen.contents.get(contentKey);
  if (firstSeen !== undefined) {
    return reject(path, row, 'row-duplicate', `the same statement from the same partner and quadrant is at ${firstSeen}`);
  }
  const givenId = cell(row, columns, 'id');
  const id = givenId !== '' ? givenId : `s${createHash('sha1').update(contentKey).digest('hex').slice(0, 10)}`;
  const idSeen = seen.ids.get(id);
  if (idSeen !== undefined) return reject(path, row, 'row-id-duplicate', `id "${id}" is already used at ${idSeen} — ids must be unique`);
  seen.contents.set(contentKey, `${path}:${row.line}`);
  seen.ids.set(id, `${path}:${row.line}`);

  return { id, source: path, line: row.line, partner, country, quadrant: quadrant.quadrant, dimension, text };
}

function readDimension(value: string, dimensions: readonly string[] | undefined, path: string, line: number, warnings: Problem[]): string {
  if (value === '' || !dimensions || dimensions.length === 0) return value;
  const number = /^(?:d(?:im(?:ension)?)?\s*)?(\d+)$/i.exec(value);
  if (number) {
    const named = dimensions[Number(number[1]) - 1];
    if (named !== undefined) return named;
  }
  const key = foldText(value);
  const named = dimensions.find((d) => foldText(d) === key) ?? dimensions.find((d) => foldText(d).startsWith(key));
  if (named !== undefined) return named;
  warnings.push({ code: 'dimension-unknown', severity: 'warning', place: { file: path, line }, message: `dimension "${value}" is not in the pipeline's list`, hint: `use a number from 1 to ${dimensions.length} or one of the names under \`dimensions:\`` });
  return value;
}
