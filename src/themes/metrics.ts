/**
 * Agreement between two clusterings of the same items, for measuring themes against gold labels:
 * NMI (arithmetic normalisation, as scikit-learn's default) and the adjusted Rand index.
 * Unassigned items are their own label (pass e.g. '' for them) — that is how they count against a gold theme.
 */

function contingency(a: readonly string[], b: readonly string[]): { table: Map<string, Map<string, number>>; rows: Map<string, number>; cols: Map<string, number>; n: number } {
  if (a.length !== b.length) throw new Error(`clusterings differ in length: ${a.length} and ${b.length}`);
  const table = new Map<string, Map<string, number>>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  a.forEach((x, i) => {
    const y = b[i] as string;
    const row = table.get(x) ?? new Map<string, number>();
    row.set(y, (row.get(y) ?? 0) + 1);
    table.set(x, row);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  return { table, rows, cols, n: a.length };
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

export function normalizedMutualInformation(a: readonly string[], b: readonly string[]): number {
  const { table, rows, cols, n } = contingency(a, b);
  if (n === 0) return 1;
  let mi = 0;
  for (const [x, row] of table) {
    for (const [y, c] of row) mi += (c / n) * Math.log((c * n) / ((rows.get(x) as number) * (cols.get(y) as number)));
  }
  const ha = entropy(rows.values(), n);
  const hb = entropy(cols.values(), n);
  if (ha === 0 && hb === 0) return 1;
  return mi / ((ha + hb) / 2);
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const { table, rows, cols, n } = contingency(a, b);
  let index = 0;
  for (const row of table.values()) for (const c of row.values()) index += pairs(c);
  let sumRows = 0;
  for (const c of rows.values()) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
