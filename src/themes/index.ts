/**
 * Themes: codebook themes first, discovery for the rest, then every statement's status.
 *
 *   represent (TF-IDF over topic features) → match codebook → discover (spherical k-means, the
 *   number of themes chosen by silhouette) → assign (score, margin, status) → describe (keywords,
 *   label, id, representative statements)
 *
 * Statements are processed in id order, so the order of the input rows does not change the themes.
 */
import { createHash } from 'node:crypto';
import type { ThemeSettings } from '../config/index.js';
import { foldText } from '../data-files.js';
import { ignoredWords, textFeatures, tokenize, type Glossary, type NormalisedStatement } from '../terms/index.js';
import type { Statement } from '../types.js';
import type { Codebook, CodebookTheme } from './codebook.js';
import { refineLabels, sphericalKMeans } from './kmeans.js';
import { cutTree, wardMerges } from './ward.js';
import { labelTheme, type KeywordWeight } from './label.js';
import { centroid, dotDense, dotSparse, fitVectorizer, isEmpty, vectorize, type SparseVector } from './vectors.js';

export { CodebookFile, formatCodebook, readCodebook, type Codebook, type CodebookTheme } from './codebook.js';

export type AssignmentStatus = 'assigned' | 'borderline' | 'unassigned';

export interface Assignment {
  statementId: string;
  /** Undefined when unassigned. */
  themeId: string | undefined;
  /** Cosine similarity to the theme (0 when unassigned for want of content words). */
  score: number;
  /** Score minus the similarity to the next-best theme. */
  margin: number;
  status: AssignmentStatus;
  /** The statement's keywords that the theme shares. */
  matched: string[];
}

export interface Theme {
  id: string;
  label: string;
  description?: string;
  keywords: string[];
  origin: 'codebook' | 'discovered';
  /** Statement ids closest to the theme, best first. */
  representatives: string[];
}

export interface ThemeSet {
  themes: Theme[];
  /** One per statement, in the statements' order. */
  assignments: Assignment[];
  /** How the number of discovered themes was chosen: silhouette per candidate k. */
  selection: { k: number; silhouette: number }[];
  /** The number of themes discovery chose, before dissolving themes with too few statements. */
  chosenK: number | undefined;
}

/** Statements in these many themes' worth of most-similar ranks are shown as representatives. */
const REPRESENTATIVES = 3;
/** Silhouette is computed on at most this many statements (chosen evenly in id order). */
const SILHOUETTE_SAMPLE = 2000;

interface Group {
  /** Codebook theme, or undefined for a discovered one. */
  codebook?: CodebookTheme;
  /** Seed vector of a codebook theme (its label, description and keywords). */
  seed?: SparseVector;
  members: number[];
  centroid: Float32Array;
}

