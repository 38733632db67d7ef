/**
 * Where a table's statements are: the header row (below any title rows), then either one
 * statement per row (long format) or one column per quadrant with bullet lists in the cells
 * (a wide SWOT grid, rows per dimension or a single row).
 */
import { stop, type Problem } from '../model/index.js';
import { REQUIRED_FIELDS, aliasesOf, matchColumns, type ColumnMap, type Field } from './columns.js';
import type { RawItem, Table, TableRow } from './table.js';
import { parseCountry, parseQuadrant } from './values.js';

/** The header is looked for in this many first rows; rows above it are titles. */
const HEADER_SEARCH = 15;

export interface Layout {
  kind: 'long' | 'wide';
  headerLine: number;
  /** Lines above the header (titles, notes), not read. */
  skippedLines: number[];
  /** Header cells that matched nothing. */
  ignored: string[];
  items: RawItem[];
  warnings: Problem[];
}

export interface LayoutOptions {
  partnerCountries?: Readonly<Record<string, string>>;
}

interface Header {
  row: TableRow;
  index: number;
  columns: ColumnMap;
  /** Column index → the quadrant word in the header, for a wide grid. */
  quadrantColumns: Map<number, string>;
}

/**
 * The header: the first row naming a statement and a quadrant column (a long table), or else the
 * first row with two quadrant words (a SWOT grid). A long header wins wherever it is among the
 * first rows, so a legend row ("Strengths, Weaknesses") under a title does not make a long table
 * a grid.
 */
function findHeader(table: Table): Header | undefined {
  let wide: Header | undefined;
  for (let index = 0; index < Math.min(HEADER_SEARCH, table.rows.length); index++) {
    const row = table.rows[index] as TableRow;
    const columns = matchColumns(row.cells);
    if (columns.byField.statement !== undefined && columns.byField.quadrant !== undefined)
      return { row, index, columns, quadrantColumns: new Map() };
    if (wide) continue;
    const quadrantColumns = new Map<number, string>();
    const quadrants = new Set<string>();
    row.cells.forEach((cell, c) => {
      if (columns.matches.some((m) => m.index === c) || cell.trim() === '') return;
      const q = parseQuadrant(cell);
      if (q.quadrant) {
        quadrantColumns.set(c, cell.trim());
        quadrants.add(q.quadrant);
      }
    });
    if (quadrants.size >= 2) wide = { row, index, columns, quadrantColumns };
  }
  return wide;
}

