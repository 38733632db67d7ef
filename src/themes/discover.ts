/**
 * Discovery: Ward's tree on (a sample of) the statements; each cut into k themes, refined by
 * k-means on the sample, is scored by its mean silhouette, and the best — or the cut into
 * `settings.count` themes when the analyst fixed the number — is refined by k-means on all
 * statements. No randomness anywhere; O(s²) memory for the sample s, O(n·k) for the rest.
 *
 * The candidate numbers of themes are independent of each other, so a second thread may try some
 * of them: the sample lives in shared memory, and each thread takes the next untried candidate
 * from a shared counter until none is left. Which thread tried a candidate does not change its
 * score — both run the same code on the same numbers.
 */
import type { ThemeSettings } from '../config/index.js';
import { centroidOf, pairwiseDots, VectorBatch, type Centroid, type Vector } from '../represent/index.js';
import type { ProgressReporter } from '../model/index.js';
import { DIMENSIONS } from '../word-vectors.js';
import { centroidsOf, refine } from './kmeans.js';
import { cutTree, wardMerges, type Merge } from './ward.js';

/** Ward's tree is grown on at most this many statements (chosen evenly in id order); the rest join by k-means. */
const WARD_SAMPLE = 1500;
/** Silhouette is computed on at most this many statements of the sample (chosen evenly). */
const SILHOUETTE_SAMPLE = 1500;
/** k-means passes over the sample for each candidate number of themes: enough to rank them. */
const SAMPLE_ITERATIONS = 4;
/** k-means passes over all statements for the chosen themes. */
const FINAL_ITERATIONS = 10;

export interface Discovered {
  /** Each theme's statements (indices into the vectors) and centre. */
  themes: { members: number[]; centroid: Centroid }[];
  /** Each statement's similarity to its theme in the last pass of k-means (0 for those not discovered). */
  scores: Float64Array;
  /** Silhouette per candidate number of themes, by k. */
  selection: { k: number; silhouette: number }[];
}

/** A candidate number of themes and how well its themes separate the sample. */
export interface Score {
  k: number;
  silhouette: number;
}

/**
 * The sample, its similarities and its tree in shared memory (SharedArrayBuffer views), so that
 * another thread reads them without a copy. Vectors are packed row after row: vector i's lexical
 * features are index/value[offsets[i] .. offsets[i+1]), its semantic part dense[i·D .. (i+1)·D).
 * Lexical features are numbered within the sample (`vocabulary` gives each one's number in the
 * run), so that the centres tried on it are as small as the sample's vocabulary.
 */
export interface SharedSample {
  /** Identifies the sample within a run, so a helper can keep what it built from it. */
  id: number;
  /** The run's feature number of each of the sample's features, ascending. */
  vocabulary: Int32Array;
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
  dense: Float32Array;
  sims: Float32Array;
  /** Ward's merges as (a, b) pairs, in order. */
  merges: Int32Array;
  /** 0 to score candidates by silhouette, 1 when the analyst fixed the number (no score needed). */
  fixed: number;
}

/**
 * Tries some of `ks` on another thread: takes indices into `ks` from `queue[0]` (Atomics.add)
 * until they run out, and resolves with the scores of those it tried. Resolving with none is
 * always correct — this thread tries whatever nobody else did.
 */
export type CandidateHelper = (sample: SharedSample, ks: readonly number[], queue: Int32Array) => Promise<Score[]>;

export const noHelp: CandidateHelper = async () => [];

function shared<T extends Int32Array | Float32Array>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(4, bytes)));
}

