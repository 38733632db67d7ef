/**
 * A learned model of the sense of an ambiguous term from its context: multinomial logistic
 * regression over sparse context features (the words around it, the phrase it heads or sits in,
 * its form, the glossary's cue words) and two averaged word vectors (the words near it, the whole
 * sentence). Trained by `npm run train:senses` on ../shared/corpora/cluster-senses into
 * `data/sense-model.json`; its probabilities are calibrated by a temperature fitted on
 * cross-validated predictions, so that a confidence of 0.8 is right about 8 times in 10.
 *
 * Small and explainable: every prediction can name the features that weighed most for it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from '../config/data-path.js';
import { DIMENSIONS, wordVectors } from '../word-vectors.js';
import type { Concept, SenseRules, TermMatch } from './glossary.js';
import type { Token } from './nlp.js';

/** Words this near the term also count as `near:` features. */
const NEAR = 3;
/** The window of the near word vector. */
const VECTOR_NEAR = 5;
const PREPOSITIONS = new Set([
  'of',
  'for',
  'in',
  'to',
  'with',
  'between',
  'among',
  'within',
  'across',
  'by',
  'from',
  'on',
  'into',
  'through',
]);
const SKIPPED_BEFORE = new Set(['DET', 'ADJ', 'NUM', 'PRON']);

/** One occurrence's features: sparse ones by name, and the dense word-vector part. */
export interface SenseFeatures {
  sparse: Map<string, number>;
  dense: Float64Array;
}

function inMatch(i: number, match: TermMatch): boolean {
  return i >= match.start && i < match.end;
}

function distance(i: number, match: TermMatch): number {
  return i < match.start ? match.start - i : i - match.end + 1;
}

/** Words of the concept's senses' cue lists around the term, as a feature per sense that has any. */
function cueSenses(tokens: readonly Token[], match: TermMatch, senses: readonly SenseRules[]): string[] {
  const out: string[] = [];
  for (const sense of senses) {
    const hit = tokens.some(
      (t, i) => !inMatch(i, match) && (sense.cueWords.has(t.key) || sense.cueWords.has(t.lemmaKey)),
    );
    if (hit) out.push(sense.name);
  }
  return out;
}

/**
 * How many kinds of actors the sentence names besides the term (firms, research, public bodies …:
 * an innovation ecosystem is a network of diverse actors), and whether it speaks of actors in
 * general ("stakeholders", "triple helix"), from the glossary's `actors:`.
 */
function actorFeatures(tokens: readonly Token[], match: TermMatch, actors: ReadonlyMap<string, string>): string[] {
  if (actors.size === 0) return [];
  const kinds = new Set<string>();
  tokens.forEach((t, i) => {
    if (inMatch(i, match)) return;
    // A plural the lemmatiser left alone ("Firms" opening a sentence) is tried without its "s".
    const kind =
      actors.get(t.key) ?? actors.get(t.lemmaKey) ?? (t.key.endsWith('s') ? actors.get(t.key.slice(0, -1)) : undefined);
    if (kind !== undefined) kinds.add(kind);
  });
  const general = kinds.delete('');
  return [
    ...(kinds.size >= 2 ? ['actors:2+'] : []),
    ...(kinds.size >= 3 ? ['actors:3+'] : []),
    ...(general ? ['actors:general'] : []),
  ];
}

/** The mean of the known words' vectors, scaled to length 1 (zeros when none is known). */
function meanVector(words: readonly string[], into: Float64Array, offset: number): void {
  const { index, data } = wordVectors();
  let n = 0;
  for (const word of words) {
    const row = index.get(word);
    if (row === undefined) continue;
    const base = row * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++)
      into[offset + d] = (into[offset + d] as number) + (data[base + d] as number) / 127;
    n++;
  }
  if (n === 0) return;
  let norm = 0;
  for (let d = 0; d < DIMENSIONS; d++) norm += (into[offset + d] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIMENSIONS; d++) into[offset + d] = (into[offset + d] as number) / norm;
}

