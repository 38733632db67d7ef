/**
 * The baseline an analyst would script with scikit-learn: TfidfVectorizer with its defaults
 * (lower case, tokens of two or more word characters, smooth idf, raw term counts, L2 norm) and
 * KMeans with its defaults (ten runs of greedy k-means++ seeding and Lloyd's algorithm, the lowest
 * inertia kept), the true number of clusters given. Seeded, so it repeats itself.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Python that runs scikit-learn itself beside the baseline (Debian's python3-sklearn). */
export const PYTHON = '/usr/bin/python3';

let sklearn: boolean | undefined;

/** Whether scikit-learn is installed, asked once per process. */
export function hasSklearn(): boolean {
  sklearn ??= existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
  return sklearn;
}

/** A seeded generator (mulberry32): the same draws on every run, for the bench and the tests. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sparse {
  index: Int32Array;
  value: Float32Array;
}

function tfidf(texts: readonly string[]): { vectors: Sparse[]; dims: number } {
  const docs = texts.map((t) => t.toLowerCase().match(/\b\w\w+\b/gu) ?? []);
  const vocab = new Map<string, number>();
  const df: number[] = [];
  for (const doc of docs) {
    for (const w of new Set(doc)) {
      let i = vocab.get(w);
      if (i === undefined) {
        i = vocab.size;
        vocab.set(w, i);
        df.push(0);
      }
      df[i] = (df[i] as number) + 1;
    }
  }
  const n = docs.length;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const vectors = docs.map((doc) => {
    const tf = new Map<number, number>();
    for (const w of doc) tf.set(vocab.get(w) as number, (tf.get(vocab.get(w) as number) ?? 0) + 1);
    const index = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const value = Float32Array.from(index, (i) => (tf.get(i) as number) * (idf[i] as number));
    const norm = Math.sqrt(value.reduce((s, x) => s + x * x, 0)) || 1;
    return { index, value: value.map((x) => x / norm) };
  });
  return { vectors, dims: vocab.size };
}

function dot(v: Sparse, c: Float32Array): number {
  let s = 0;
  for (let j = 0; j < v.index.length; j++) s += (v.value[j] as number) * (c[v.index[j] as number] as number);
  return s;
}

/** Squared Euclidean distance between a unit vector and a dense point of squared norm `norm`. */
function distance(v: Sparse, c: Float32Array, norm: number): number {
  return Math.max(0, 1 - 2 * dot(v, c) + norm);
}

const squaredNorm = (c: Float32Array): number => c.reduce((s, x) => s + x * x, 0);

/**
 * Cluster labels ("0".."k-1") of each text, as scikit-learn's KMeans gives them with its defaults:
 * `n_init` runs (10) of greedy k-means++ seeding (2 + ⌊ln k⌋ candidates per centre, the one that
 * lowers the potential most) and Lloyd's iterations, the run with the lowest inertia kept.
 */
export function tfidfKMeans(texts: readonly string[], k: number, seed = 0, starts = 10): string[] {
  const { vectors, dims } = tfidf(texts);
  const random = mulberry32(seed);
  let best: { labels: Int32Array; inertia: number } | undefined;
  for (let run = 0; run < starts; run++) {
    const result = kMeansOnce(vectors, dims, k, random);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return Array.from((best as { labels: Int32Array }).labels, String);
}

function kMeansOnce(
  vectors: readonly Sparse[],
  dims: number,
  k: number,
  random: () => number,
): { labels: Int32Array; inertia: number } {
  const n = vectors.length;
  const toDense = (v: Sparse): Float32Array => {
    const d = new Float32Array(dims);
    v.index.forEach((i, j) => (d[i] = v.value[j] as number));
    return d;
  };
  const trials = 2 + Math.floor(Math.log(k));
  const centroids: Float32Array[] = [toDense(vectors[Math.floor(random() * n)] as Sparse)];
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = distance(vectors[i] as Sparse, centroids[0] as Float32Array, 1);
  while (centroids.length < k) {
    const total = nearest.reduce((s, x) => s + x, 0);
    let chosen: { point: Float32Array; potential: number; nearest: Float64Array } | undefined;
    for (let t = 0; t < trials; t++) {
      let target = random() * total;
      let pick = n - 1;
      for (let i = 0; i < n; i++) {
        target -= nearest[i] as number;
        if (target <= 0) {
          pick = i;
          break;
        }
      }
      const point = toDense(vectors[pick] as Sparse);
      const next = new Float64Array(n);
      let potential = 0;
      for (let i = 0; i < n; i++) {
        next[i] = Math.min(nearest[i] as number, distance(vectors[i] as Sparse, point, 1));
        potential += next[i] as number;
      }
      if (!chosen || potential < chosen.potential) chosen = { point, potential, nearest: next };
    }
    const picked = chosen as { point: Float32Array; nearest: Float64Array };
    centroids.push(picked.point);
    nearest.set(picked.nearest);
  }
  const labels = new Int32Array(n).fill(-1);
  let inertia = 0;
  for (let iteration = 0; iteration < 300; iteration++) {
    const norms = centroids.map(squaredNorm);
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let bestCentre = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const d = distance(vectors[i] as Sparse, centroids[c] as Float32Array, norms[c] as number);
        if (d < bestDistance) {
          bestDistance = d;
          bestCentre = c;
        }
      }
      inertia += bestDistance;
      if (labels[i] !== bestCentre) {
        labels[i] = bestCentre;
        changed++;
      }
    }
    if (changed === 0) break;
    const sums = Array.from({ length: k }, () => new Float32Array(dims));
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const v = vectors[i] as Sparse;
      const sum = sums[labels[i] as number] as Float32Array;
      v.index.forEach((d, j) => (sum[d] = (sum[d] as number) + (v.value[j] as number)));
      sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
    }
    sums.forEach((sum, c) => {
      if ((sizes[c] as number) > 0) centroids[c] = sum.map((x) => x / (sizes[c] as number));
    });
  }
  return { labels, inertia };
}
