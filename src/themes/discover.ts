/**
 * Discovery: Ward's tree on (a sample of) the statements; each cut into k themes, refined by
 * k-means on the sample, is scored by its mean silhouette, and the best — or the cut into
 * `settings.count` themes when the analyst fixed the number — is refined by k-means on all
 * statements. No randomness anywhere; O(s²) memory for the sample s, O(n·k) for the rest.
 *
 * The candidate numbers of themes are independent of each other, so the helper may have some of
 * them tried elsewhere (runtime/ does, on a second thread): the sample is packed into the
 * helper's memory, and the helper returns a score for every candidate. Where a candidate was tried
 * does not change its score — the same code runs on the same numbers.
 */
import type { ThemeSettings } from '../config/index.js';
import { centroidOf, VectorBatch, type Centroid, type Vector } from '../represent/index.js';
import type { ProgressReporter } from '../model/index.js';
import { DIMENSIONS } from '../word-vectors.js';
import { centroidsOf, refine } from './kmeans.js';
import { cutTree } from './ward.js';
import { evenSample, type Memory, OWN_MEMORY, type PackedSample, packSample, type Trial, trialOf } from './sample.js';
import { meanSilhouette } from './silhouette.js';

export { evenSample, type Memory, type PackedSample, packSample, type Trial, trialOf } from './sample.js';

/** Ward's tree is grown on at most this many statements (chosen evenly in id order); the rest join by k-means. */
const WARD_SAMPLE = 1500;
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
 * Scores every one of `ks` on the sample: `tryHere` tries one on this thread, and the helper may
 * have some tried elsewhere. A candidate it returns no score for is tried here afterwards.
 */
export interface CandidateHelper {
  /** The memory the sample is packed into: memory the helper can hand on. */
  memory: Memory;
  candidates: (sample: PackedSample, ks: readonly number[], tryHere: (k: number) => Score) => Promise<Score[]>;
}

/** Every candidate tried on this thread, the sample in memory of its own. */
export const NO_HELP: CandidateHelper = {
  memory: OWN_MEMORY,
  candidates: async (_sample, ks, tryHere) => ks.map(tryHere),
};

/** The cut of the tree into k themes, refined on the sample, and its silhouette. */
export function tryCandidate(trial: Trial, k: number): Score & { centroids: Centroid[] } {
  const { m, batch, sample } = trial;
  const cut = cutTree(m, trial.merges, k);
  const features = sample.vocabulary.length;
  const refined = refine(batch, centroidsOf(batch, cut, k, features), features, SAMPLE_ITERATIONS);
  const silhouette = sample.fixed ? 0 : round(meanSilhouette(sample.sims, m, trial.silhouetteAt, refined.labels, k));
  return { k, silhouette, centroids: refined.centroids };
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
  const trial = trialOf(packSample(points, false));
  for (let k = 2; k <= 12; k++) tryCandidate(trial, k);
}

/** Discovery on the statements `rest` (indices into `vectors`); see the top of this file. */
export async function discover(
  rest: readonly number[],
  vectors: readonly Vector[],
  features: number,
  settings: ThemeSettings,
  help: CandidateHelper = NO_HELP,
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

  const sample = packSample(
    evenSample(n, WARD_SAMPLE).map((i) => points[i] as Vector),
    fixed !== undefined,
    help.memory,
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
    const tryHere = (k: number): Score => {
      const tried = tryCandidate(trial, k);
      scores.set(tried.k, tried.silhouette);
      centroids.set(tried.k, tried.centroids);
      progress?.('themes', scores.size, expected);
      return { k: tried.k, silhouette: tried.silhouette };
    };
    const helped = await help.candidates(sample, ks, tryHere).catch((): Score[] => []);
    for (const s of helped) if (ks.includes(s.k)) scores.set(s.k, s.silhouette);
    // Whatever the helper could not score is tried here.
    for (const k of ks) if (!scores.has(k)) tryHere(k);
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

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
