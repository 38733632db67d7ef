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
  const df = new Map<string, number>();
  for (const doc of documents) for (const key of new Set(doc)) df.set(key, (df.get(key) ?? 0) + 1);
  const features = [...df.keys()].sort();
  const indexOf = new Map(features.map((f, i) => [f, i]));
  const n = documents.length;
  const idf = new Float32Array(features.length);
  features.forEach((f, i) => {
    idf[i] = Math.log((1 + n) / (1 + (df.get(f) ?? 0))) + 1;
  });
  return { features, idf, indexOf };
}

/** TF-IDF (sublinear tf) of one document, L2-normalised; features outside the vocabulary are dropped. */
export function vectorize(doc: readonly string[], vectorizer: Vectorizer, weights?: ReadonlyMap<string, number>): SparseVector {
  const counts = new Map<number, number>();
  for (const key of doc) {
    const i = vectorizer.indexOf.get(key);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + (weights?.get(key) ?? 1));
  }
  const index = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const value = new Float32Array(index.length);
  let norm = 0;
  index.forEach((i, j) => {
    const v = (1 + Math.log(counts.get(i) ?? 1)) * (vectorizer.idf[i] ?? 1);
    value[j] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < value.length; j++) value[j] = (value[j] as number) / norm;
  return { index, value };
}

