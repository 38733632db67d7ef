/** How well themes separate: the mean silhouette over a similarity matrix. */

/**
 * Mean silhouette with cosine distance over the points `at` (indices into an m × m similarity
 * matrix); a point alone in its cluster scores 0. The points are visited cluster by cluster (in
 * index order within each), so each cluster's sum builds in a register — the same sums, in the
 * same order, as adding point after point.
 */
export function meanSilhouette(
  sims: Float32Array,
  m: number,
  at: readonly number[],
  labels: Int32Array,
  k: number,
): number {
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
  const starts = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) starts[c + 1] = (starts[c] as number) + (sizes[c] as number);
  const byCluster = new Int32Array(m);
  const next = starts.slice(0, k);
  for (let b = 0; b < m; b++) {
    const c = labels[b] as number;
    const p = next[c] as number;
    byCluster[p] = b;
    next[c] = p + 1;
  }
  let total = 0;
  const sum = new Float64Array(k);
  for (const a of at) {
    const row = a * m;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let p = starts[c] as number, end = starts[c + 1] as number; p < end; p++) {
        const b = byCluster[p] as number;
        // (s + 1) − sim, as the sums were always taken.
        if (b !== a) s = s + 1 - (sims[row + b] as number);
      }
      sum[c] = s;
    }
    const own = labels[a] as number;
    if ((sizes[own] as number) <= 1) continue;
    const intra = (sum[own] as number) / ((sizes[own] as number) - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && (sizes[c] as number) > 0) nearest = Math.min(nearest, (sum[c] as number) / (sizes[c] as number));
    if (nearest === Infinity) continue;
    total += (nearest - intra) / Math.max(nearest, intra);
  }
  return total / at.length;
}
