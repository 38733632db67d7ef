/**
 * Excel workbooks (.xlsx) through exceljs: the most used maintained reader on npm (the npm copy
 * of SheetJS is frozen with known advisories). Every sheet with content is a table; a cell reads
 * as the text Excel shows (formulas as their values), and a merged range gives its value to every
 * cell it covers.
 */
import { stop } from '../problems.js';
import type { Table, TableRow } from './table.js';

export async function readWorkbook(path: string, stem: string): Promise<Table[]> {
  // exceljs is heavy: loaded only when a workbook is read.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    stop('file-unreadable', { file: path }, `is not a readable Excel workbook (${(error as Error).message.split('\n')[0]})`, 'open it in Excel and save it again as .xlsx, or export the sheet as CSV');
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.actualRowCount > 0);
  return sheets.map((sheet): Table => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      const refs: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        const source = cell.isMerged ? cell.master : cell;
        cells.push(cellText(source.text));
        refs.push(cell.address);
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') {
        cells.pop();
        refs.pop();
      }
      if (cells.length > 0) rows.push({ line: number, cells, refs, raw: cells.join(' | ') });
    });
    return { source: sheets.length > 1 ? `${path}#${sheet.name}` : path, rows, name: sheets.length > 1 ? sheet.name : stem };
  });
}

function cellText(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\r\n?/g, '\n') : text === undefined || text === null ? '' : String(text);
}
