/**
 * The input formats, as a registry: each says which extensions name it, which bytes give it away
 * whatever the name, and how it is read into tables of rows and the items in them. A new format is
 * one entry here.
 */
import { basename, extname } from 'node:path';
import { type Problem, StopError, stop } from '../model/index.js';
import { decodeText, type Decoded, type Encoding } from './decode.js';
import { parseDelimited } from './delimited.js';
import { readWorkbook } from './excel.js';
import { type Layout, layoutTable, type LayoutOptions } from './layout.js';
import { readMarkdown } from './markdown.js';
import type { RawItem, Table } from './table.js';

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

/** One file, read whole. */
export interface InputFile {
  path: string;
  bytes: Buffer;
  sha256: string;
  /** Lower case, with the dot: `.csv`. */
  extension: string;
}

/** A table of a file (a sheet of a workbook, or the file) and the items found in it. */
export interface Unit {
  table: Table;
  items: RawItem[];
  summary: FileSummary;
  warnings: Problem[];
}

export interface InputFormat {
  /** The extensions that name the format, lower case with the dot. */
  extensions: readonly string[];
  /** Bytes that give the format away whatever the file is called. */
  sniff?: (bytes: Uint8Array) => boolean;
  read(file: InputFile, options: LayoutOptions): Promise<Unit[]>;
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

/** Files that are not tables, refused with what to do: old Office formats, PDF, other zipped documents. */
function refuse(file: InputFile): void {
  const { path, bytes, extension } = file;
  if (extension === '.xls')
    stop(
      'file-unreadable',
      { file: path },
      'is an old Excel 97–2003 workbook (.xls)',
      'save it as .xlsx, or export the sheet as CSV',
    );
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    stop(
      'file-unreadable',
      { file: path },
      extension === '.xlsx'
        ? 'is a password-protected workbook (Excel stores those encrypted)'
        : 'is an old Office document (.xls or .doc)',
      extension === '.xlsx'
        ? 'remove the password in Excel (File › Info › Protect Workbook) and save it again, or export the sheet as CSV'
        : 'save it as .xlsx, or export the sheet as CSV',
    );
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    stop(
      'file-binary',
      { file: path },
      'is a PDF document, not a table',
      'copy the SWOT into a spreadsheet and save it as .xlsx or CSV',
    );
  if (isZip(bytes) && extension !== '.xlsx' && extension !== '') {
    stop(
      'file-unreadable',
      { file: path },
      `is a ${extension} document, not a table`,
      'copy the SWOT into a spreadsheet and save it as .xlsx or CSV',
    );
  }
}

/** Text, decoded; a file that is not text or holds nothing stops the run. */
function decode(file: InputFile): Decoded {
  const { path, bytes } = file;
  const decoded = decodeText(bytes);
  if (!decoded)
    stop('file-binary', { file: path }, 'is not a text file', 'save it as CSV (UTF-8), tab-separated text or .xlsx');
  if (decoded.text.trim() === '')
    stop('file-empty', { file: path }, 'is empty', 'export the SWOT table again, with a header row');
  return decoded;
}

const WORKBOOK: InputFormat = {
  extensions: ['.xlsx'],
  sniff: isZip,
  async read(file, options) {
    const { path, bytes, sha256 } = file;
    if (!isZip(bytes))
      stop(
        'file-unreadable',
        { file: path },
        'is not an Excel workbook, though named .xlsx',
        'save it again from Excel as .xlsx',
      );
    const { tables, hidden } = await readWorkbook(path, stem(path));
    const notes: Problem[] = hidden.map((sheet) => ({
      code: 'sheet-hidden',
      severity: 'warning',
      place: { file: `${path}#${sheet}` },
      message: 'a hidden sheet, not read',
      hint: 'unhide it in Excel if it holds statements to analyse',
    }));
    if (tables.length === 0)
      stop(
        'file-empty',
        { file: path },
        hidden.length > 0
          ? "the workbook's only sheets with content are hidden"
          : 'the workbook has no sheet with content',
        hidden.length > 0 ? 'unhide the sheet with the statements in Excel' : 'check that the right file was sent',
      );
    // A sheet without statements (instructions, lists for drop-downs) is passed over when another has them.
    const units: Unit[] = [];
    let firstStop: StopError | undefined;
    for (const table of tables) {
      let layout: Layout;
      try {
        layout = layoutTable(table, options, true);
      } catch (error) {
        if (!(error instanceof StopError) || error.problem.code !== 'column-missing' || tables.length === 1)
          throw error;
        firstStop ??= error;
        notes.push({
          ...error.problem,
          code: 'sheet-skipped',
          severity: 'warning',
          message: `a sheet without statements, not read: ${error.problem.message}`,
          hint: 'if it holds statements, name its columns like the other sheets',
        });
        continue;
      }
      units.push({
        table,
        items: layout.items,
        warnings: layout.warnings,
        summary: summary(table.source, sha256, 'xlsx', '', '', layout.kind, layout.items.length, layout.ignored),
      });
    }
    if (units.length === 0 && firstStop) throw firstStop;
    (units[0] as Unit).warnings.unshift(...notes);
    return units;
  },
};

const MARKDOWN: InputFormat = {
  extensions: ['.md', '.markdown'],
  async read(file) {
    const { path, sha256 } = file;
    const decoded = decode(file);
    const table: Table = { source: path, rows: [], name: stem(path) };
    const document = readMarkdown(decoded.text, table);
    return [
      {
        table,
        items: document.items,
        warnings: [],
        summary: summary(path, sha256, 'markdown', decoded.encoding, '', 'markdown', document.items.length, []),
      },
    ];
  },
};

const DELIMITED: InputFormat = {
  extensions: ['.csv', '.tsv', '.txt', '.tab'],
  async read(file, options) {
    const { path, sha256 } = file;
    const decoded = decode(file);
    const table = parseDelimited(decoded.text, path, stem(path), decoded.encoding);
    const layout = layoutTable(table, options, false);
    const replaced = decoded.windows1252Lines ?? [];
    if (replaced.length > 0) {
      const shown =
        replaced.length > 10
          ? `${replaced.slice(0, 10).join(', ')} and ${replaced.length - 10} more`
          : replaced.join(', ');
      layout.warnings.unshift({
        code: 'encoding-mixed',
        severity: 'warning',
        place: { file: path, line: replaced[0] as number },
        message: `the file is UTF-8 but ${replaced.length === 1 ? 'line' : 'lines'} ${shown} ${replaced.length === 1 ? 'is' : 'are'} not: read as Windows-1252`,
        hint: 'check the accented letters on those lines, and save the file again as UTF-8',
      });
    }
    const format = table.delimiter === '\t' ? 'tsv' : 'csv';
    const unit: Unit = {
      table,
      items: layout.items,
      warnings: layout.warnings,
      summary: summary(
        path,
        sha256,
        format,
        decoded.encoding,
        table.delimiter,
        layout.kind,
        layout.items.length,
        layout.ignored,
      ),
    };
    if (layout.items.length === 0) {
      unit.warnings.push({
        code: 'file-no-rows',
        severity: 'warning',
        place: { file: path, line: layout.headerLine },
        message: 'has a header but no rows',
        hint: 'check that the right file was exported',
      });
    }
    return [unit];
  },
};

/** Every format, in the order their bytes are sniffed; delimited text is what a file of another name is read as. */
export const FORMATS: readonly InputFormat[] = [WORKBOOK, MARKDOWN, DELIMITED];

/** Whether a file in an input folder is one to read, by its extension. */
export function isInputFile(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return FORMATS.some((f) => f.extensions.includes(extension));
}

/** The extensions read from a folder, for messages. */
export const INPUT_EXTENSIONS: readonly string[] = [
  ...DELIMITED.extensions,
  ...WORKBOOK.extensions,
  ...MARKDOWN.extensions,
];

/** Reads a file in its format: its bytes first (a zip is a workbook), then its name. */
export async function readFile(file: InputFile, options: LayoutOptions): Promise<Unit[]> {
  refuse(file);
  const format =
    FORMATS.find((f) => f.sniff?.(file.bytes)) ??
    FORMATS.find((f) => f.extensions.includes(file.extension)) ??
    DELIMITED;
  return format.read(file, options);
}

function summary(
  path: string,
  sha256: string,
  format: Format,
  encoding: Encoding | '',
  delimiter: string,
  layout: FileSummary['layout'],
  rows: number,
  ignoredColumns: string[],
): FileSummary {
  return { path, sha256, format, encoding, delimiter, layout, rows, statements: 0, rejected: 0, ignoredColumns };
}