/** The features of one occurrence of a term in its tokens. */
export function senseFeatures(tokens: readonly Token[], match: TermMatch, concept: Concept): SenseFeatures {
  const sparse = new Map<string, number>();
  const add = (name: string): void => {
    sparse.set(name, 1);
  };
  const near: string[] = [];
  const all: string[] = [];
  tokens.forEach((t, i) => {
    if (inMatch(i, match) || t.type !== 'word' || t.stop) return;
    const d = distance(i, match);
    add(`w:${t.lemmaKey}`);
    if (d <= NEAR) add(`near:${t.lemmaKey}`);
    if (d <= VECTOR_NEAR) near.push(t.key);
    all.push(t.key);
  });
  const at = (k: number): Token | undefined => tokens[k];
  const before = at(match.start - 1);
  const after = at(match.end);
  if (before) add(`before:${before.lemmaKey}`);
  if (after) add(`after:${after.lemmaKey}`);
  // "cluster of firms", "clusters in the region": the preposition and the word it leads to.
  if (after && PREPOSITIONS.has(after.lemmaKey)) {
    const object = at(match.end + 1)?.stop ? at(match.end + 2) : at(match.end + 1);
    if (object) add(`${after.lemmaKey}:${object.lemmaKey}`);
  }
  const before2 = at(match.start - 2);
  if (before && before2) add(`before2:${before2.lemmaKey}_${before.lemmaKey}`);
  // "support for clusters", "members of the cluster": the word the phrase hangs on.
  let k = match.start - 1;
  while (k >= 0 && SKIPPED_BEFORE.has(at(k)?.pos ?? '')) k--;
  const preposition = at(k);
  const head = at(k - 1);
  if (preposition && head && PREPOSITIONS.has(preposition.lemmaKey)) {
    add(`head:${head.lemmaKey}`);
    add(`within:${preposition.lemmaKey}`);
  }
  if (after?.pos === 'NOUN') add(`compound:${after.lemmaKey}`);
  if (before && (before.pos === 'ADJ' || before.pos === 'NOUN')) add(`modifier:${before.lemmaKey}`);
  if (before?.pos === 'PROPN') add('modifier:a name');
  if (before?.pos === 'DET') add(`determiner:${before.key}`);
  if (before?.pos === 'NUM') add('counted');
  if (after && /^(?:\d+|[IVX]+)$/.test(after.surface)) add('numbered');
  for (let j = match.end; j < Math.min(tokens.length, match.end + 4); j++) {
    const t = tokens[j] as Token;
    if (t.pos === 'VERB') add(`verb:${t.lemmaKey}`);
    if (t.pos === 'VERB' || t.pos === 'AUX') break;
  }
  add(/s$/i.test(match.surface) ? 'form:plural' : 'form:singular');
  if (/^\p{Lu}/u.test(match.surface) && match.start > 0) add('form:capital');
  if (match.by !== 'variant') add(`matched:${match.by}`);
  if (match.sense && (match.by === 'national' || match.by === 'form')) add(`given:${match.sense}`);
  if (/ing$|isation$|ization$/i.test(match.surface)) add('form:process');
  for (const sense of cueSenses(tokens, match, concept.senses)) add(`cue:${sense}`);
  for (const name of actorFeatures(tokens, match, concept.actors)) add(name);
  const dense = new Float64Array(2 * DIMENSIONS);
  meanVector(near, dense, 0);
  meanVector(all, dense, DIMENSIONS);
  return { sparse, dense };
}

/** The model as stored in data/sense-model.json. */
export const SenseModelFile = z.strictObject({
  concept: z.string(),
  senses: z.array(z.string()).min(2),
  /** Probabilities are softmax(scores / temperature). */
  temperature: z.number().positive(),
  /** An occurrence whose best sense is less probable than this is uncertain. */
  threshold: z.number(),
  trainedOn: z.string(),
  bias: z.array(z.number()),
  /** Per sparse feature, one weight per sense. */
  weights: z.record(z.string(), z.array(z.number())),
  /** Per dense dimension, one weight per sense. */
  dense: z.array(z.array(z.number())),
});
export type SenseModel = z.infer<typeof SenseModelFile>;

export interface SensePrediction {
  /** Senses by probability, highest first. */
  ranked: { sense: string; probability: number }[];
  /** The sparse features that spoke most for the best sense, strongest first. */
  reasons: string[];
}

