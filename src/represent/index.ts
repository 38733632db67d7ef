/**
 * Represent: each statement's topic as a vector, lexical and semantic together.
 *
 * - lexical: TF-IDF over the topic features of the terms stage (lemmas, topic groups,
 *   sense-tagged glossary concepts) — precise, but blind to synonyms;
 * - semantic: the smooth-inverse-frequency weighted mean of the word vectors of the same
 *   features' words — or, with `themes.meaning: sentences`, the whole text read by a sentence
 *   encoder (sentences.ts) —, less the mean over all statements (their common component): sees
 *   that "staff", "workers" and "talent" are one topic.
 *
 * Evaluative words never reach either part (the terms stage leaves them out), so polarity does
 * not drive similarity.
 */
import type { Feature, NormalisedStatement } from '../terms/index.js';
import { fitVectorizer, vectorize, type Vectorizer } from './tfidf.js';
import type { Vector } from './vector.js';
import { DIMENSIONS, sifWeight, wordVectors } from '../word-vectors.js';
import { idOrder, isWordFeature } from '../model/index.js';

export {
  centroidOf,
  dot,
  dotCentroids,
  dotVectors,
  emptyCentroid,
  isEmpty,
  pairwiseDots,
  VectorBatch,
  type Centroid,
  type Vector,
} from './vector.js';
export type { Vectorizer } from './tfidf.js';
export { meaningsByText, sentenceMeanings, withoutNames } from './sentences.js';

export interface Representation {
  vectors: Vector[];
  vectorizer: Vectorizer;
  /** Number of lexical features. */
  features: number;
  /** Mean semantic vector of the statements, taken off each (and off codebook texts). */
  mean: Float32Array;
  /** Share of the similarity that is semantic, 0–1. */
  semantic: number;
  /** The word rows of each feature met in this run, for texts represented later (codebook themes). */
  rows: FeatureRows;
  /** With `themes.meaning: sentences`: each text's meaning read whole (statements, clauses, codebook themes), by text. */
  sentences?: ReadonlyMap<string, Float32Array>;
}

/** Feature word → feature key → its rows in the vector table: features repeat, so each is looked up once per run. */
export type FeatureRows = Map<string, Map<string, Int32Array>>;

/** British spellings the vector table has in their US form. */
function spellings(word: string): string[] {
  const us = word
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/our$/, 'or')
    .replace(/tre$/, 'ter')
    .replace(/^programme(s?)$/, 'program$1');
  return us === word ? [word] : [word, us];
}

/** The words of a feature, as the table writes them (lower case, letters, hyphens, apostrophes). */
function wordsOf(feature: Feature): string[] {
  const words = feature.word
    .toLowerCase()
    .split(/[^a-z'-]+/)
    .filter((w) => w.length > 1);
  if (isWordFeature(feature.key) && !words.includes(feature.key)) words.push(feature.key);
  return words;
}

/** A word's row in the vector table, under its own spelling or its US one; -1 for none. */
function rowOf(word: string): number {
  const { index } = wordVectors();
  return (
    spellings(word)
      .map((w) => index.get(w))
      .find((r) => r !== undefined) ?? -1
  );
}

/** The table rows of a feature's words, remembered for the run in `cache`. */
function rowsOf(feature: Feature, cache: FeatureRows): Int32Array {
  let byKey = cache.get(feature.word);
  if (!byKey) {
    byKey = new Map();
    cache.set(feature.word, byKey);
  }
  let rows = byKey.get(feature.key);
  if (!rows) {
    rows = Int32Array.from(
      wordsOf(feature)
        .map(rowOf)
        .filter((row) => row >= 0),
    );
    byKey.set(feature.key, rows);
  }
  return rows;
}

/** A statement's word rows and their weights; reused from statement to statement. */
let wordRows = new Int32Array(64);
let wordWeights = new Float64Array(64);

/**
 * SIF-weighted mean of the word vectors, unit length; zeros when no word has a vector. Each
 * dimension is summed word after word in single precision (rounded at each step, as adding into
 * a Float32Array would), in a register rather than through memory.
 */
function rawEmbedding(features: readonly Feature[], cache: FeatureRows): Float32Array {
  const { data } = wordVectors();
  let count = 0;
  for (const feature of features) {
    for (const row of rowsOf(feature, cache)) {
      if (count === wordRows.length) {
        wordRows = Int32Array.from({ length: 2 * count }, (_, i) => wordRows[i] ?? 0);
        wordWeights = Float64Array.from({ length: 2 * count }, (_, i) => wordWeights[i] ?? 0);
      }
      wordRows[count] = row * DIMENSIONS;
      wordWeights[count] = sifWeight(row) / 127;
      count++;
    }
  }
  const sum = new Float32Array(DIMENSIONS);
  const f = Math.fround;
  // Four dimensions at a time: four independent sums keep the processor busy.
  for (let d = 0; d < DIMENSIONS; d += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let w = 0; w < count; w++) {
      const weight = wordWeights[w] as number;
      const at = (wordRows[w] as number) + d;
      s0 = f(s0 + weight * (data[at] as number));
      s1 = f(s1 + weight * (data[at + 1] as number));
      s2 = f(s2 + weight * (data[at + 2] as number));
      s3 = f(s3 + weight * (data[at + 3] as number));
    }
    sum[d] = s0;
    sum[d + 1] = s1;
    sum[d + 2] = s2;
    sum[d + 3] = s3;
  }
  return unit(sum);
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += (v[d] as number) * (v[d] as number);
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) / norm;
  return v;
}

