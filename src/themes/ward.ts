/**
 * Ward's hierarchical clustering by the nearest-neighbour chain algorithm: O(n²) time and memory,
 * no randomness. Ties go to the lower index, so the same units in the same order always give the
 * same tree. Units may be points (size 1) or groups of points given by their centroid and size.
 */

export interface Merge {
  /** The two clusters merged, each named by the lowest unit index it holds. */
  a: number;
  b: number;
  /** Ward's criterion: the increase in within-cluster sum of squares. */
  cost: number;
}

/**
 * The merges of Ward's method, in order of cost. `distance(i, j)` is the squared Euclidean
 * distance between units i and j; `sizes` their number of points.
 */
export function wardMerges(
  count: number,
  distance: (i: number, j: number) => number,
  sizes?: readonly number[],
): Merge[] {
  const n = count;
  if (n < 2) return [];
  const size = Float64Array.from({ length: n }, (_, i) => sizes?.[i] ?? 1);
  // d[i][j]: Ward's dissimilarity, 2·nᵢnⱼ/(nᵢ+nⱼ)·‖cᵢ−cⱼ‖² — the squared distance for single points.
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = (2 * (size[i] as number) * (size[j] as number)) / ((size[i] as number) + (size[j] as number));
      const v = w * distance(i, j);
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  }
  const active = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1] as number;
    const previous = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let b = -1;
    let best = Infinity;
    for (let k = 0; k < n; k++) {
      if (k === a || !active[k]) continue;
      const v = d[a * n + k] as number;
      // Prefer the previous element of the chain on a tie, so that the chain ends.
      if (v < best || (v === best && k === previous)) {
        best = v;
        b = k;
      }
    }
    if (b === previous) {
      chain.pop();
      chain.pop();
      const keep = Math.min(a, b);
      const drop = Math.max(a, b);
      merges.push({ a: keep, b: drop, cost: best });
      const na = size[keep] as number;
      const nb = size[drop] as number;
      // Lance–Williams update for Ward.
      for (let k = 0; k < n; k++) {
        if (!active[k] || k === keep || k === drop) continue;
        const nk = size[k] as number;
        const v =
          ((na + nk) * (d[keep * n + k] as number) + (nb + nk) * (d[drop * n + k] as number) - nk * best) /
          (na + nb + nk);
        d[keep * n + k] = v;
        d[k * n + keep] = v;
      }
      size[keep] = na + nb;
      active[drop] = 0;
      remaining--;
    } else {
      chain.push(b);
    }
  }
  // The chain finds merges out of order; Ward's costs are monotone, so sorting gives the tree.
  return merges
    .map((m, i) => ({ m, i }))
    .sort((x, y) => x.m.cost - y.m.cost || x.i - y.i)
    .map(({ m }) => m);
}

/** Cluster labels 0..k-1 of each unit after cutting the tree into k clusters (numbered by lowest unit). */
export function cutTree(count: number, merges: readonly Merge[], k: number): Int32Array {
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (const m of merges.slice(0, Math.max(0, count - k))) {
    const ra = find(m.a);
    const rb = find(m.b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const labelOf = new Map<number, number>();
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const root = find(i);
    if (!labelOf.has(root)) labelOf.set(root, labelOf.size);
    labels[i] = labelOf.get(root) as number;
  }
  return labels;
}
