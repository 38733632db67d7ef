/**
 * Read and validate: input files and folders → statements, rejected rows and warnings.
 *
 *   file → bytes → table(s) (CSV/TSV text, Excel sheets) or Markdown lines → layout (header below
 *   title rows; one statement per row, or a SWOT grid with bullets in its cells) → items →
 *   validated statements
 *
 * An item that cannot be used goes to `rejected` with its line and reason; a file that cannot be
 * read at all stops the run with a `StopError`; a file in a folder that is not a SWOT format is
 * skipped and said so.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { stop, type Problem } from '../problems.js';
import type { ProgressReporter, RejectedRow, Statement } from '../types.js';
import { decodeText, type Encoding } from './decode.js';
import { parseDelimited } from './delimited.js';
import { readWorkbook } from './excel.js';
import { validateItem, type ItemContext } from './items.js';
import { layoutTable } from './layout.js';
import { readMarkdown } from './markdown.js';
import type { RawItem, Table } from './table.js';

export { decodeText } from './decode.js';
export { checkLanguages, detectLanguages, type LanguageDetector } from './languages.js';
export { readPrevious, type PreviousRun } from './previous.js';
export { splitBullets } from './layout.js';
export { parseCountry, parseQuadrant } from './values.js';

export interface ReadOptions {
  /** Partner name → ISO country code, for files without a country column. */
  partnerCountries?: Readonly<Record<string, string>>;
  /** The pipeline's dimensions, in order: a row may name one or give its number (1-based). */
  dimensions?: readonly string[];
}

export type Format = 'csv' | 'tsv' | 'xlsx' | 'markdown';