/** A sheet or file name without the country it names: "Styria (AT)" → "Styria", "central-bohemia_CZ" → "central-bohemia". */
function partnerInName(name: string): string {
  const words = name.split(/([\s_\-.,()]+)/);
  const kept = words.filter((w) => !(w.length === 2 && w === w.toUpperCase() && parseCountry(w)));
  const partner = kept
    .join('')
    .replace(/[\s_\-.,(]+$/, '')
    .replace(/\(\s*\)/g, '')
    .trim();
  return partner === '' ? name : partner;
}

/** "at", "AT", "austria" as a word of a sheet or file name ("styria_AT", "Austria - Styria"). */
function countryInName(name: string): string | undefined {
  const direct = parseCountry(name);
  if (direct) return direct;
  for (const word of name.split(/[\s_\-.,()]+/)) {
    if (word.length === 2 && word === word.toUpperCase()) {
      const code = parseCountry(word);
      if (code) return code;
    } else if (word.length > 3) {
      const code = parseCountry(word);
      if (code) return code;
    }
  }
  return undefined;
}

/** Bullet markers: dashes, dots, arrows, ticks, squares, numbers and letters with a point or bracket. */
const BULLET_MARKER = /^\s*(?:[•·▪▫◦●○■□◆◇►▶▸‣➢➤➔→⇒✓✔✗✘☐☑]\s*|(?:[-–—*+>]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+)/;
const INLINE_BULLETS = /\s[•·▪●‣➢➤►✓✔]\s/;

/**
 * Splits a cell of a SWOT grid into its bullet points. Each line is a bullet; only in a cell whose
 * bullets have markers does a line without one continue the bullet above it (a line broken by
 * hand). A single line splits at inline bullet glyphs or at semicolons.
 */
export function splitBullets(text: string): string[] {
  let lines = text
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const marked = (line: string): boolean => BULLET_MARKER.test(line);
  let markers = lines.some(marked);
  if (lines.length === 1) {
    const line = lines[0] as string;
    if (INLINE_BULLETS.test(line)) lines = line.split(/\s*[•·▪●‣➢➤►✓✔]\s*/);
    else if (line.includes(';')) lines = line.split(/\s*;\s*/);
    // Parts of one line are bullets each, marked or not.
    if (lines.length > 1) markers = false;
  }
  const items: string[] = [];
  for (const line of lines) {
    const isBullet = marked(line);
    const stripped = (isBullet ? line.replace(BULLET_MARKER, '') : line).trim();
    if (stripped === '') continue;
    if (markers && !isBullet && items.length > 0) items[items.length - 1] = `${items[items.length - 1]} ${stripped}`;
    else items.push(stripped);
  }
  return items;
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function layoutTable(table: Table, options: LayoutOptions, spreadsheet: boolean): Layout {
  const header = findHeader(table);
  const first = table.rows[0];
  if (!header) {
    if (!first)
      stop('file-empty', { file: table.source }, 'is empty', 'export the SWOT table again, with a header row');
    const columns = matchColumns(first.cells);
    const missing = (['statement', 'quadrant'] as Field[]).filter((f) => columns.byField[f] === undefined);
    const found = first.cells.map((cell) => `"${cell}"`).join(', ');
    stop(
      'column-missing',
      { file: table.source, line: first.line },
      `no ${missing.map((f) => `"${f}"`).join(', ')} column (found ${found})`,
      `the first row must name the columns; "${missing[0]}" may also be called ${aliasesOf(missing[0] as Field)
        .slice(1, 4)
        .map((a) => `"${a}"`)
        .join(', ')} — or give one column per quadrant (Strengths, Weaknesses, …)`,
    );
  }
  const warnings: Problem[] = [];
  const place = (line: number, column?: string) => ({ file: table.source, line, ...(column ? { column } : {}) });
  for (const match of header.columns.matches) {
    if (match.fuzzyOf !== undefined) {
      warnings.push({
        code: 'column-fuzzy',
        severity: 'warning',
        place: place(header.row.line, match.header),
        message: `column "${match.header}" read as "${match.field}"`,
        hint: `rename it "${match.field}" to silence this`,
      });
    }
  }
  const skippedLines = table.rows.slice(0, header.index).map((r) => r.line);
  if (skippedLines.length > 0) {
    warnings.push({
      code: 'rows-above-header',
      severity: 'warning',
      place: place(skippedLines[0] as number),
      message: `${skippedLines.length === 1 ? 'line' : 'lines'} ${skippedLines.join(', ')} above the header read as a title, not as statements`,
      hint: 'delete them if they hold statements',
    });
  }

  const { byField } = header.columns;
  const fixed: Partial<Record<Field, string>> = {};
  if (byField.partner === undefined) {
    fixed.partner = partnerInName(table.name);
    warnings.push({
      code: 'partner-from-name',
      severity: 'warning',
      place: place(header.row.line),
      message: `no partner column: the statements are read as from "${fixed.partner}", after the ${table.source.includes('#') || !table.source.replace(/^.*[\\/]/, '').startsWith(`${table.name}.`) ? 'sheet' : 'file'} name`,
      hint: 'add a partner column if the file holds several partners',
    });
  }
  if (byField.country === undefined) {
    const partner = fixed.partner;
    const mapped = partner !== undefined ? options.partnerCountries?.[partner] : undefined;
    const named =
      countryInName(table.name) ?? countryInName(table.source.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''));
    if (mapped === undefined && !options.partnerCountries) {
      if (!named) {
        stop(
          'column-missing',
          { file: table.source, line: header.row.line },
          `no "country" column (found ${header.row.cells.map((c) => `"${c}"`).join(', ')})`,
          'add the column, name the country in the file or sheet name ("styria_AT.csv"), or map partners to countries under `partners:` in the pipeline file',
        );
      }
      fixed.country = named;
      warnings.push({
        code: 'country-from-name',
        severity: 'warning',
        place: place(header.row.line),
        message: `no country column: the country is read as ${named} from the name "${table.name}"`,
        hint: 'add a country column to be sure',
      });
    }
  }
  const ignored = header.columns.ignored.filter((h) => !header.quadrantColumns.has(header.row.cells.indexOf(h)));
  const rows = table.rows.slice(header.index + 1);
  const cell = (row: TableRow, field: Field): string | undefined => {
    const index = byField[field];
    return index === undefined ? fixed[field] : (row.cells[index] ?? '').trim();
  };

  if (header.quadrantColumns.size === 0) {
    const width = header.row.cells.length;
    // Excel exports empty columns after the table as trailing delimiters, on the header and on
    // some rows only: a row may stop after the last named column, or run on with empty cells.
    let named = width;
    while (named > 0 && (header.row.cells[named - 1] ?? '').trim() === '') named--;
    // Text past the last named column is a statement split at a delimiter, or text nobody reads.
    const ragged = (cells: readonly string[]): boolean =>
      cells.length < named || cells.slice(named).some((c) => c.trim() !== '');
    const items = rows.map((row): RawItem => {
      const fields: Partial<Record<Field, string>> = {};
      for (const field of [...REQUIRED_FIELDS, 'dimension', 'id'] as Field[]) {
        const value = cell(row, field);
        if (value !== undefined) fields[field] = value;
      }
      const item: RawItem = { line: row.line, cell: '', raw: row.raw, fields };
      if (row.cells.every((v) => v.trim() === ''))
        item.problem = { code: 'row-statement-empty', message: 'the row is empty' };
      else if (!spreadsheet && ragged(row.cells)) {
        item.problem = {
          code: 'row-cell-count',
          message:
            row.cells.length < named
              ? `the row has ${row.cells.length} cells, the header has ${named}`
              : `the row has ${row.cells.length} cells, text past the header's ${named} named columns`,
          hint: 'a delimiter inside a statement needs quotes',
        };
      }
      return item;
    });
    return { kind: 'long', headerLine: header.row.line, skippedLines, ignored, items, warnings };
  }

  // A wide grid: an unnamed first column left of the quadrants holds the dimension.
  const firstQuadrant = Math.min(...header.quadrantColumns.keys());
  const dimensionColumn =
    byField.dimension ?? (firstQuadrant > 0 && (header.row.cells[0] ?? '').trim() === '' ? 0 : undefined);
  const items: RawItem[] = [];
  const width = header.row.cells.length;
  for (const row of rows) {
    if (!spreadsheet && row.cells.length > width) {
      items.push({
        line: row.line,
        cell: '',
        raw: row.raw,
        fields: {},
        problem: {
          code: 'row-cell-count',
          message: `the row has ${row.cells.length} cells, the header has ${width}`,
          hint: 'a delimiter inside a cell needs quotes; no cell of the row was read',
        },
      });
      continue;
    }
    for (const [column, word] of header.quadrantColumns) {
      const text = row.cells[column] ?? '';
      if (text.trim() === '') continue;
      const ref = row.refs?.[column] ?? `${columnLetter(column)}${row.line}`;
      for (const bullet of splitBullets(text)) {
        const fields: Partial<Record<Field, string>> = { statement: bullet, quadrant: word };
        // Ids are not taken from a grid: one row holds many statements.
        for (const field of ['partner', 'country'] as Field[]) {
          const value = cell(row, field);
          if (value !== undefined && value !== '') fields[field] = value;
        }
        if (dimensionColumn !== undefined) fields.dimension = (row.cells[dimensionColumn] ?? '').trim();
        items.push({ line: row.line, cell: ref, raw: bullet, fields });
      }
    }
  }
  return { kind: 'wide', headerLine: header.row.line, skippedLines, ignored, items, warnings };
}