/** The calibrated probability of each sense for one occurrence, with the features that decided. */
export function predictSense(model: SenseModel, features: SenseFeatures): SensePrediction {
  const K = model.senses.length;
  const scores = senseScores(model, features);
  const probabilities = softmax(scores, model.temperature);
  const ranked = model.senses
    .map((sense, s) => ({ sense, probability: probabilities[s] as number, s }))
    .sort((a, b) => b.probability - a.probability || a.s - b.s);
  const best = ranked[0]?.s ?? 0;
  // A feature speaks for the best sense by how much more it gives it than the senses on average.
  const lift = (w: number[]): number => (w[best] as number) - w.reduce((a, b) => a + b, 0) / K;
  const reasons = [...features.sparse.keys()]
    .flatMap((feature) => {
      const w = model.weights[feature];
      return w ? [{ feature, lift: lift(w) }] : [];
    })
    .filter((c) => c.lift > 0)
    .sort((a, b) => b.lift - a.lift || (a.feature < b.feature ? -1 : 1))
    .slice(0, 3)
    .map((c) => describeFeature(c.feature));
  return { ranked: ranked.map(({ sense, probability }) => ({ sense, probability })), reasons };
}

/** A feature in words, for `cues`: `near:member` → `"member" nearby`. */
export function describeFeature(name: string): string {
  const colon = name.indexOf(':');
  if (colon < 0) return name;
  const kind = name.slice(0, colon);
  const value = name.slice(colon + 1).replace('_', ' ');
  switch (kind) {
    case 'w':
      return `"${value}"`;
    case 'near':
      return `"${value}" nearby`;
    case 'before':
      return `"${value}" before it`;
    case 'after':
      return `"${value}" after it`;
    case 'before2':
      return `"${value}" before it`;
    case 'head':
      return `"${value} … cluster"`;
    case 'within':
      return `after "${value}"`;
    case 'compound':
      return `"cluster ${value}"`;
    case 'modifier':
      return `"${value} cluster"`;
    case 'determiner':
      return `"${value}" before it`;
    case 'verb':
      return `"cluster … ${value}"`;
    case 'cue':
      return `${value} cue words`;
    case 'actors':
      return value === 'general'
        ? 'actors in general named'
        : `${value.replace('+', ' or more')} kinds of actors named`;
    case 'form':
      return `${value} form`;
    case 'matched':
      return `matched as ${value}`;
    case 'given':
      return `the term's usual sense (${value})`;
    default:
      return `"${kind} ${value}"`;
  }
}

export function softmax(scores: readonly number[], temperature = 1): number[] {
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - top) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

export interface TrainingExample {
  features: SenseFeatures;
  sense: string;
}

export interface TrainingOptions {
  /** L2 penalty on every weight but the bias. */
  l2: number;
  /** Full passes of AdaGrad over the examples. */
  iterations: number;
  /** AdaGrad's step size. */
  rate: number;
  /**
   * How far rare senses are weighted up: each example counts (examples / senses / examples of its
   * sense) to this power — 0 is plain, 1 fully balanced.
   */
  balance: number;
}

/**
 * Chosen by ten-fold cross-validation by site on the corpus: a lighter penalty (0.003 and up) cost
 * 2–8 points; 100 passes are as good as 300 at a third of the time. Balance 0.5, chosen by leaving
 * each site out: 0.698 → 0.714 (macro-F1 0.657 → 0.684; the rare ecosystem sense 0.23 → 0.31);
 * fully balanced 0.710.
 */
export const TRAINING: TrainingOptions = { l2: 0.0003, iterations: 100, rate: 0.5, balance: 0.5 };

/**
 * Fits multinomial logistic regression by full-batch AdaGrad: deterministic (a fixed order, no
 * random start), so the same examples give the same weights. Temperature and threshold are left
 * at 1 and 0: the caller fits them on held-out predictions.
 */
