/**
 * Trains the sense model of "cluster" (src/terms/sense-model.ts) on the labelled real sentences of
 * ../shared/corpora/cluster-senses and our own (data/sense-examples.csv) and writes it to
 * data/sense-model.json. Same sentences, same bytes.
 *
 *   npm run train:senses
 *
 * The temperature and the threshold are fitted on held-out predictions: the corpus is split into
 * ten folds by web site (a site's sentences stay together), each fold predicted by a model trained
 * on the other nine and our own sentences; the model written is then trained on every sentence.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledGlossary } from '../src/terms/index.js';
import { fitTemperature, type SenseModel, senseScores, softmax, trainSenseModel } from '../src/terms/sense-model.js';
import { CORPUS, type CorpusExample, OWN_EXAMPLES, readSenseCorpus } from './sense-corpus.js';

const FOLDS = 10;
/** The threshold: the lowest probability at which held-out predictions are right this often. */
const TRUSTED = 0.75;

export interface HeldOut {
  example: CorpusExample;
  scores: number[];
  truth: number;
}

/**
 * Out-of-fold scores: each group of sites predicted by a model trained on the others and on
 * `alwaysTrained` (our own sentences, from other sites).
 */
export function heldOutScores(
  examples: readonly CorpusExample[],
  senses: readonly string[],
  foldOf: (site: string) => number,
  folds: number,
  alwaysTrained: readonly CorpusExample[] = [],
): HeldOut[] {
  const out: HeldOut[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const test = examples.filter((e) => foldOf(e.site) === fold && e.features);
    if (test.length === 0) continue;
    const train = [...examples.filter((e) => foldOf(e.site) !== fold), ...alwaysTrained].filter((e) => e.features);
    const model = trainSenseModel('cluster', senses, train.map(asTraining));
    for (const example of test)
      out.push({
        example,
        scores: senseScores(model, example.features as NonNullable<CorpusExample['features']>),
        truth: senses.indexOf(example.gold),
      });
  }
  return out;
}

export function asTraining(e: CorpusExample): { features: NonNullable<CorpusExample['features']>; sense: string } {
  return { features: e.features as NonNullable<CorpusExample['features']>, sense: e.gold };
}

/** The lowest probability (in steps of 0.05) above which held-out predictions are right at least TRUSTED of the time. */
export function fitThreshold(held: readonly HeldOut[], temperature: number): number {
  for (let step = 6; step <= 19; step++) {
    const t = step / 20;
    const above = held.filter((h) => Math.max(...softmax(h.scores, temperature)) >= t);
    const right = above.filter((h) => argmax(softmax(h.scores, temperature)) === h.truth).length;
    if (above.length > 0 && right / above.length >= TRUSTED) return t;
  }
  return 0.95;
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] as number)) best = i;
  });
  return best;
}

/** The model as JSON, one feature per line, so that a retrained model's diff is readable. */
export function modelJson(model: SenseModel): string {
  const { weights, dense, ...rest } = model;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const weightLines = Object.entries(weights).map(([name, w]) => `    ${JSON.stringify(name)}: ${JSON.stringify(w)}`);
  const denseLines = dense.map((w) => `    ${JSON.stringify(w)}`);
  return `${head},\n  "weights": {\n${weightLines.join(',\n')}\n  },\n  "dense": [\n${denseLines.join(',\n')}\n  ]\n}\n`;
}

export function trainBundledModel(path = CORPUS, ownPath = OWN_EXAMPLES): SenseModel {
  const glossary = bundledGlossary();
  const concept = glossary.concepts.get('cluster');
  if (!concept) throw new Error('the bundled glossary has no concept "cluster"');
  const senses = concept.senses.map((s) => s.name);
  const examples = readSenseCorpus(path, glossary).filter((e) => e.features);
  const own = readSenseCorpus(ownPath, glossary).filter((e) => e.features);
  const sites = [...new Set(examples.map((e) => e.site))].sort();
  const fold = new Map(sites.map((site, i) => [site, i % FOLDS]));
  const held = heldOutScores(examples, senses, (site) => fold.get(site) ?? 0, FOLDS, own);
  const temperature = fitTemperature(held);
  const threshold = fitThreshold(held, temperature);
  if (process.env.SENSES_VERBOSE) {
    const right = held.filter((h) => argmax(h.scores) === h.truth).length;
    process.stderr.write(`held out (10 folds by site): ${(right / held.length).toFixed(3)} of ${held.length}\n`);
  }
  const model = trainSenseModel('cluster', senses, [...examples, ...own].map(asTraining));
  const ownSites = new Set(own.map((e) => e.site)).size;
  return {
    ...model,
    temperature,
    threshold,
    trainedOn:
      `${examples.length} labelled sentences from ${sites.length} web sites (../shared/corpora/cluster-senses) ` +
      `and ${own.length} of our own from ${ownSites} more (data/sense-examples.csv)`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(CORPUS)) {
    process.stderr.write(`train:senses: the corpus ${CORPUS} is not there; the bundled model stays as it is\n`);
    process.exit(1);
  }
  const model = trainBundledModel();
  const out = fileURLToPath(new URL('../data/sense-model.json', import.meta.url));
  writeFileSync(out, modelJson(model));
  process.stdout.write(
    `wrote ${out}: ${Object.keys(model.weights).length} features, temperature ${model.temperature}, threshold ${model.threshold}; ${model.trainedOn}\n`,
  );
}