/** Packs the sample into shared memory with its similarities and Ward's tree (see SharedSample). */
export function shareSample(id: number, points: readonly Vector[], fixed: boolean): SharedSample {
  const m = points.length;
  let nnz = 0;
  const used = new Set<number>();
  for (const p of points) {
    nnz += p.index.length;
    for (const f of p.index) used.add(f);
  }
  const vocabulary = shared((b) => new Int32Array(b, 0, used.size), used.size * 4);
  vocabulary.set(Int32Array.from(used).sort());
  const local = new Map<number, number>();
  vocabulary.forEach((f, i) => local.set(f, i));
  const offsets = shared((b) => new Int32Array(b, 0, m + 1), (m + 1) * 4);
  const index = shared((b) => new Int32Array(b, 0, nnz), nnz * 4);
  const value = shared((b) => new Float32Array(b, 0, nnz), nnz * 4);
  const dense = shared((b) => new Float32Array(b, 0, m * DIMENSIONS), m * DIMENSIONS * 4);
  let at = 0;
  points.forEach((p, i) => {
    offsets[i] = at;
    // Ascending run numbers give ascending sample numbers: a vector's features keep their order.
    p.index.forEach((f, j) => (index[at + j] = local.get(f) as number));
    value.set(p.value, at);
    dense.set(p.dense, i * DIMENSIONS);
    at += p.index.length;
  });
  offsets[m] = at;
  const sims = shared((b) => new Float32Array(b, 0, m * m), m * m * 4);
  pairwiseDots(points, sims);
  const tree = wardMerges(m, (i, j) => Math.max(0, 2 - 2 * (sims[i * m + j] as number)));
  const merges = shared((b) => new Int32Array(b, 0, tree.length * 2), tree.length * 8);
  tree.forEach((merge, i) => {
    merges[2 * i] = merge.a;
    merges[2 * i + 1] = merge.b;
  });
  return { id, vocabulary, offsets, index, value, dense, sims, merges, fixed: fixed ? 1 : 0 };
}

/** What trying candidates on a sample needs, built once per sample and thread. */
export interface Trial {
  sample: SharedSample;
  m: number;
  batch: VectorBatch;
  merges: Merge[];
  silhouetteAt: number[];
}

/** The sample's vectors as views of the shared memory, and what every candidate reuses. */
export function trialOf(sample: SharedSample): Trial {
  const m = sample.offsets.length - 1;
  const vectors = Array.from({ length: m }, (_, i): Vector => {
    const from = sample.offsets[i] as number;
    const to = sample.offsets[i + 1] as number;
    return {
      index: sample.index.subarray(from, to),
      value: sample.value.subarray(from, to),
      dense: sample.dense.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS),
    };
  });
  // Cutting the tree needs only which clusters merge, in order; the costs stay behind.
  const merges = Array.from(
    { length: sample.merges.length / 2 },
    (_, i): Merge => ({ a: sample.merges[2 * i] as number, b: sample.merges[2 * i + 1] as number, cost: 0 }),
  );
  return { sample, m, batch: new VectorBatch(vectors), merges, silhouetteAt: evenSample(m, SILHOUETTE_SAMPLE) };
}

/** The cut of the tree into k themes, refined on the sample, and its silhouette. */
function tryCandidate(trial: Trial, k: number): Score & { centroids: Centroid[] } {
  const { m, batch, sample } = trial;
  const cut = cutTree(m, trial.merges, k);
  const features = sample.vocabulary.length;
  const refined = refine(batch, centroidsOf(batch, cut, k, features), features, SAMPLE_ITERATIONS);
  const silhouette = sample.fixed ? 0 : round(meanSilhouette(sample.sims, m, trial.silhouetteAt, refined.labels, k));
  return { k, silhouette, centroids: refined.centroids };
}

/**
 * Takes untried indices of `ks` from the shared counter and tries them, until none is left; what
 * both threads run. `onTried` sees each result as it comes.
 */
export function takeCandidates(
  trial: Trial,
  ks: readonly number[],
  queue: Int32Array,
  onTried?: (tried: Score & { centroids: Centroid[] }) => void,
): Score[] {
  const scores: Score[] = [];
  for (let next = Atomics.add(queue, 0, 1); next < ks.length; next = Atomics.add(queue, 0, 1)) {
    const tried = tryCandidate(trial, ks[next] as number);
    onTried?.(tried);
    scores.push({ k: tried.k, silhouette: tried.silhouette });
  }
  return scores;
}

