/** The compact word-vector table in data/vectors/ (see its README), loaded once per process. */
import { readFileSync } from 'node:fs';
import { dataPath } from './config/data-path.js';

export const DIMENSIONS = 100;

export interface WordVectors {
  /** Word → row; the row's rank is also its frequency rank among the kept words. */
  index: Map<string, number>;
  data: Int8Array;
}

let rows: Map<string, number> | undefined;
let table: WordVectors | undefined;

/** Word → row, without the vectors (all the language check needs). */
function wordIndex(): Map<string, number> {
  if (!rows) {
    const index = new Map<string, number>();
    readFileSync(dataPath('vectors/words.txt'), 'utf8')
      .split('\n')
      .forEach((w, i) => w !== '' && index.set(w, i));
    rows = index;
  }
  return rows;
}

export function wordVectors(): WordVectors {
  if (!table) {
    const bytes = readFileSync(dataPath('vectors/vectors.i8'));
    table = { index: wordIndex(), data: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }
  return table;
}

/**
 * Smooth inverse frequency weight of a word (Arora et al., 2017): frequent words count less.
 * The frequency is estimated from the word's rank by Zipf's law.
 */
export function sifWeight(rank: number): number {
  const a = 1e-3;
  const p = 1 / ((rank + 10) * 12);
  return a / (a + p);
}

/** Share of a text's words that the (English) vector table knows: a cheap first test for English. */
export function knownWordShare(text: string): number {
  // One letter is no evidence ("a", "I", the "s" of "it's"), and the table has no such words.
  const words = text.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
  if (words.length === 0) return 1;
  const index = wordIndex();
  return words.filter((w) => index.has(w)).length / words.length;
}
