/**
 * Every measurement, one after the other: `npm run bench`.
 * Each section is also a script of its own (`npm run bench:senses` …).
 */
import { benchCompound } from './bench-compound.js';
import { benchQuadrants } from './bench-quadrants.js';
import { benchQuality } from './bench-quality.js';
import { evaluateSenses, reportSenses } from './bench-senses.js';
import { benchSpeed } from './bench-speed.js';

const sections: [string, () => string | Promise<string>][] = [
  ['Senses of "cluster" (test/fixtures/senses/gold.csv)', async () => reportSenses(await evaluateSenses())],
  ['Theme quality against gold labels (../shared/benchmarks and the SWOT sample)', () => benchQuality()],
  ['The quadrant check on real statements whose quadrants are known', () => benchQuadrants()],
  ['Compound bullets on real statements', () => benchCompound()],
  ['Speed at 1,000, 20,000 and 100,000 statements, beside scikit-learn', () => benchSpeed()],
];

for (const [title, run] of sections) {
  const started = performance.now();
  const text = await run();
  process.stdout.write(`== ${title}\n\n${text}\n\n(${Math.round(performance.now() - started)} ms)\n\n`);
}