/**
 * Tries candidates on a small made-up sample, so that the engine has optimised the code before a
 * thread that has not run it yet takes its share: compiling it then would slow both threads.
 */
export function warmUpCandidates(): void {
  const m = 120;
  const features = 40;
  const points = Array.from({ length: m }, (_, i): Vector => {
    const index = Int32Array.from(new Set([i % features, (i * 7) % features, (i * 13 + 5) % features])).sort();
    const dense = Float32Array.from({ length: DIMENSIONS }, (_, d) => Math.sin(i * 0.37 + d * 1.3) / 10);
    return { index, value: new Float32Array(index.length).fill(1 / Math.sqrt(index.length + 1)), dense };
  });
  const trial = trialOf(shareSample(-1, points, false));
  for (let k = 2; k <= 12; k++) tryCandidate(trial, k);
}

/** Indices 0..n-1 taken evenly, at most `size` of them. */
export function evenSample(n: number, size: number): number[] {
  const stride = Math.max(1, n / size);
  const out: number[] = [];
  for (let x = 0; Math.floor(x) < n && out.length < size; x += stride) out.push(Math.floor(x));
  return out;
}

let samples = 0;

/** Discovery on the statements `rest` (indices into `vectors`); see the top of this file. */
export async function discover(
  rest: readonly number[],
  vectors: readonly Vector[],
  features: number,
  settings: ThemeSettings,
  help: CandidateHelper = noHelp,
  progress?: ProgressReporter,
): Promise<Discovered> {
  const points = rest.map((i) => vectors[i] as Vector);
  const n = points.length;
  const fixed = settings.count;
  const fit = new Float64Array(vectors.length);
  if (n < (fixed ?? settings.minStatements)) return { themes: [], scores: fit, selection: [] };
  const kMax =
    fixed ?? Math.min(settings.maxThemes, Math.floor(n / settings.minStatements), Math.ceil(2 * Math.sqrt(n)));
  if (kMax < 2)
    return {
      themes: [{ members: [...rest], centroid: centroidOf(points, features) }],
      scores: fit,
      selection: [{ k: 1, silhouette: 0 }],
    };

  const sample = shareSample(
    samples++,
    evenSample(n, WARD_SAMPLE).map((i) => points[i] as Vector),
    fixed !== undefined,
  );
  const trial = trialOf(sample);
  const scores = new Map<number, number>();
  const centroids = new Map<number, Centroid[]>();
  const step = Math.max(1, Math.floor((kMax - 1) / 12));
  const expected = fixed ? 1 : Math.ceil((kMax - 1) / step) + 2 * step;
  /** Tries the candidates not tried yet, sharing them with the helper. */
  const tryAll = async (candidates: readonly number[]): Promise<void> => {
    const ks = candidates.filter((k) => k >= 2 && k <= kMax && k <= trial.m && !scores.has(k));
    if (ks.length === 0) return;
    const queue = new Int32Array(new SharedArrayBuffer(4));
    const helping = ks.length > 1 ? help(sample, ks, queue) : Promise.resolve([]);
    helping.catch(() => undefined);
    const mine = takeCandidates(trial, ks, queue, (tried) => {
      scores.set(tried.k, tried.silhouette);
      centroids.set(tried.k, tried.centroids);
      progress?.('themes', scores.size, expected);
    });
    // Wait for the helper only if it took some; whatever it could not finish is tried here.
    if (mine.length < ks.length) for (const s of await helping.catch((): Score[] => [])) scores.set(s.k, s.silhouette);
    for (const k of ks) if (!scores.has(k)) scores.set(k, tryCandidate(trial, k).silhouette);
  };
  if (fixed) {
    await tryAll([fixed]);
  } else {
    // Coarse to fine: every `step`-th k first, then the neighbours of the best one.
    const coarse: number[] = [];
    for (let k = 2; k <= kMax; k += step) coarse.push(k);
    await tryAll(coarse);
    const best = bestCandidate(scores);
    if (best !== undefined) await tryAll(Array.from({ length: 2 * step - 1 }, (_, i) => best - step + 1 + i));
  }
  const chosen = bestCandidate(scores);
  if (chosen === undefined) return { themes: [], scores: fit, selection: [] };
  const selection = [...scores].sort(([a], [b]) => a - b).map(([k, silhouette]) => ({ k, silhouette }));
  // A candidate tried on the other thread is tried again here for its centres: the same numbers.
  const start = (centroids.get(chosen) ?? tryCandidate(trial, chosen).centroids).map((c) =>
    inRun(c, sample.vocabulary, features),
  );
  const final = refine(new VectorBatch(points), start, features, FINAL_ITERATIONS, (pass) =>
    progress?.('assign', pass, FINAL_ITERATIONS),
  );
  const themes = final.centroids.map((centroid) => ({ members: [] as number[], centroid }));
  final.labels.forEach((label, j) => {
    themes[label]?.members.push(rest[j] as number);
    fit[rest[j] as number] = final.scores[j] as number;
  });
  return { themes: themes.filter((t) => t.members.length > 0), scores: fit, selection };
}