export function findThemes(statements: readonly Statement[], normalised: readonly NormalisedStatement[], settings: ThemeSettings, glossary: Glossary, codebook?: Codebook): ThemeSet {
  const n = statements.length;
  const order = [...statements.keys()].sort((a, b) => compare(statements[a]?.id ?? '', statements[b]?.id ?? ''));
  const docs = normalised.map((s) => s.features.map((f) => f.key));
  const vectorizer = fitVectorizer(docs);
  const dims = vectorizer.features.length;
  const vectors = docs.map((doc) => vectorize(doc, vectorizer));

  // 1. Codebook themes claim the statements they fit.
  const groups: Group[] = (codebook?.themes ?? []).map((theme) => {
    const seed = vectorize(codebookFeatures(theme, glossary), vectorizer);
    return { codebook: theme, seed, members: [], centroid: centroid([seed], dims) };
  });
  const claimed = new Set<number>();
  if (groups.length > 0) {
    for (let round = 0; round < 3; round++) {
      for (const g of groups) g.members = [];
      claimed.clear();
      for (const i of order) {
        const best = bestGroup(vectors[i] as SparseVector, groups);
        if (best.group && best.score >= settings.borderlineAt) {
          best.group.members.push(i);
          claimed.add(i);
        }
      }
      for (const g of groups) g.centroid = centroid([g.seed as SparseVector, g.seed as SparseVector, ...g.members.map((i) => vectors[i] as SparseVector)], dims);
    }
  }

  // 2. Discovery on the rest.
  const rest = order.filter((i) => !claimed.has(i) && !isEmpty(vectors[i] as SparseVector));
  const { groups: discovered, selection } = discover(rest, vectors, dims, settings);
  const chosenK = selection.length > 0 ? discovered.length : undefined;
  groups.push(...discovered);

  // 3. Assign every statement, dissolving discovered themes too small to stand.
  let assignments = assignAll(vectors, groups, settings);
  for (let pass = 0; pass < 5; pass++) {
    const small = groups.filter((g) => !g.codebook && g.members.length < settings.minStatements);
    if (small.length === 0) break;
    for (const g of small) groups.splice(groups.indexOf(g), 1);
    assignments = assignAll(vectors, groups, settings);
  }

  // 4. Describe: keywords, label, id, representatives.
  const ignored = ignoredWords();
  const usedIds = new Set(groups.flatMap((g) => (g.codebook ? [g.codebook.id] : [])));
  const usedLabels = new Set<string>();
  const themes = groups.map((g): Theme => {
    const ranked = [...g.members].sort((a, b) => (assignments[b]?.score ?? 0) - (assignments[a]?.score ?? 0) || compare(statements[a]?.id ?? '', statements[b]?.id ?? ''));
    const representatives = ranked.slice(0, REPRESENTATIVES).map((i) => statements[i]?.id ?? '');
    const keywords = topKeywords(g, ranked, normalised, vectorizer.features);
    if (g.codebook) {
      return {
        id: g.codebook.id,
        label: g.codebook.label,
        ...(g.codebook.description ? { description: g.codebook.description } : {}),
        keywords: keywords.map((k) => k.display),
        origin: 'codebook',
        representatives,
      };
    }
    const texts = ranked.slice(0, 8).map((i) => statements[i]?.text ?? '');
    let label = labelTheme(texts, keywords.map((k): KeywordWeight => ({ words: k.words, weight: k.weight })), ignored, keywords.map((k) => k.display));
    for (const k of keywords) {
      if (!usedLabels.has(foldText(label))) break;
      if (!foldText(label).includes(foldText(k.display))) label = `${label} (${k.display})`;
    }
    usedLabels.add(foldText(label));
    const id = uniqueId(slug(keywords.slice(0, 2).map((k) => k.display).join(' ')) || 'theme', usedIds, g.members.map((i) => statements[i]?.id ?? ''));
    return { id, label, keywords: keywords.map((k) => k.display), origin: 'discovered', representatives };
  });

  const idOf = new Map(groups.map((g, i) => [g, themes[i]?.id as string]));
  return {
    themes,
    assignments: assignments.map((a, i) => ({
      statementId: statements[i]?.id ?? '',
      themeId: a.group ? idOf.get(a.group) : undefined,
      score: round(a.score),
      margin: round(a.margin),
      status: a.status,
      matched: a.group ? matchedWords(normalised[i] as NormalisedStatement, a.group, vectorizer.indexOf) : [],
    })),
    selection,
    chosenK,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A codebook theme's text as features, normalised like a statement: label and description once, keywords twice. */
function codebookFeatures(theme: CodebookTheme, glossary: Glossary): string[] {
  return textFeatures([theme.label, theme.description ?? '', ...(theme.keywords ?? []), ...(theme.keywords ?? [])].join('. '), glossary);
}

function bestGroup(v: SparseVector, groups: readonly Group[]): { group: Group | undefined; score: number; second: number } {
  let group: Group | undefined;
  let score = 0;
  let second = 0;
  for (const g of groups) {
    const s = dotDense(v, g.centroid);
    if (s > score) {
      second = score;
      score = s;
      group = g;
    } else if (s > second) {
      second = s;
    }
  }
  return { group, score, second };
}

interface Placement {
  group: Group | undefined;
  score: number;
  margin: number;
  status: AssignmentStatus;
}

/** Places every statement in its most similar theme, or none, and recomputes the themes' centroids from their members. */
function assignAll(vectors: readonly SparseVector[], groups: Group[], settings: ThemeSettings): Placement[] {
  const placements = vectors.map((v): Placement => {
    const best = bestGroup(v, groups);
    if (!best.group || best.score < settings.borderlineAt) return { group: undefined, score: round(best.score), margin: round(best.score - best.second), status: 'unassigned' };
    return { group: best.group, score: best.score, margin: best.score - best.second, status: best.score >= settings.assignAt ? 'assigned' : 'borderline' };
  });
  for (const g of groups) g.members = [];
  placements.forEach((p, i) => p.group?.members.push(i));
  return placements;
}

/** Up to this many statements, discovery uses Ward's tree on all of them; above, spherical k-means. */
const WARD_LIMIT = 2500;

interface Candidate {
  k: number;
  silhouette: number;
  labels: Int32Array;
}

/**
 * Discovery: candidate numbers of themes from 2 up to kMax, each scored by its mean silhouette;
 * the best is refined by k-means from its own centroids. Up to WARD_LIMIT statements the
 * candidates are cuts of one Ward tree (no randomness at all); above, seeded spherical k-means.
 */
function discover(rest: readonly number[], vectors: readonly SparseVector[], dims: number, settings: ThemeSettings): { groups: Group[]; selection: { k: number; silhouette: number }[] } {
  const points = rest.map((i) => vectors[i] as SparseVector);
  const n = points.length;
  if (n < settings.minStatements) return { groups: [], selection: [] };
  const kMax = Math.min(settings.maxThemes, Math.floor(n / settings.minStatements), Math.ceil(2 * Math.sqrt(n)));
  if (kMax < 2) {
    return { groups: [{ members: [...rest], centroid: centroid(points, dims) }], selection: [{ k: 1, silhouette: 0 }] };
  }
  const stride = Math.max(1, n / SILHOUETTE_SAMPLE);
  const sample: number[] = [];
  for (let x = 0; Math.floor(x) < n && sample.length < SILHOUETTE_SAMPLE; x += stride) sample.push(Math.floor(x));
  const sims = similarityMatrix(sample.map((i) => points[i] as SparseVector));

  let labelsFor: (k: number) => Int32Array;
  if (n <= WARD_LIMIT) {
    const all = sample.length === n ? sims : similarityMatrix(points);
    const merges = wardMerges(n, (i, j) => Math.max(0, 2 - 2 * (all[i * n + j] as number)));
    labelsFor = (k) => refineLabels(points, cutTree(n, merges, k), k, dims).labels;
  } else {
    labelsFor = (k) => sphericalKMeans(points, k, dims).labels;
  }

  // Coarse to fine: every `step`-th k first, then the neighbours of the best one.
  const tried = new Map<number, Candidate>();
  const tryK = (k: number): void => {
    if (k < 2 || k > kMax || tried.has(k)) return;
    const labels = labelsFor(k);
    tried.set(k, { k, silhouette: round(meanSilhouette(sims, sample.map((i) => labels[i] as number), k)), labels });
  };
  const step = Math.max(1, Math.floor((kMax - 1) / 12));
  for (let k = 2; k <= kMax; k += step) tryK(k);
  const bestOf = (): Candidate | undefined => [...tried.values()].sort((a, b) => b.silhouette - a.silhouette || a.k - b.k)[0];
  const coarse = bestOf();
  if (coarse) for (let k = coarse.k - step + 1; k < coarse.k + step; k++) tryK(k);
  const chosen = bestOf() as Candidate;
  const selection = [...tried.values()].sort((a, b) => a.k - b.k).map(({ k, silhouette }) => ({ k, silhouette }));

  const refined = refineLabels(points, chosen.labels, chosen.k, dims, 1);
  const groups: Group[] = refined.centroids.map((c) => ({ members: [], centroid: c }));
  refined.labels.forEach((label, j) => groups[label]?.members.push(rest[j] as number));
  return { groups: groups.filter((g) => g.members.length > 0), selection };
}

function similarityMatrix(points: readonly SparseVector[]): Float32Array {
  const m = points.length;
  const sims = new Float32Array(m * m);
  for (let a = 0; a < m; a++) {
    sims[a * m + a] = 1;
    for (let b = a + 1; b < m; b++) {
      const s = dotSparse(points[a] as SparseVector, points[b] as SparseVector);
      sims[a * m + b] = s;
      sims[b * m + a] = s;
    }
  }
  return sims;
}

/** Mean silhouette with cosine distance; a point alone in its cluster scores 0. */
function meanSilhouette(sims: Float32Array, labels: readonly number[], k: number): number {
  const m = labels.length;
  const sizes = new Float64Array(k);
  for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
  let total = 0;
  const sum = new Float64Array(k);
  for (let a = 0; a < m; a++) {
    sum.fill(0);
    for (let b = 0; b < m; b++) if (a !== b) sum[labels[b] as number] = (sum[labels[b] as number] as number) + 1 - (sims[a * m + b] as number);
    const own = labels[a] as number;
    if ((sizes[own] as number) <= 1) continue;
    const intra = (sum[own] as number) / ((sizes[own] as number) - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && (sizes[c] as number) > 0) nearest = Math.min(nearest, (sum[c] as number) / (sizes[c] as number));
    if (nearest === Infinity) continue;
    total += (nearest - intra) / Math.max(nearest, intra);
  }
  return total / m;
}

interface Keyword {
  display: string;
  words: string[];
  weight: number;
}

/** The theme's heaviest features, shown as the word its statements use most for each. */
function topKeywords(group: Group, members: readonly number[], normalised: readonly NormalisedStatement[], features: readonly string[]): Keyword[] {
  const weights = new Map<string, number>();
  const words = new Map<string, Map<string, number>>();
  const memberCentroid = group.centroid;
  for (const i of members) {
    for (const f of (normalised[i] as NormalisedStatement).features) {
      const byWord = words.get(f.key) ?? new Map<string, number>();
      byWord.set(f.word, (byWord.get(f.word) ?? 0) + 1);
      words.set(f.key, byWord);
    }
  }
  features.forEach((f, i) => {
    const w = memberCentroid[i] as number;
    if (w > 0 && words.has(f)) weights.set(f, w);
  });
  return [...weights]
    .sort(([a, wa], [b, wb]) => wb - wa || compare(a, b))
    .slice(0, 8)
    .map(([key, weight]) => {
      const byWord = [...(words.get(key) ?? new Map<string, number>())].sort(([a, ca], [b, cb]) => cb - ca || compare(a, b));
      const display = byWord[0]?.[0] ?? key;
      const forms = byWord.map(([w]) => foldText(w));
      if (key.startsWith('@')) for (const t of tokenize(display)) forms.push(foldText(t.surface));
      return { display, words: [...new Set([...forms, ...byWord.map(([w]) => foldText(w).replace(/s$/, ''))])], weight };
    });
}

function matchedWords(statement: NormalisedStatement, group: Group, indexOf: ReadonlyMap<string, number>): string[] {
  const out = new Set<string>();
  for (const f of statement.features) {
    const i = indexOf.get(f.key);
    if (i !== undefined && (group.centroid[i] as number) > 0) out.add(f.word);
  }
  return [...out];
}

function slug(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, '_').slice(0, 40).replace(/^_+|_+$/g, '');
}

/** A readable id from the keywords; on a clash, a suffix derived from the theme's statements. */
function uniqueId(base: string, used: Set<string>, memberIds: readonly string[]): string {
  let id = base;
  if (used.has(id)) {
    const hash = createHash('sha1').update([...memberIds].sort().join('\n')).digest('hex');
    id = `${base}-${hash.slice(0, 4)}`;
    for (let i = 2; used.has(id); i++) id = `${base}-${hash.slice(0, 4)}${i}`;
  }
  used.add(id);
  return id;
}
