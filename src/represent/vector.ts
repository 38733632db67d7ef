/**
 * A statement's vector: a sparse lexical part (TF-IDF over topic features) and a dense semantic
 * part (word vectors), each of unit length and weighted so that the whole has unit length:
 * the dot product of two vectors is  wₗ·cos(lexical) + wₛ·cos(semantic).
 */
import { DIMENSIONS } from '../word-vectors.js';

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
  for (let d = 0; d < DIMENSIONS; d++) sum += (a.dense[d] as number) * (b.dense[d] as number);
  return sum;
}

export function dot(v: Vector, c: Centroid): number {
  let sum = 0;
  for (let j = 0; j < v.index.length; j++) sum += (v.value[j] as number) * (c.sparse[v.index[j] as number] as number);
  for (let d = 0; d < DIMENSIONS; d++) sum += (v.dense[d] as number) * (c.dense[d] as number);
  return sum;
}

export function emptyCentroid(features: number): Centroid {
  return { sparse: new Float32Array(features), dense: new Float32Array(DIMENSIONS) };
}

export function addTo(c: Centroid, v: Vector, factor = 1): void {
  for (let j = 0; j < v.index.length; j++) {
    const i = v.index[j] as number;
    c.sparse[i] = (c.sparse[i] as number) + factor * (v.value[j] as number);
  }
  for (let d = 0; d < DIMENSIONS; d++) c.dense[d] = (c.dense[d] as number) + factor * (v.dense[d] as number);
}

/** Scales the centroid to unit length (both parts together), in place. */
export function normaliseCentroid(c: Centroid): Centroid {
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

/** The normalised mean of some vectors. */
export function centroidOf(vectors: readonly Vector[], features: number): Centroid {
  const c = emptyCentroid(features);
  for (const v of vectors) addTo(c, v);
  return normaliseCentroid(c);
}
