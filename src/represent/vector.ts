/**
 * A statement's vector: a sparse lexical part (TF-IDF over topic features) and a dense semantic
 * part (word vectors), each of unit length and weighted so that the whole has unit length:
 * the dot product of two vectors is  wₗ·cos(lexical) + wₛ·cos(semantic).
 */
import { DIMENSIONS } from '../word-vectors.js';
import { DenseRows, denseDot, SparseRows } from './dense.js';

export interface Vector {
  /** Lexical feature indices, ascending. */
  index: Int32Array;
  value: Float32Array;
  /** Semantic part; zeros when none of the statement's words has a vector. */
  dense: Float32Array;
}

/** A theme's centre: both parts dense, the lexical one over the whole vocabulary. */
export interface Centroid {
  sparse: Float32Array;
  dense: Float32Array;
}

export function isEmpty(v: Vector): boolean {
  return v.index.length === 0 && v.dense.every((x) => x === 0);
}

export function dotVectors(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.index.length && j < b.index.length) {
    const ai = a.index[i] as number;
    const bj = b.index[j] as number;
    if (ai === bj) sum += (a.value[i++] as number) * (b.value[j++] as number);
    else if (ai < bj) i++;
    else j++;
  }
  return sum + denseDot(a.dense, b.dense);
}

/** The dot product of two centroids (their cosine when both are unit centres). */
export function dotCentroids(a: Centroid, b: Centroid): number {
  let sum = 0;
  const as = a.sparse;
  const bs = b.sparse;
  for (let f = 0; f < as.length; f++) {
    const x = as[f] as number;
    if (x !== 0) sum += x * (bs[f] as number);
  }
  return sum + denseDot(a.dense, b.dense);
}

export function dot(v: Vector, c: Centroid): number {
  let sum = 0;
  for (let j = 0; j < v.index.length; j++) sum += (v.value[j] as number) * (c.sparse[v.index[j] as number] as number);
  return sum + denseDot(v.dense, c.dense);
}

/**
 * Vectors to be compared with many centroids, pass after pass: the same numbers as `dot`, both
 * parts by the SIMD kernels (see dense.ts), the sparse parts over the features the vectors use
 * (`support`), so that a sample's centroids cost what the sample's words cost.
 */
export class VectorBatch {
  readonly vectors: readonly Vector[];
  /** The lexical features the vectors use, ascending. */
  readonly support: Int32Array;
  private readonly sparse: SparseRows;
  private readonly dense: DenseRows;

  constructor(vectors: readonly Vector[]) {
    this.vectors = vectors;
    const used = new Set<number>();
    let nnz = 0;
    for (const v of vectors) {
      nnz += v.index.length;
      for (const f of v.index) used.add(f);
    }
    this.support = Int32Array.from(used).sort();
    const position = new Map<number, number>();
    this.support.forEach((f, p) => position.set(f, p));
    // Each vector's features as positions in `support`, row after row.
    const offsets = new Int32Array(vectors.length + 1);
    const positions = new Int32Array(nnz);
    const values = new Float32Array(nnz);
    let at = 0;
    vectors.forEach((v, i) => {
      offsets[i] = at;
      for (let j = 0; j < v.index.length; j++, at++) {
        positions[at] = position.get(v.index[j] as number) as number;
        values[at] = v.value[j] as number;
      }
    });
    offsets[vectors.length] = at;
    this.sparse = new SparseRows(offsets, positions, values, this.support.length);
    this.dense = new DenseRows(
      vectors.map((v) => v.dense),
      DIMENSIONS,
    );
  }

  /** `dot(vectors[i], centroids[c])` at [i·k + c]; the array is only valid until the next call. */
  dots(centroids: readonly Centroid[]): Float64Array {
    const k = centroids.length;
    const support = this.support;
    const out = this.sparse.dots(k, (t) => {
      centroids.forEach((c, j) => {
        for (let p = 0; p < support.length; p++) t[p * k + j] = c.sparse[support[p] as number] as number;
      });
    });
    const dense = this.dense.dots(centroids.map((c) => c.dense));
    for (let q = 0; q < out.length; q++) out[q] = (out[q] as number) + (dense[q] as number);
    return out;
  }
}

/**
 * Every pair's `dotVectors`, row-major in single precision, 1 on the diagonal: the sparse parts
 * through the features each pair shares, the dense parts by the SIMD kernel. O(m²) memory, into
 * `sims` when given (m × m).
 */
export function pairwiseDots(
  points: readonly Vector[],
  sims: Float32Array<ArrayBufferLike> = new Float32Array(points.length * points.length),
): Float32Array<ArrayBufferLike> {
  const m = points.length;
  const postings = new Map<number, { point: number; value: number }[]>();
  points.forEach((p, point) => {
    for (let j = 0; j < p.index.length; j++) {
      const f = p.index[j] as number;
      const list = postings.get(f) ?? [];
      list.push({ point, value: p.value[j] as number });
      postings.set(f, list);
    }
  });
  const dense = new DenseRows(
    points.map((p) => p.dense),
    DIMENSIONS,
  ).dots(points.map((p) => p.dense));
  const row = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    row.fill(0);
    const p = points[a] as Vector;
    for (let j = 0; j < p.index.length; j++) {
      const value = p.value[j] as number;
      for (const other of postings.get(p.index[j] as number) ?? [])
        row[other.point] = (row[other.point] as number) + value * other.value;
    }
    for (let b = 0; b < m; b++) sims[a * m + b] = (row[b] as number) + (dense[a * m + b] as number);
    sims[a * m + a] = 1;
  }
  return sims;
}

export function emptyCentroid(features: number): Centroid {
  return { sparse: new Float32Array(features), dense: new Float32Array(DIMENSIONS) };
}

function addTo(c: Centroid, v: Vector, weight = 1): void {
  for (let j = 0; j < v.index.length; j++) {
    const i = v.index[j] as number;
    c.sparse[i] = (c.sparse[i] as number) + weight * (v.value[j] as number);
  }
  for (let d = 0; d < DIMENSIONS; d++) c.dense[d] = (c.dense[d] as number) + weight * (v.dense[d] as number);
}

/** Scales the centroid to unit length (both parts together), in place. */
function normaliseCentroid(c: Centroid): Centroid {
  let norm = 0;
  for (const x of c.sparse) norm += x * x;
  for (const x of c.dense) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) {
    for (let i = 0; i < c.sparse.length; i++) c.sparse[i] = (c.sparse[i] as number) / norm;
    for (let d = 0; d < c.dense.length; d++) c.dense[d] = (c.dense[d] as number) / norm;
  }
  return c;
}

/** The normalised mean of some vectors; with `weights`, each counted by its weight (1 where none is given). */
export function centroidOf(vectors: readonly Vector[], features: number, weights?: readonly number[]): Centroid {
  const c = emptyCentroid(features);
  vectors.forEach((v, i) => addTo(c, v, weights?.[i] ?? 1));
  return normaliseCentroid(c);
}
