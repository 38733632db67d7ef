/**
 * Spherical k-means on statement vectors, started from given labels (a cut of Ward's tree):
 * no randomness, so the same statements always give the same themes.
 */
import { emptyCentroid, type Centroid, type Vector, type VectorBatch } from '../represent/index.js';
import { DIMENSIONS } from '../word-vectors.js';

export interface Clustering {
  k: number;
  /** Cluster of each vector. */
  labels: Int32Array;
  /** Each vector's similarity to its cluster's centroid in the last pass (before the centroids moved). */
  scores: Float64Array;
  centroids: Centroid[];
}

function copyCentroid(from: Centroid, to: Centroid): void {
  to.sparse.set(from.sparse);
  to.dense.set(from.dense);
}

/** The normalised centroids of labelled vectors. */
export function centroidsOf(batch: VectorBatch, labels: Int32Array, k: number, features: number): Centroid[] {
  const sums = Array.from({ length: k }, () => emptySum(features));
  batch.vectors.forEach((v, i) => move(sums[labels[i] as number] as Sum, v, 1));
  return sums.map((sum) => {
    const c = emptyCentroid(features);
    normalisedInto(sum, batch.support, c);
    return c;
  });
}

/** A cluster's running sum, in double precision. */
interface Sum {
  sparse: Float64Array;
  dense: Float64Array;
}

function emptySum(features: number): Sum {
  return { sparse: new Float64Array(features), dense: new Float64Array(DIMENSIONS) };
}

function move(sum: Sum, v: Vector, sign: number): void {
  for (let j = 0; j < v.index.length; j++) {
    const f = v.index[j] as number;
    sum.sparse[f] = (sum.sparse[f] as number) + sign * (v.value[j] as number);
  }
  for (let d = 0; d < DIMENSIONS; d++) sum.dense[d] = (sum.dense[d] as number) + sign * (v.dense[d] as number);
}

/** The sum scaled to unit length, into `to` (whose other lexical features are zero). */
function normalisedInto(sum: Sum, support: Int32Array, to: Centroid): void {
  let norm = 0;
  for (const f of support) norm += (sum.sparse[f] as number) * (sum.sparse[f] as number);
  for (let d = 0; d < DIMENSIONS; d++) norm += (sum.dense[d] as number) * (sum.dense[d] as number);
  norm = norm > 0 ? Math.sqrt(norm) : 1;
  for (const f of support) to.sparse[f] = (sum.sparse[f] as number) / norm;
  for (let d = 0; d < DIMENSIONS; d++) to.dense[d] = (sum.dense[d] as number) / norm;
}

/**
 * Moves each vector to its most similar centroid and recomputes the centroids, until no more than
 * one in a thousand moves or `maxIterations` passes. A cluster left empty keeps its old centroid.
 * The clusters' sums are kept from pass to pass: only the vectors that moved change them.
 */
export function refine(
  batch: VectorBatch,
  start: Centroid[],
  features: number,
  maxIterations = 20,
  onPass?: (pass: number) => void,
): Clustering {
  const vectors = batch.vectors;
  const n = vectors.length;
  const k = start.length;
  let centroids = start;
  const labels = new Int32Array(n).fill(-1);
  const scores = new Float64Array(n);
  const sums = Array.from({ length: k }, () => emptySum(features));
  const sizes = new Int32Array(k);
  // Two sets of centroids, used in turn: no allocation per pass.
  let spare = Array.from({ length: k }, () => emptyCentroid(features));
  for (let iteration = 0; iteration < Math.max(1, maxIterations); iteration++) {
    onPass?.(iteration);
    const dots = batch.dots(centroids);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let label = 0;
      let best = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dots[i * k + c] as number;
        if (s > best) {
          best = s;
          label = c;
        }
      }
      scores[i] = best;
      const old = labels[i] as number;
      if (old !== label) {
        if (old >= 0) {
          move(sums[old] as Sum, vectors[i] as Vector, -1);
          sizes[old] = (sizes[old] as number) - 1;
        }
        move(sums[label] as Sum, vectors[i] as Vector, 1);
        sizes[label] = (sizes[label] as number) + 1;
        labels[i] = label;
        changed++;
      }
    }
    const next = spare;
    for (let j = 0; j < k; j++) {
      const c = next[j] as Centroid;
      c.sparse.fill(0);
      if (sizes[j] === 0) copyCentroid(centroids[j] as Centroid, c);
      else normalisedInto(sums[j] as Sum, batch.support, c);
    }
    spare = start === centroids ? Array.from({ length: k }, () => emptyCentroid(features)) : centroids;
    centroids = next;
    // Stop when (almost) nothing moves: the last few moves change no theme.
    if (changed <= n / 1000) break;
  }
  return { k, labels, scores, centroids };
}
