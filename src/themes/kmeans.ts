/**
 * Spherical k-means on sparse unit vectors: deterministic (seeded k-means++ seeding, fixed
 * restarts), so the same statements always give the same themes.
 */
import { addInto, dotDense, normalise, type SparseVector } from './vectors.js';

/** mulberry32: a small seeded generator; the seed makes every run repeat itself. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Clustering {
  k: number;
  /** Cluster of each vector. */
  labels: Int32Array;
  centroids: Float32Array[];
  /** Sum of each vector's similarity to its centroid: higher is tighter. */
  cohesion: number;
}

function dense(v: SparseVector, dimensions: number): Float32Array {
  const d = new Float32Array(dimensions);
  addInto(d, v, 1);
  return d;
}

/** k-means++ seeding with cosine distance. */
function seed(vectors: readonly SparseVector[], k: number, dimensions: number, random: () => number): Float32Array[] {
  const n = vectors.length;
  const centroids = [dense(vectors[Math.floor(random() * n)] as SparseVector, dimensions)];
  const distance = new Float64Array(n).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1] as Float32Array;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dotDense(vectors[i] as SparseVector, last));
      if (d < (distance[i] as number)) distance[i] = d;
      total += (distance[i] as number) ** 2;
    }
    let target = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= (distance[i] as number) ** 2;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    centroids.push(dense(vectors[pick] as SparseVector, dimensions));
  }
  return centroids;
}

function runOnce(vectors: readonly SparseVector[], k: number, dimensions: number, random: () => number, maxIterations: number): Clustering {
  return iterate(vectors, seed(vectors, k, dimensions, random), dimensions, maxIterations);
}

/** k-means from given starting labels (a cut of Ward's tree): deterministic refinement. */
export function refineLabels(vectors: readonly SparseVector[], labels: Int32Array, k: number, dimensions: number, maxIterations = 20): Clustering {
  const sums: Float32Array[] = Array.from({ length: k }, () => new Float32Array(dimensions));
  vectors.forEach((v, i) => addInto(sums[labels[i] as number] as Float32Array, v, 1));
  return iterate(vectors, sums.map(normalise), dimensions, maxIterations);
}

function iterate(vectors: readonly SparseVector[], start: Float32Array[], dimensions: number, maxIterations: number): Clustering {
  const n = vectors.length;
  const k = start.length;
  let centroids = start;
  const labels = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const v = vectors[i] as SparseVector;
      let label = 0;
      let sim = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dotDense(v, centroids[c] as Float32Array);
        if (s > sim) {
          sim = s;
          label = c;
        }
      }
      best[i] = sim;
      if (labels[i] !== label) {
        labels[i] = label;
        changed++;
      }
    }
    const next: Float32Array[] = Array.from({ length: k }, () => new Float32Array(dimensions));
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      addInto(next[labels[i] as number] as Float32Array, vectors[i] as SparseVector, 1);
      sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
    }
    // An empty cluster takes the vector that fits its own cluster worst.
    for (let c = 0; c < k; c++) {
      if (sizes[c] !== 0) continue;
      let worst = 0;
      for (let i = 1; i < n; i++) if ((best[i] as number) < (best[worst] as number)) worst = i;
      best[worst] = Infinity;
      next[c] = dense(vectors[worst] as SparseVector, dimensions);
    }
    centroids = next.map(normalise);
    if (changed === 0) break;
  }
  let cohesion = 0;
  for (let i = 0; i < n; i++) cohesion += dotDense(vectors[i] as SparseVector, centroids[labels[i] as number] as Float32Array);
  return { k, labels, centroids, cohesion };
}

/** Best of `restarts` seeded runs, by cohesion. */
export function sphericalKMeans(vectors: readonly SparseVector[], k: number, dimensions: number, options: { seed?: number; restarts?: number; maxIterations?: number } = {}): Clustering {
  const random = seededRandom(options.seed ?? 20200303);
  let best: Clustering | undefined;
  for (let r = 0; r < (options.restarts ?? 6); r++) {
    const run = runOnce(vectors, k, dimensions, random, options.maxIterations ?? 40);
    if (!best || run.cohesion > best.cohesion + 1e-9) best = run;
  }
  return best as Clustering;
}
