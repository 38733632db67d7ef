/**
 * The baseline an analyst would script with scikit-learn: TfidfVectorizer with its defaults
 * (lower case, tokens of two or more word characters, smooth idf, raw term counts, L2 norm) and
 * KMeans with k-means++ seeding (Lloyd's algorithm, Euclidean distance), the true number of
 * clusters given. Seeded, so it repeats itself.
 */

function mulberry32(seed: number): () => number {
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

/** Cluster labels ("0".."k-1") of each text. */
export function tfidfKMeans(texts: readonly string[], k: number, seed = 0): string[] {
  const { vectors, dims } = tfidf(texts);
  const n = vectors.length;
  const random = mulberry32(seed);
  const toDense = (v: Sparse): Float32Array => {
    const d = new Float32Array(dims);
    v.index.forEach((i, j) => (d[i] = v.value[j] as number));
    return d;
  };
  // k-means++ on squared Euclidean distance between unit vectors: 2 − 2·cos.
  const centroids: Float32Array[] = [toDense(vectors[Math.floor(random() * n)] as Sparse)];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centroids.length < k) {
    const c = centroids[centroids.length - 1] as Float32Array;
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i] as number, Math.max(0, 2 - 2 * dot(vectors[i] as Sparse, c)));
      total += nearest[i] as number;
    }
    let target = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i] as number;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    centroids.push(toDense(vectors[pick] as Sparse));
  }
  const labels = new Int32Array(n).fill(-1);
  for (let iteration = 0; iteration < 300; iteration++) {
    const norms = centroids.map((c) => c.reduce((s, x) => s + x * x, 0));
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const d = 1 - 2 * dot(vectors[i] as Sparse, centroids[c] as Float32Array) + (norms[c] as number);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
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
  return Array.from(labels, String);
}
