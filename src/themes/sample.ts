/**
 * The sample that candidate numbers of themes are tried on, packed into flat typed arrays: its
 * vectors, their similarities and Ward's tree. The arrays are views of memory the caller gives
 * (the helper's: shared with a second thread when there is one, so that it reads the sample
 * without a copy). The packing and the views over it; which themes the candidates give is
 * discover.ts's business.
 */
import { pairwiseDots, VectorBatch, type Vector } from '../represent/index.js';
import { DIMENSIONS } from '../word-vectors.js';
import { type Merge, wardMerges } from './ward.js';

/** Silhouette is computed on at most this many statements of the sample (chosen evenly). */
const SILHOUETTE_SAMPLE = 1500;

/**
 * The sample, its similarities and its tree as views of the given memory. Vectors are packed row after row: vector i's lexical
 * features are index/value[offsets[i] .. offsets[i+1]), its semantic part dense[i·D .. (i+1)·D).
 * Lexical features are numbered within the sample (`vocabulary` gives each one's number in the
 * run), so that the centres tried on it are as small as the sample's vocabulary.
 */
export interface PackedSample {
  /** The run's feature number of each of the sample's features, ascending. */
  vocabulary: Int32Array;
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
  dense: Float32Array;
  sims: Float32Array;
  /** Ward's merges as (a, b) pairs, in order. */
  merges: Int32Array;
  /** 0 to score candidates by silhouette, 1 when the analyst fixed the number (no score needed). */
  fixed: number;
}

/** Gives memory of at least the bytes asked for (an ArrayBuffer, or a SharedArrayBuffer to share it). */
export type Memory = (bytes: number) => ArrayBufferLike;

export const OWN_MEMORY: Memory = (bytes) => new ArrayBuffer(bytes);

/** Packs the sample with its similarities and Ward's tree into `memory` (see PackedSample). */
export function packSample(points: readonly Vector[], fixed: boolean, memory: Memory = OWN_MEMORY): PackedSample {
  const view = <T extends Int32Array | Float32Array>(make: (buffer: ArrayBufferLike) => T, bytes: number): T =>
    make(memory(Math.max(4, bytes)));
  const m = points.length;
  let nnz = 0;
  const used = new Set<number>();
  for (const p of points) {
    nnz += p.index.length;
    for (const f of p.index) used.add(f);
  }
  const vocabulary = view((b) => new Int32Array(b, 0, used.size), used.size * 4);
  vocabulary.set(Int32Array.from(used).sort());
  const local = new Map<number, number>();
  vocabulary.forEach((f, i) => local.set(f, i));
  const offsets = view((b) => new Int32Array(b, 0, m + 1), (m + 1) * 4);
  const index = view((b) => new Int32Array(b, 0, nnz), nnz * 4);
  const value = view((b) => new Float32Array(b, 0, nnz), nnz * 4);
  const dense = view((b) => new Float32Array(b, 0, m * DIMENSIONS), m * DIMENSIONS * 4);
  let at = 0;
  points.forEach((p, i) => {
    offsets[i] = at;
    // Ascending run numbers give ascending sample numbers: a vector's features keep their order.
    p.index.forEach((f, j) => (index[at + j] = local.get(f) as number));
    value.set(p.value, at);
    dense.set(p.dense, i * DIMENSIONS);
    at += p.index.length;
  });
  offsets[m] = at;
  const sims = view((b) => new Float32Array(b, 0, m * m), m * m * 4);
  pairwiseDots(points, sims);
  const tree = wardMerges(m, (i, j) => Math.max(0, 2 - 2 * (sims[i * m + j] as number)));
  const merges = view((b) => new Int32Array(b, 0, tree.length * 2), tree.length * 8);
  tree.forEach((merge, i) => {
    merges[2 * i] = merge.a;
    merges[2 * i + 1] = merge.b;
  });
  return { vocabulary, offsets, index, value, dense, sims, merges, fixed: fixed ? 1 : 0 };
}

/** What trying candidates on a sample needs, built once per sample and thread. */
export interface Trial {
  sample: PackedSample;
  m: number;
  batch: VectorBatch;
  merges: Merge[];
  silhouetteAt: number[];
}

/** The sample's vectors as views of its memory, and what every candidate reuses. */
export function trialOf(sample: PackedSample): Trial {
  const m = sample.offsets.length - 1;
  const vectors = Array.from({ length: m }, (_, i): Vector => {
    const from = sample.offsets[i] as number;
    const to = sample.offsets[i + 1] as number;
    return {
      index: sample.index.subarray(from, to),
      value: sample.value.subarray(from, to),
      dense: sample.dense.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS),
    };
  });
  // Cutting the tree needs only which clusters merge, in order; the costs stay behind.
  const merges = Array.from(
    { length: sample.merges.length / 2 },
    (_, i): Merge => ({ a: sample.merges[2 * i] as number, b: sample.merges[2 * i + 1] as number, cost: 0 }),
  );
  return { sample, m, batch: new VectorBatch(vectors), merges, silhouetteAt: evenSample(m, SILHOUETTE_SAMPLE) };
}

/** Indices 0..n-1 taken evenly, at most `size` of them. */
export function evenSample(n: number, size: number): number[] {
  const stride = Math.max(1, n / size);
  const out: number[] = [];
  for (let x = 0; Math.floor(x) < n && out.length < size; x += stride) out.push(Math.floor(x));
  return out;
}
