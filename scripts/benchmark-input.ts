/**
 * Turns a labelled benchmark of ../shared/benchmarks into swotlens input: one statement per row,
 * spread over ten partners and the four quadrants, with the gold label beside it.
 *
 *   npx tsx scripts/benchmark-input.ts stackoverflow 1000 /tmp/so-1k.csv
 *
 * Rows are taken evenly across the file (every n-th), so every label is present. Above the
 * benchmark's size, rows repeat with a small rewording so that no two statements are identical.
 */
import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { loadBenchmark } from './benchmarks.js';

const [name = 'stackoverflow', countText = '1000', out = `/tmp/${name}-${countText}.csv`] = process.argv.slice(2);
const count = Number(countText);
const items = loadBenchmark(name);
if (!items) {
  process.stderr.write(`benchmark "${name}" not found under ../shared/benchmarks\n`);
  process.exit(1);
}
const PARTNERS = [
  ['Innovation Agency Upper Mur Valley', 'AT'],
  ['Agence Régionale Loire-Sud', 'FR'],
  ['Agenzia Veneto Orientale', 'IT'],
  ['Wielkopolska East Agency', 'PL'],
  ['Castilla Norte Agency', 'ES'],
  ['Cluster Office Upper Franconia', 'DE'],
  ['Savinja Development Agency', 'SI'],
  ['Moravian-Silesian Centre', 'CZ'],
  ['Central Jutland Region', 'DK'],
  ['Ostrobothnia Services', 'FI'],
] as const;
// Rewordings add only words that carry no topic, so that repeats do not form a theme of their own.
const REWORDINGS = ['', 'Also: ', 'Moreover, ', 'In addition, ', 'Again: '];
const rows: string[][] = [['id', 'partner', 'country', 'quadrant', 'dimension', 'statement', 'gold']];
const step = items.length / Math.min(count, items.length);
for (let i = 0; i < count; i++) {
  const round = Math.floor(i / items.length);
  const item = items[Math.floor((i % items.length) * step) % items.length] as { text: string; label: string };
  const [partner, country] = PARTNERS[i % PARTNERS.length] as readonly [string, string];
  const prefix = REWORDINGS[round % REWORDINGS.length] ?? '';
  const suffix = round >= REWORDINGS.length ? ` (${round})` : '';
  rows.push([
    `b${i + 1}`,
    partner,
    country,
    'SWOT'[(i >> 2) % 4] as string,
    String((i % 5) + 1),
    `${prefix}${item.text}${suffix}`,
    item.label,
  ]);
}
writeFileSync(out, `${Papa.unparse(rows, { newline: '\n' })}\n`);
process.stderr.write(`${out}: ${count} statements from ${name}\n`);
