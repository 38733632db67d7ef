/** CSV for the scripts: csv-parse with a header row. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export function readCsvFile(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];
}
