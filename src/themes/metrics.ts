/**
 * Agreement between two clusterings of the same items, for measuring themes against gold labels:
 * NMI (arithmetic normalisation, as scikit-learn's default) and the adjusted Rand index.
 * Unassigned items are their own label (pass e.g. '' for them) — that is how they count against a gold theme.
 */

function contingency(
  a: readonly string[],
  b: readonly string[],
): { table: Map<string, Map<string, number>>; rows: Map<string, number>; cols: Map<string, number>; n: number } {
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

/**
 * Clustering accuracy: the share of items in the best one-to-one matching of predicted clusters
 * to gold labels (Hungarian algorithm); surplus clusters on either side match nothing.
 */
export function clusteringAccuracy(gold: readonly string[], predicted: readonly string[]): number {
  const { table, rows, cols, n } = contingency(gold, predicted);
  if (n === 0) return 1;
  const g = [...rows.keys()];
  const p = [...cols.keys()];
  const size = Math.max(g.length, p.length);
  // Cost = −overlap, padded to a square matrix.
  const cost: number[][] = Array.from({ length: size }, (_, i) =>
    Array.from(
      { length: size },
      (_, j) => -((g[i] !== undefined && p[j] !== undefined ? table.get(g[i] as string)?.get(p[j] as string) : 0) ?? 0),
    ),
  );
  const assignment = hungarian(cost);
  let matched = 0;
  assignment.forEach((j, i) => {
    matched -= cost[i]?.[j] ?? 0;
  });
  return matched / n;
}

/** Minimum-cost perfect matching on a square matrix (Kuhn–Munkres, O(n³)); returns the column of each row. */
function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = (cost[i0 - 1]?.[j - 1] ?? 0) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(n).fill(0);
  for (let j = 1; j <= n; j++) if ((p[j] as number) > 0) result[(p[j] as number) - 1] = j - 1;
  return result;
}
