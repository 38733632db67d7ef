/**
 * Builds data/vectors/sentence-projection.f32: the axes onto which `themes.meaning: sentences`
 * projects the sentence encoder's 512 dimensions — the 100 principal axes (PCA) of 2,000 texts of
 * each public short-text set in ../shared/benchmarks (questions, search snippets, paper titles,
 * tweets, bank queries: 10,000 texts on many topics, none of them SWOT statements, so the real
 * development sets stay out of it). The file holds the texts' mean (512 float32, little-endian),
 * then the axes, strongest first (100 × 512), each turned so its largest component is positive.
 * Same texts, same bytes. Run when the encoder or the sets change (about two minutes):
 *
 *   npx tsx scripts/build-sentence-projection.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { ENCODER_DIMENSIONS, encode } from '../src/represent/sentences.js';
import { DIMENSIONS } from '../src/word-vectors.js';
import { loadBenchmark } from './benchmarks.js';

const SETS = ['stackoverflow', 'searchsnippets', 'biomedical', 'tweet', 'banking77'];
const PER_SET = 2000;

const texts = SETS.flatMap((set) => {
  const items = loadBenchmark(set);
  if (!items) throw new Error(`../shared/benchmarks/${set} is missing: the projection is fitted on all five sets`);
  return items.slice(0, PER_SET).map((item) => item.text);
});
process.stderr.write(`encoding ${texts.length} texts…\n`);
const embedded = await encode(texts, (_, done, total) => {
  if (done % 1000 < 32) process.stderr.write(`  ${done} / ${total}\n`);
});

const D = ENCODER_DIMENSIONS;
const mean = new Float64Array(D);
for (const e of embedded) for (let d = 0; d < D; d++) mean[d] = (mean[d] as number) + (e[d] as number);
for (let d = 0; d < D; d++) mean[d] = (mean[d] as number) / embedded.length;
const covariance = Matrix.zeros(D, D);
const centred = new Float64Array(D);
for (const e of embedded) {
  for (let d = 0; d < D; d++) centred[d] = (e[d] as number) - (mean[d] as number);
  for (let a = 0; a < D; a++) {
    const ca = centred[a] as number;
    for (let b = a; b < D; b++) covariance.set(a, b, covariance.get(a, b) + ca * (centred[b] as number));
  }
}
for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) covariance.set(a, b, covariance.get(b, a));

const { realEigenvalues, eigenvectorMatrix } = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
const strongest = realEigenvalues
  .map((value, i) => ({ value, i }))
  .sort((x, y) => y.value - x.value || x.i - y.i)
  .slice(0, DIMENSIONS);
const out = new Float32Array(D * (DIMENSIONS + 1));
out.set(mean, 0);
strongest.forEach(({ i }, a) => {
  const axis = eigenvectorMatrix.getColumn(i);
  const largest = axis.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
  const sign = largest < 0 ? -1 : 1;
  axis.forEach((v, d) => {
    out[D + a * D + d] = sign * v;
  });
});
const total = realEigenvalues.reduce((s, v) => s + v, 0);
const kept = strongest.reduce((s, x) => s + x.value, 0);
const path = fileURLToPath(new URL('../data/vectors/sentence-projection.f32', import.meta.url));
writeFileSync(path, Buffer.from(out.buffer));
process.stderr.write(
  `wrote ${path}: ${DIMENSIONS} axes holding ${((100 * kept) / total).toFixed(1)}% of the variance of ${texts.length} texts\n`,
);
