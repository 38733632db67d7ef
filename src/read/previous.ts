/** A previous run's output folder, read for --previous: its theme table and its assignments. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { stop } from '../model/index.js';

export interface PreviousTheme {
  id: string;
  label: string;
  counts: Record<'S' | 'W' | 'O' | 'T' | 'partners', number>;
}

export interface PreviousRun {
  dir: string;
  themes: PreviousTheme[];
  /** Statement id → theme id ('' when it was unassigned). */
  assignments: Map<string, string>;
  partners: Set<string>;
}

/** A cell as swotlens wrote it, without the apostrophe that kept a spreadsheet from running it as a formula. */
function unescaped(cell: string | undefined): string {
  return cell !== undefined && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : (cell ?? '');
}

function readTable(dir: string, name: string, columns: readonly string[]): Record<string, string>[] {
  const path = join(dir, name);
  if (!existsSync(path))
    stop(
      'previous-invalid',
      { file: path },
      'not found',
      `--previous takes the output folder of an earlier run (it holds ${name})`,
    );
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    stop(
      'previous-invalid',
      { file: path },
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'give the untouched output folder of an earlier run',
    );
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    stop(
      'previous-invalid',
      { file: path },
      `is not valid CSV (${error.message})`,
      'give the untouched output folder of an earlier run',
    );
  }
  const missing = columns.filter((c) => rows.length > 0 && !(c in (rows[0] as object)));
  if (missing.length > 0)
    stop(
      'previous-invalid',
      { file: path, line: 1 },
      `has no ${missing.map((c) => `"${c}"`).join(', ')} column`,
      'give the untouched output folder of an earlier run',
    );
  return rows;
}

export function readPrevious(dir: string): PreviousRun {
  if (!existsSync(dir))
    stop('previous-invalid', { file: dir }, 'folder not found', '--previous takes the output folder of an earlier run');
  const themes = readTable(dir, 'theme-quadrant.csv', ['theme_id', 'theme_label', 'S', 'W', 'O', 'T', 'partners']).map(
    (r) => ({
      id: unescaped(r.theme_id),
      label: unescaped(r.theme_label),
      counts: { S: Number(r.S), W: Number(r.W), O: Number(r.O), T: Number(r.T), partners: Number(r.partners) },
    }),
  );
  const rows = readTable(dir, 'assignments.csv', ['statement_id', 'partner', 'theme_id']);
  return {
    dir,
    themes,
    assignments: new Map(rows.map((r) => [unescaped(r.statement_id), unescaped(r.theme_id)])),
    partners: new Set(rows.map((r) => unescaped(r.partner))),
  };
}
