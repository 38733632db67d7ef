/**
 * Excel workbooks (.xlsx) through exceljs: the most used maintained reader on npm (the npm copy
 * of SheetJS is frozen with known advisories). Every visible sheet with content is a table; a cell
 * reads as Excel shows it (formulas as their values, errors as `#DIV/0!`, dates as ISO dates
 * whatever the time zone), and a merged range gives its value to every cell it covers. Hidden
 * sheets (helper lists, old versions) are not read, and said so.
 */
import type { Cell } from 'exceljs';
import { stop } from '../model/index.js';
import type { Table, TableRow } from './table.js';

export interface Workbook {
  tables: Table[];
  /** Sheets with content that are hidden or very hidden in Excel: not read. */
  hidden: string[];
}

/** Names Excel and its translations give new sheets, and names that say nothing of a partner. */
const GENERIC_SHEET =
  /^(?:sheet|tabelle|feuil(?:le)?|foglio|hoja|arkusz|blad|list|planilha|munkalap|taulukko|ark)\s*\d*$|^(?:swot|swot analysis|swot grid|analysis|grid|table|matrix|data|export|input|statements|responses)$/i;

export async function readWorkbook(path: string, stem: string): Promise<Workbook> {
  // exceljs is heavy: loaded only when a workbook is read.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    stop(
      'file-unreadable',
      { file: path },
      `is not a readable Excel workbook (${(error as Error).message.split('\n')[0]})`,
      'open it in Excel and save it again as .xlsx, or export the sheet as CSV',
    );
  }
  const withContent = workbook.worksheets.filter((sheet) => sheet.actualRowCount > 0);
  const sheets = withContent.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const hidden = withContent.filter((sheet) => !sheets.includes(sheet)).map((sheet) => sheet.name);
  // A workbook of one sheet is named like a file: by the sheet's name when it says more than "Sheet1".
  const single = sheets.length === 1 ? (sheets[0] as (typeof sheets)[number]).name.trim() : '';
  const singleName = single !== '' && !GENERIC_SHEET.test(single) ? single : stem;
  const tables = sheets.map((sheet): Table => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      const refs: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push(cellText(cell.isMerged ? cell.master : cell));
        refs.push(cell.address);
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') {
        cells.pop();
        refs.pop();
      }
      if (cells.length > 0) rows.push({ line: number, cells, refs, raw: cells.join(' | ') });
    });
    return {
      source: sheets.length > 1 ? `${path}#${sheet.name}` : path,
      rows,
      name: sheets.length > 1 ? sheet.name : singleName,
    };
  });
  return { tables, hidden };
}

/** A date as Excel shows it, independent of the machine's time zone (exceljs reads Excel's serial numbers as UTC). */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** The text of a cell as Excel shows it: a formula's result, an error's code, a date in ISO form. */
function cellText(cell: Cell): string {
  let value: unknown = cell.value;
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
    value = (value as { result?: unknown }).result;
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object' && 'error' in value) return String((value as { error: unknown }).error);
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : cell.text;
  return typeof text === 'string' ? text.replace(/\r\n?/g, '\n') : '';
}