function isZero(v: Float32Array): boolean {
  for (let d = 0; d < v.length; d++) if (v[d] !== 0) return false;
  return true;
}

/** The two parts, weighted (in place); a part that is missing leaves the other at full length. */
function combine(lexical: { index: Int32Array; value: Float32Array }, semantic: Float32Array, share: number): Vector {
  const hasLexical = lexical.index.length > 0;
  const hasSemantic = !isZero(semantic);
  const wl = hasSemantic ? Math.sqrt(1 - share) : 1;
  const ws = hasLexical ? Math.sqrt(share) : 1;
  for (let j = 0; j < lexical.value.length; j++) lexical.value[j] = (lexical.value[j] as number) * wl;
  for (let d = 0; d < semantic.length; d++) semantic[d] = (semantic[d] as number) * ws;
  return { index: lexical.index, value: lexical.value, dense: semantic };
}

/** The embedding less the statements' mean, unit length, in place. */
function centred(raw: Float32Array, mean: Float32Array): Float32Array {
  if (isZero(raw)) return raw;
  for (let d = 0; d < raw.length; d++) raw[d] = (raw[d] as number) - (mean[d] as number);
  return unit(raw);
}

export interface RepresentOptions {
  /** Share of the similarity that is semantic, 0–1. */
  semantic: number;
  /** The statements' positions in id order, when the run has worked them out already (model's idOrder). */
  order?: readonly number[];
  /**
   * `themes.meaning: sentences`: the meaning of each text read whole (sentenceMeanings), by text —
   * the statements', in `texts`, and those represented later (clauses, codebook themes).
   */
  sentences?: { texts: readonly string[]; meanings: ReadonlyMap<string, Float32Array> };
}

/** A text's meaning read whole, as a fresh array (centring works in place); zeros when it was not read. */
function sentenceMeaning(meanings: ReadonlyMap<string, Float32Array>, text: string): Float32Array {
  const meaning = meanings.get(text);
  return meaning ? Float32Array.from(meaning) : new Float32Array(DIMENSIONS);
}

export function represent(statements: readonly NormalisedStatement[], options: RepresentOptions): Representation {
  const docs = statements.map((s) => s.features.map((f) => f.key));
  const vectorizer = fitVectorizer(docs);
  const rows: FeatureRows = new Map();
  const { sentences } = options;
  const raw = statements.map((s, i) =>
    options.semantic === 0
      ? new Float32Array(DIMENSIONS)
      : sentences
        ? sentenceMeaning(sentences.meanings, sentences.texts[i] ?? '')
        : rawEmbedding(s.features, rows),
  );
  // Summed in id order, so that the order of the rows does not reach the last bits.
  const order = options.order ?? idOrder(statements);
  const mean = new Float32Array(DIMENSIONS);
  let count = 0;
  for (const i of order) {
    const r = raw[i] as Float32Array;
    if (isZero(r)) continue;
    count++;
    for (let d = 0; d < DIMENSIONS; d++) mean[d] = (mean[d] as number) + (r[d] as number);
  }
  if (count > 0) for (let d = 0; d < DIMENSIONS; d++) mean[d] = (mean[d] as number) / count;
  const vectors = docs.map((doc, i) =>
    combine(vectorize(doc, vectorizer), centred(raw[i] as Float32Array, mean), options.semantic),
  );
  return {
    vectors,
    vectorizer,
    features: vectorizer.features.length,
    mean,
    semantic: options.semantic,
    rows,
    ...(sentences ? { sentences: sentences.meanings } : {}),
  };
}

/** A text that is not a statement (a clause, a codebook theme), by its text and features, in the statements' space. */
export function representFeatures(
  text: string,
  features: readonly Feature[],
  representation: Representation,
  semanticShare = representation.semantic,
): Vector {
  const { sentences } = representation;
  const semantic =
    representation.semantic > 0
      ? centred(
          sentences ? sentenceMeaning(sentences, text) : rawEmbedding(features, representation.rows),
          representation.mean,
        )
      : new Float32Array(DIMENSIONS);
  return combine(
    vectorize(
      features.map((f) => f.key),
      representation.vectorizer,
    ),
    semantic,
    semanticShare,
  );
}
