/**
 * Spherical k-means on statement vectors, started from given labels (a cut of Ward's tree):
 * no randomness, so the same statements always give the same themes.
 */
import { addTo, emptyCentroid, normaliseCentroid, type Centroid, type Vector, type VectorBatch } from '../represent/index.js';

export interface Clustering {
  k: number;
  /** Cluster of each vector. */
  labels: Int32Array;
  centroids: Centroid[];
}

function copyCentroid(from: Centroid, to: Centroid): void {
  to.sparse.set(from.sparse);
  to.dense.set(from.dense);
}

/** The normalised centroids of labelled vectors. */
export function centroidsOf(batch: VectorBatch, labels: Int32Array, k: number, features: number): Centroid[] {
  const sums = Array.from({ length: k }, () => emptyCentroid(features));
  batch.vectors.forEach((v, i) => addTo(sums[labels[i] as number] as Centroid, v));
  return sums.map((c) => normaliseCentroid(c, batch.support));
}

/**
 * Moves each vector to its most similar centroid and recomputes the centroids, until no more than
 * one in a thousand moves or `maxIterations` passes. A cluster left empty keeps its old centroid.
 */
export function refine(batch: VectorBatch, start: Centroid[], features: number, maxIterations = 20, onPass?: (pass: number) => void): Clustering {
  const vectors = batch.vectors;
  const n = vectors.length;
  const k = start.length;
  let centroids = start;
  const labels = new Int32Array(n).fill(-1);
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
      if (labels[i] !== label) {
        labels[i] = label;
        changed++;
      }
    }
    const next = spare;
    for (const c of next) {
      c.sparse.fill(0);
      c.dense.fill(0);
    }
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      addTo(next[labels[i] as number] as Centroid, vectors[i] as Vector);
      sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
    }
    for (let j = 0; j < k; j++) {
      if (sizes[j] === 0) copyCentroid(centroids[j] as Centroid, next[j] as Centroid);
      else normaliseCentroid(next[j] as Centroid, batch.support);
    }
    spare = start === centroids ? Array.from({ length: k }, () => emptyCentroid(features)) : centroids;
    centroids = next;
    // Stop when (almost) nothing moves: the last few moves change no theme.
    if (changed <= n / 1000) break;
  }
  return { k, labels, centroids };
}
