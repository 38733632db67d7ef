/**
 * Sparse TF-IDF vectors over topic features, L2-normalised. Feature indices are assigned in
 * sorted key order, so vectors do not depend on the order statements arrive in.
 */

export interface SparseVector {
  /** Feature indices, ascending. */
  index: Int32Array;
  value: Float32Array;
}

export interface Vectorizer {
  features: string[];
  idf: Float32Array;
  indexOf: Map<string, number>;
}

/** Fits the vocabulary and inverse document frequencies on the statements' features. */
export function fitVectorizer(documents: readonly (readonly string[])[]): Vectorizer {
  // Document frequency, each key counted once per document (the last document that counted it).
  const df = new Map<string, { count: number; last: number }>();
  documents.forEach((doc, d) => {
    for (const key of doc) {
      const entry = df.get(key);
      if (!entry) df.set(key, { count: 1, last: d });
      else if (entry.last !== d) {
        entry.count++;
        entry.last = d;
      }
    }
  });
  const features = [...df.keys()].sort();
  const indexOf = new Map(features.map((f, i) => [f, i]));
  const n = documents.length;
  const idf = new Float32Array(features.length);
  features.forEach((f, i) => {
    idf[i] = Math.log((1 + n) / (1 + (df.get(f)?.count ?? 0))) + 1;
  });
  return { features, idf, indexOf };
}

/** TF-IDF (sublinear tf) of one document, L2-normalised; features outside the vocabulary are dropped. */
export function vectorize(
  doc: readonly string[],
  vectorizer: Vectorizer,
  weights?: ReadonlyMap<string, number>,
): SparseVector {
  // A statement has a handful of features: parallel arrays beat a map.
  const found: number[] = [];
  const counts: number[] = [];
  for (const key of doc) {
    const i = vectorizer.indexOf.get(key);
    if (i === undefined) continue;
    const at = found.indexOf(i);
    const weight = weights?.get(key) ?? 1;
    if (at < 0) {
      found.push(i);
      counts.push(0 + weight);
    } else {
      counts[at] = (counts[at] as number) + weight;
    }
  }
  const order = found.map((_, j) => j).sort((a, b) => (found[a] as number) - (found[b] as number));
  const index = Int32Array.from(order, (j) => found[j] as number);
  const value = new Float32Array(index.length);
  let norm = 0;
  order.forEach((j, k) => {
    const v = (1 + Math.log(counts[j] as number)) * (vectorizer.idf[index[k] as number] ?? 1);
    value[k] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < value.length; j++) value[j] = (value[j] as number) / norm;
  return { index, value };
}
