/** Reads the labelled short-text sets in ../shared/benchmarks (never copied into the project). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export interface LabelledText {
  text: string;
  label: string;
}

export const BENCHMARK_DIR = fileURLToPath(new URL('../../shared/benchmarks/', import.meta.url));

/** The items of a benchmark, or undefined when it is not there. */
export function loadBenchmark(name: string): LabelledText[] | undefined {
  const tsv = `${BENCHMARK_DIR}${name}/data.tsv`;
  const csv = `${BENCHMARK_DIR}${name}/test.csv`;
  if (existsSync(tsv)) {
    // Plain TSV without quoting (see each PROVENANCE.md).
    return readFileSync(tsv, 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const cells = line.split('\t');
        return { label: cells[1] ?? '', text: cells[cells.length - 1] ?? '' };
      });
  }
  if (existsSync(csv)) {
    const rows = parse(readFileSync(csv), { columns: true }) as { text: string; category: string }[];
    return rows.map((r) => ({ text: r.text, label: r.category }));
  }
  return undefined;
}