export function trainSenseModel(
  concept: string,
  senses: readonly string[],
  examples: readonly TrainingExample[],
  options: TrainingOptions = TRAINING,
): SenseModel {
  const names = [...new Set(examples.flatMap((e) => [...e.features.sparse.keys()]))].sort();
  const column = new Map(names.map((n, i) => [n, i]));
  const D = 2 * DIMENSIONS;
  const K = senses.length;
  const F = names.length + D + 1;
  const W = new Float64Array(F * K);
  const squares = new Float64Array(F * K);
  const gradient = new Float64Array(F * K);
  const rows = examples.map((e) => {
    const index: number[] = [];
    const value: number[] = [];
    for (const [name, v] of e.features.sparse) {
      index.push(column.get(name) as number);
      value.push(v);
    }
    e.features.dense.forEach((x, d) => {
      if (x === 0) return;
      index.push(names.length + d);
      value.push(x);
    });
    index.push(F - 1);
    value.push(1);
    return { index, value, y: senses.indexOf(e.sense) };
  });
  const p = new Float64Array(K);
  const counts = senses.map((_, k) => rows.filter((r) => r.y === k).length);
  const weight = counts.map((c) => (c === 0 ? 1 : (rows.length / K / c) ** options.balance));
  for (let it = 0; it < options.iterations; it++) {
    gradient.fill(0);
    for (const r of rows) {
      let top = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let q = 0; q < r.index.length; q++)
          s += (W[(r.index[q] as number) * K + k] as number) * (r.value[q] as number);
        p[k] = s;
        if (s > top) top = s;
      }
      let z = 0;
      for (let k = 0; k < K; k++) {
        p[k] = Math.exp((p[k] as number) - top);
        z += p[k] as number;
      }
      for (let k = 0; k < K; k++) {
        const g = ((p[k] as number) / z - (k === r.y ? 1 : 0)) * (weight[r.y] as number);
        for (let q = 0; q < r.index.length; q++) {
          const at = (r.index[q] as number) * K + k;
          gradient[at] = (gradient[at] as number) + g * (r.value[q] as number);
        }
      }
    }
    for (let i = 0; i < W.length; i++) {
      const penalty = i < (F - 1) * K ? options.l2 * (W[i] as number) : 0;
      const g = (gradient[i] as number) / rows.length + penalty;
      const sum = (squares[i] as number) + g * g;
      squares[i] = sum;
      W[i] = (W[i] as number) - (options.rate * g) / (Math.sqrt(sum) + 1e-8);
    }
  }
  const row = (i: number): number[] => Array.from(W.subarray(i * K, (i + 1) * K), round);
  const weights: Record<string, number[]> = {};
  names.forEach((name, i) => {
    weights[name] = row(i);
  });
  return {
    concept,
    senses: [...senses],
    temperature: 1,
    threshold: 0,
    trainedOn: '',
    bias: row(F - 1),
    weights,
    dense: Array.from({ length: D }, (_, d) => row(names.length + d)),
  };
}

/** Five decimals: enough for the predictions, and the file stays the same bytes for the same data. */
function round(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  return r === 0 ? 0 : r;
}

/**
 * The temperature that makes held-out probabilities honest: the one (0.5–3, in steps of 0.05)
 * with the lowest negative log-likelihood of the true senses.
 */
export function fitTemperature(held: readonly { scores: number[]; truth: number }[]): number {
  let best = 1;
  let lowest = Infinity;
  for (let step = 10; step <= 60; step++) {
    const t = step / 20;
    let nll = 0;
    for (const h of held) nll -= Math.log((softmax(h.scores, t)[h.truth] as number) + 1e-12);
    if (nll < lowest - 1e-9) {
      lowest = nll;
      best = t;
    }
  }
  return best;
}

/** The scores of one occurrence before the temperature: bias, sparse weights, dense weights. */
export function senseScores(model: SenseModel, features: SenseFeatures): number[] {
  const scores = [...model.bias];
  for (const name of features.sparse.keys()) {
    const w = model.weights[name];
    if (w) for (let s = 0; s < scores.length; s++) scores[s] = (scores[s] as number) + (w[s] as number);
  }
  features.dense.forEach((x, d) => {
    if (x === 0) return;
    const w = model.dense[d] as number[];
    for (let s = 0; s < scores.length; s++) scores[s] = (scores[s] as number) + x * (w[s] as number);
  });
  return scores;
}

const MODEL_FILE = 'sense-model.json';
let bundled: Map<string, SenseModel> | undefined;

/** The bundled sense models by concept id (data/sense-model.json), read once per process. */
export function bundledSenseModels(): Map<string, SenseModel> {
  if (!bundled) {
    const model = SenseModelFile.parse(JSON.parse(readFileSync(dataPath(MODEL_FILE), 'utf8')));
    bundled = new Map([[model.concept, model]]);
  }
  return bundled;
}