/** A centre tried on the sample, over the run's features (zero where the sample has none). */
function inRun(centre: Centroid, vocabulary: Int32Array, features: number): Centroid {
  const sparse = new Float32Array(features);
  vocabulary.forEach((f, i) => (sparse[f] = centre.sparse[i] as number));
  return { sparse, dense: centre.dense };
}

/**
 * The k with the best silhouette — or the smallest k whose silhouette is within 5% of the best:
 * fewer themes when the data hardly prefer more.
 */
function bestCandidate(scores: ReadonlyMap<number, number>): number | undefined {
  const ranked = [...scores].sort(([ka, a], [kb, b]) => b - a || ka - kb);
  const top = ranked[0];
  if (!top || top[1] <= 0) return top?.[0];
  return ranked.filter(([, s]) => s >= top[1] * 0.95).sort(([a], [b]) => a - b)[0]?.[0];
}

/**
 * Mean silhouette with cosine distance over the points `at` (indices into an m × m similarity
 * matrix); a point alone in its cluster scores 0. The points are visited cluster by cluster (in
 * index order within each), so each cluster's sum builds in a register — the same sums, in the
 * same order, as adding point after point.
 */
function meanSilhouette(sims: Float32Array, m: number, at: readonly number[], labels: Int32Array, k: number): number {
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
  const starts = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) starts[c + 1] = (starts[c] as number) + (sizes[c] as number);
  const byCluster = new Int32Array(m);
  const next = starts.slice(0, k);
  for (let b = 0; b < m; b++) {
    const c = labels[b] as number;
    const p = next[c] as number;
    byCluster[p] = b;
    next[c] = p + 1;
  }
  let total = 0;
  const sum = new Float64Array(k);
  for (const a of at) {
    const row = a * m;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let p = starts[c] as number, end = starts[c + 1] as number; p < end; p++) {
        const b = byCluster[p] as number;
        // (s + 1) − sim, as the sums were always taken.
        if (b !== a) s = s + 1 - (sims[row + b] as number);
      }
      sum[c] = s;
    }
    const own = labels[a] as number;
    if ((sizes[own] as number) <= 1) continue;
    const intra = (sum[own] as number) / ((sizes[own] as number) - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && (sizes[c] as number) > 0) nearest = Math.min(nearest, (sum[c] as number) / (sizes[c] as number));
    if (nearest === Infinity) continue;
    total += (nearest - intra) / Math.max(nearest, intra);
  }
  return total / at.length;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