export interface FileSummary {
  /** The file, or `file#sheet` for a sheet of a workbook with several. */
  path: string;
  sha256: string;
  format: Format;
  /** Text encoding detected ('' for a workbook). */
  encoding: Encoding | '';
  /** Delimiter detected ('' when there is none). */
  delimiter: string;
  /** `long`: a statement per row; `wide`: a column per quadrant, bullets in the cells. */
  layout: 'long' | 'wide' | 'markdown';
  /** Items read below the header: rows (long), bullet points (wide), lines of text (Markdown). */
  rows: number;
  statements: number;
  rejected: number;
  /** Header cells that matched no field. */
  ignoredColumns: string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ReadResult {
  statements: Statement[];
  rejected: RejectedRow[];
  /** Things to know about rows that were kept, and about files. */
  warnings: Problem[];
  files: FileSummary[];
  /** Files in an input folder that were not read. */
  skipped: SkippedFile[];
}

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.tsv': 'tsv', '.txt': 'tsv', '.tab': 'tsv', '.xlsx': 'xlsx', '.md': 'markdown', '.markdown': 'markdown' };

/** Every file given, and every supported file in a folder given (sorted by name; not recursive). */
function expand(paths: readonly string[], skipped: SkippedFile[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      stop('file-missing', { file: path }, 'file not found', 'check the path, or run from the folder the path is relative to');
    }
    if (!stats.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = readdirSync(path).sort();
    let found = 0;
    for (const entry of entries) {
      const full = join(path, entry).split('\\').join('/');
      if (entry.startsWith('.') || entry.startsWith('~$')) {
        skipped.push({ path: full, reason: entry.startsWith('~$') ? 'an Office lock file' : 'a hidden file' });
      } else if (statSync(full).isDirectory()) {
        skipped.push({ path: full, reason: 'a folder (folders are not read recursively)' });
      } else if (!EXTENSIONS[extname(entry).toLowerCase()]) {
        skipped.push({ path: full, reason: `not a supported format (${Object.keys(EXTENSIONS).join(' ')})` });
      } else {
        files.push(full);
        found++;
      }
    }
    if (found === 0) stop('file-missing', { file: path }, 'the folder holds no .csv, .tsv, .txt, .xlsx or .md file', 'put the partners\' submissions in it, or give the files themselves');
  }
  return files;
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    stop('file-unreadable', { file: path }, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'check its permissions');
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

function stem(path: string): string {
  return basename(path).replace(/\.[^.]+$/, '');
}

interface Unit {
  table: Table;
  items: RawItem[];
  summary: FileSummary;
  warnings: Problem[];
}

async function readUnits(path: string, options: ReadOptions): Promise<Unit[]> {
  const bytes = readBytes(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const extension = extname(path).toLowerCase();
  if (extension === '.xls') stop('file-unreadable', { file: path }, 'is an old Excel 97–2003 workbook (.xls)', 'save it as .xlsx, or export the sheet as CSV');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) stop('file-unreadable', { file: path }, 'is an old Office document (.xls or .doc)', 'save it as .xlsx, or export the sheet as CSV');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) stop('file-binary', { file: path }, 'is a PDF document, not a table', 'copy the SWOT into a spreadsheet and save it as .xlsx or CSV');
  if (isZip(bytes) && extension !== '.xlsx' && extension !== '') {
    stop('file-unreadable', { file: path }, `is a ${extension} document, not a table`, 'copy the SWOT into a spreadsheet and save it as .xlsx or CSV');
  }
  if (extension === '.xlsx' || isZip(bytes)) {
    if (!isZip(bytes)) stop('file-unreadable', { file: path }, 'is not an Excel workbook, though named .xlsx', 'save it again from Excel as .xlsx');
    const tables = await readWorkbook(path, stem(path));
    if (tables.length === 0) stop('file-empty', { file: path }, 'the workbook has no sheet with content', 'check that the right file was sent');
    return tables.map((table) => {
      const layout = layoutTable(table, options, true);
      return { table, items: layout.items, warnings: layout.warnings, summary: summary(table.source, sha256, 'xlsx', '', '', layout.kind, layout.items.length, layout.ignored) };
    });
  }
  const decoded = decodeText(bytes);
  if (!decoded) stop('file-binary', { file: path }, 'is not a text file', 'save it as CSV (UTF-8), tab-separated text or .xlsx');
  if (decoded.text.trim() === '') stop('file-empty', { file: path }, 'is empty', 'export the SWOT table again, with a header row');
  if (extension === '.md' || extension === '.markdown') {
    const table: Table = { source: path, rows: [], name: stem(path) };
    const document = readMarkdown(decoded.text, table);
    return [{ table, items: document.items, warnings: [], summary: summary(path, sha256, 'markdown', decoded.encoding, '', 'markdown', document.items.length, []) }];
  }
  const table = parseDelimited(decoded.text, path, stem(path), decoded.encoding);
  const layout = layoutTable(table, options, false);
  const format = table.delimiter === '\t' ? 'tsv' : 'csv';
  const unit: Unit = { table, items: layout.items, warnings: layout.warnings, summary: summary(path, sha256, format, decoded.encoding, table.delimiter, layout.kind, layout.items.length, layout.ignored) };
  if (layout.items.length === 0) {
    unit.warnings.push({ code: 'file-no-rows', severity: 'warning', place: { file: path, line: layout.headerLine }, message: 'has a header but no rows', hint: 'check that the right file was exported' });
  }
  return [unit];
}

function summary(path: string, sha256: string, format: Format, encoding: Encoding | '', delimiter: string, layout: FileSummary['layout'], rows: number, ignoredColumns: string[]): FileSummary {
  return { path, sha256, format, encoding, delimiter, layout, rows, statements: 0, rejected: 0, ignoredColumns };
}

/** Reads every file in order; ids and duplicates are checked across all of them. */
export async function readInputs(paths: readonly string[], options: ReadOptions = {}, progress?: ProgressReporter): Promise<ReadResult> {
  const result: ReadResult = { statements: [], rejected: [], warnings: [], files: [], skipped: [] };
  const files = expand(paths, result.skipped);
  const seenContent = new Map<string, string>();
  const seenIds = new Map<string, string>();
  for (const path of files) {
    for (const unit of await readUnits(path, options)) {
      result.warnings.push(...unit.warnings);
      const context: ItemContext = {
        source: unit.table.source,
        ...(options.partnerCountries ? { partnerCountries: options.partnerCountries } : {}),
        ...(options.dimensions ? { dimensions: options.dimensions } : {}),
        warnings: result.warnings,
        seenContent,
        seenIds,
      };
      for (const [n, item] of unit.items.entries()) {
        if (progress && n % 5000 === 0) progress('read', n, unit.items.length);
        const outcome = validateItem(item, context);
        if ('reason' in outcome) {
          result.rejected.push(outcome);
          unit.summary.rejected++;
        } else {
          result.statements.push(outcome);
          unit.summary.statements++;
        }
      }
      result.files.push(unit.summary);
    }
  }
  return result;
}
