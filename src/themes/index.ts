/**
 * Themes: codebook themes first, discovery for the rest, then every statement's status.
 *
 *   codebook (pinned and remembered statements, then those that fit) → discover (Ward's tree on
 *   a sample, the number of themes chosen by silhouette, k-means on all) → assign (score, margin,
 *   status) → describe (keywords, label, id, representative statements)
 *
 * Statements are processed in id order, so the order of the input rows does not change the themes.
 */
import { createHash } from 'node:crypto';
import type { ThemeSettings } from '../config/index.js';
import { foldText, idOrder } from '../model/index.js';
import { byCodePoint as compare } from '../order.js';
import {
  ignoredWords,
  textFeatures,
  tokenize,
  type Feature,
  type Glossary,
  type NormalisedStatement,
} from '../terms/index.js';
import type { ProgressReporter, Statement } from '../model/index.js';
import {
  centroidOf,
  dot,
  isEmpty,
  representFeatures,
  VectorBatch,
  type Centroid,
  type Representation,
  type Vector,
} from '../represent/index.js';
import type { EditedCodebook, EditedTheme } from './codebook.js';
import { type Clusterer, WARD_KMEANS } from './clusterer.js';
import { HERE, type Helper } from './helper.js';

export { type ClusterInput, type Clusterer, ONE_THEME, WARD_KMEANS } from './clusterer.js';
export { HERE, type Helper, type Labeller, labelHere } from './helper.js';
import type { LabelRequest } from './label.js';
import { decodeFeature } from '../model/index.js';

export {
  applyEdits,
  CodebookFile,
  formatCodebook,
  readCodebook,
  type Codebook,
  type CodebookTheme,
  type EditedCodebook,
  type EditedTheme,
} from './codebook.js';

export type AssignmentStatus = 'assigned' | 'borderline' | 'unassigned';

export interface Assignment {
  statementId: string;
  /** Undefined when unassigned. */
  themeId: string | undefined;
  /** The most similar theme, also when the statement fits it too weakly to be assigned. */
  nearestThemeId: string | undefined;
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
  /** Ids of themes this one absorbed (codebook merges). */
  aliases: string[];
  /** The keywords the analyst gave in the codebook (`keywords` are those the statements show). */
  givenKeywords?: string[];
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

/** The statements most similar to a theme shown as its representatives. */
const REPRESENTATIVES = 3;
/** The statements most similar to a theme that its label is drawn from. */
const LABEL_TEXTS = 8;
/**
 * A codebook theme claims a statement from half the borderline similarity — the analyst defined
 * the theme, and a definition shares fewer words with a statement than statements share — as long
 * as the statement shares a word with the definition or with the theme's statements.
 */
const CODEBOOK_BAR = 0.5;

interface Group {
  /** Codebook theme, or undefined for a discovered one. */
  codebook?: EditedTheme;
  /** Seed vector of a codebook theme (its label, description and keywords). */
  seed?: Vector;
  members: number[];
  centroid: Centroid;
}

/** What the themes step works on: the statements, what the terms step found in them, and their vectors. */
export interface ThemeInput {
  statements: readonly Statement[];
  normalised: readonly NormalisedStatement[];
  representation: Representation;
}

export interface ThemeOptions {
  settings: ThemeSettings;
  glossary: Glossary;
  /** The analyst's themes, matched before any is discovered. */
  codebook?: EditedCodebook | undefined;
  progress?: ProgressReporter | undefined;
  /** A second thread that takes a share of the work; by default all of it is done here. */
  helper?: Helper;
  /** How the statements no codebook theme claims are grouped; by default Ward's tree and k-means. */
  clusterer?: Clusterer;
}

export async function findThemes(input: ThemeInput, options: ThemeOptions): Promise<ThemeSet> {
  const { statements, normalised, representation } = input;
  const { settings, glossary, codebook, progress, helper = HERE, clusterer = WARD_KMEANS } = options;
  const order = idOrder(statements);
  const idOf = (i: number): string => (statements[i] as Statement).id;
  const textOf = (i: number): string => (statements[i] as Statement).text;
  const { vectors, vectorizer } = representation;
  const dims = representation.features;

  // 1. Codebook themes: the statements the analyst pinned and those each theme held in the run
  //    that wrote the codebook stay; the others are claimed where they fit, and each theme's
  //    centre moves from its definition towards its statements over a few rounds.
  const groups: Group[] = (codebook?.themes ?? []).map((theme) => {
    const seed = representFeatures(codebookFeatures(theme, glossary), representation);
    return { codebook: theme, seed, members: [], centroid: centroidOf([seed], dims) };
  });
  const fixed = fixedMembers(statements, vectors, groups, codebook);
  const claimed = new Set<number>();
  const batch = new VectorBatch(vectors);
  if (groups.length > 0) {
    for (let round = 0; round < 3; round++) {
      for (const g of groups) g.members = [];
      claimed.clear();
      const dots = batch.dots(groups.map((g) => g.centroid));
      for (const i of order) {
        const pinned = fixed.get(i);
        if (pinned) {
          pinned.members.push(i);
          claimed.add(i);
          continue;
        }
        const best = bestGroup(dots, i, vectors[i] as Vector, groups);
        if (
          best.group &&
          best.score >= settings.borderlineAt * CODEBOOK_BAR &&
          sharesWords(vectors[i] as Vector, best.group.centroid)
        ) {
          best.group.members.push(i);
          claimed.add(i);
        }
      }
      for (const g of groups)
        g.centroid = centroidOf([g.seed as Vector, ...g.members.map((i) => vectors[i] as Vector)], dims);
    }
  }

  // 2. Discovery on the rest.
  const rest = order.filter((i) => !claimed.has(i) && !isEmpty(vectors[i] as Vector));
  const {
    themes: discovered,
    scores,
    selection,
  } = await clusterer.cluster({
    members: rest,
    vectors,
    features: dims,
    settings,
    help: helper,
    progress,
  });
  const chosenK = selection.length > 0 ? discovered.length : undefined;
  groups.push(...discovered);
  // The texts the labels will most likely come from, parsed on the second thread while the themes settle.
  const byScore = (a: number, b: number): number =>
    (scores[b] as number) - (scores[a] as number) || compare(idOf(a), idOf(b));
  helper.prepareLabels(discovered.flatMap((g) => closest(g.members, LABEL_TEXTS, byScore).map(textOf)));

  // 3. Assign every statement, dissolving discovered themes too small to stand.
  let assignments = assignAll(batch, groups, settings, fixed, order);
  for (let pass = 0; pass < 5; pass++) {
    const small = groups.filter((g) => !g.codebook && g.members.length < settings.minStatements);
    if (small.length === 0) break;
    for (const g of small) groups.splice(groups.indexOf(g), 1);
    assignments = assignAll(batch, groups, settings, fixed, order);
  }

  // 4. Describe: keywords, label, id, representatives.
  const usedIds = new Set([
    ...groups.flatMap((g) => (g.codebook ? [g.codebook.id, ...g.codebook.aliases] : [])),
    ...(codebook?.resolve.keys() ?? []),
  ]);
  const ranked = groups.map((g) =>
    closest(
      g.members,
      LABEL_TEXTS,
      (a, b) => (assignments[b]?.score ?? 0) - (assignments[a]?.score ?? 0) || compare(idOf(a), idOf(b)),
    ),
  );
  // The second thread parses the texts the labels come from (those it has not yet) while this one finds the keywords.
  helper.prepareLabels(ranked.flatMap((r, g) => (groups[g]?.codebook ? [] : r.map(textOf))));
  const described = groups.map((g, i) => ({
    group: g,
    ranked: ranked[i] as number[],
    keywords: topKeywords(g, g.members, normalised, vectors, vectorizer.features),
  }));
  const requests = described
    .filter((d) => !d.group.codebook)
    .map(
      ({ ranked, keywords }): LabelRequest => ({
        texts: ranked.map(textOf),
        keywords: keywords.map((k) => ({ words: k.words, weight: k.weight })),
        fallback: keywords.map((k) => k.display),
      }),
    );
  // The labels are written on the second thread (when there is one) while this one finds the shared words.
  const labelling = helper.label(requests, [...ignoredWords()]);
  const matched = assignments.map((a, i) =>
    a.group ? matchedWords(normalised[i] as NormalisedStatement, a.group, vectorizer.indexOf) : [],
  );
  const labels = await labelling;
  const usedLabels = new Set<string>();
  const themes = described.map(({ group: g, ranked, keywords }): Theme => {
    const representatives = ranked.slice(0, REPRESENTATIVES).map(idOf);
    if (g.codebook) {
      return {
        id: g.codebook.id,
        label: g.codebook.label,
        ...(g.codebook.description ? { description: g.codebook.description } : {}),
        keywords: keywords.map((k) => k.display),
        origin: 'codebook',
        representatives,
        aliases: g.codebook.aliases,
        ...(g.codebook.keywords ? { givenKeywords: g.codebook.keywords } : {}),
      };
    }
    let label = labels.shift() ?? '';
    for (const k of keywords) {
      if (!usedLabels.has(foldText(label))) break;
      if (!foldText(label).includes(foldText(k.display))) label = `${label} (${k.display})`;
    }
    usedLabels.add(foldText(label));
    const id = uniqueId(
      slug(
        keywords
          .slice(0, 2)
          .map((k) => k.display)
          .join(' '),
      ) || 'theme',
      usedIds,
      g.members.map(idOf),
    );
    return { id, label, keywords: keywords.map((k) => k.display), origin: 'discovered', representatives, aliases: [] };
  });

  const themeIdOf = new Map(groups.map((g, i) => [g, themes[i]?.id as string]));
  return {
    themes,
    assignments: assignments.map((a, i) => ({
      statementId: idOf(i),
      themeId: a.group ? themeIdOf.get(a.group) : undefined,
      nearestThemeId: a.nearest ? themeIdOf.get(a.nearest) : undefined,
      score: round(a.score),
      margin: round(a.margin),
      status: a.status,
      matched: matched[i] ?? [],
    })),
    selection,
    chosenK,
  };
}

/** The first `count` of `items` in the order of `before`, without sorting them all (a theme may hold thousands). */
function closest(items: readonly number[], count: number, before: (a: number, b: number) => number): number[] {
  const top: number[] = [];
  for (const item of items) {
    if (top.length === count && before(item, top[count - 1] as number) >= 0) continue;
    let at = Math.min(top.length, count - 1);
    while (at > 0 && before(item, top[at - 1] as number) < 0) at--;
    top.splice(at, 0, item);
    if (top.length > count) top.pop();
  }
  return top;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A codebook theme's text as features, normalised like a statement: label and description once, keywords twice. */
function codebookFeatures(theme: EditedTheme, glossary: Glossary): Feature[] {
  return textFeatures(
    [theme.label, theme.description ?? '', ...(theme.keywords ?? []), ...(theme.keywords ?? [])].join('. '),
    glossary,
  );
}

/** Whether a statement shares a topic feature with a theme (its definition or its statements). */
function sharesWords(v: Vector, c: Centroid): boolean {
  for (const i of v.index) if ((c.sparse[i] as number) > 0) return true;
  return false;
}

/**
 * The most similar theme (none for a statement without topic words), its similarity, and the
 * next one's, from the statement's row of `dots` (statements × groups, see VectorBatch).
 */
function bestGroup(
  dots: Float64Array,
  i: number,
  v: Vector,
  groups: readonly Group[],
): { group: Group | undefined; score: number; second: number } {
  let group: Group | undefined;
  let score = -Infinity;
  let second = -Infinity;
  if (isEmpty(v) || groups.length === 0) return { group, score: 0, second: 0 };
  const k = groups.length;
  for (let c = 0; c < k; c++) {
    const g = groups[c] as Group;
    const s = dots[i * k + c] as number;
    if (s > score) {
      second = score;
      score = s;
      group = g;
    } else if (s > second) {
      second = s;
    }
  }
  return { group, score, second: Math.max(second, Math.min(score, 0)) };
}

interface Placement {
  group: Group | undefined;
  /** The most similar theme, also for an unassigned statement. */
  nearest: Group | undefined;
  score: number;
  margin: number;
  status: AssignmentStatus;
}

/**
 * Statements whose codebook theme is settled: pinned by the analyst, or held by the theme in the
 * run that wrote the codebook (a split theme's statements go to the part they are most like).
 */
function fixedMembers(
  statements: readonly Statement[],
  vectors: readonly Vector[],
  groups: readonly Group[],
  codebook: EditedCodebook | undefined,
): Map<number, Group> {
  const fixed = new Map<number, Group>();
  if (!codebook) return fixed;
  const byTheme = new Map(groups.map((g) => [g.codebook?.id ?? '', g]));
  const remembered = new Map<string, Group[]>();
  for (const g of groups)
    for (const id of g.codebook?.remembered ?? []) remembered.set(id, [...(remembered.get(id) ?? []), g]);
  statements.forEach((s, i) => {
    const pinned = codebook.pins.get(s.id);
    const group = pinned ? byTheme.get(pinned) : undefined;
    if (group) {
      fixed.set(i, group);
      return;
    }
    const candidates = remembered.get(s.id);
    if (!candidates || candidates.length === 0) return;
    const v = vectors[i] as Vector;
    const best = [...candidates].sort((a, b) => dot(v, b.centroid) - dot(v, a.centroid))[0] as Group;
    fixed.set(i, best);
  });
  return fixed;
}

/**
 * Places every statement in its most similar theme, or none — a settled statement in its own
 * theme, never unassigned — and recomputes the themes' members.
 */
function assignAll(
  batch: VectorBatch,
  groups: Group[],
  settings: ThemeSettings,
  fixed: ReadonlyMap<number, Group>,
  order: readonly number[],
): Placement[] {
  const k = groups.length;
  const dots = batch.dots(groups.map((g) => g.centroid));
  const placements = batch.vectors.map((v, i): Placement => {
    const settled = fixed.get(i);
    const own = settled ? groups.indexOf(settled) : -1;
    if (settled && own >= 0) {
      const score = dots[i * k + own] as number;
      let second = 0;
      for (let c = 0; c < k; c++) if (c !== own) second = Math.max(second, dots[i * k + c] as number);
      return {
        group: settled,
        nearest: settled,
        score,
        margin: score - second,
        status: score >= settings.assignAt ? 'assigned' : 'borderline',
      };
    }
    const best = bestGroup(dots, i, v, groups);
    if (!best.group || best.score < settings.borderlineAt)
      return {
        group: undefined,
        nearest: best.group,
        score: round(best.score),
        margin: round(best.score - best.second),
        status: 'unassigned',
      };
    return {
      group: best.group,
      nearest: best.group,
      score: best.score,
      margin: best.score - best.second,
      status: best.score >= settings.assignAt ? 'assigned' : 'borderline',
    };
  });
  // Members in id order: centroids are sums, and a sum's last bits depend on its order.
  for (const g of groups) g.members = [];
  for (const i of order) placements[i]?.group?.members.push(i);
  return placements;
}

interface Keyword {
  display: string;
  words: string[];
  weight: number;
}

/** The theme's heaviest features among those its statements use, shown as the word they use most for each. */
function topKeywords(
  group: Group,
  members: readonly number[],
  normalised: readonly NormalisedStatement[],
  vectors: readonly Vector[],
  features: readonly string[],
): Keyword[] {
  const weight = group.centroid.sparse;
  const used = new Uint8Array(features.length);
  for (const i of members) for (const f of (vectors[i] as Vector).index) used[f] = 1;
  const candidates: number[] = [];
  for (let f = 0; f < features.length; f++) if (used[f] && (weight[f] as number) > 0) candidates.push(f);
  const top = closest(
    candidates,
    8,
    (a, b) => (weight[b] as number) - (weight[a] as number) || compare(features[a] as string, features[b] as string),
  );
  // How the statements write each of those features.
  const words = new Map(top.map((f) => [features[f] as string, new Map<string, number>()]));
  for (const i of members) {
    for (const f of (normalised[i] as NormalisedStatement).features) {
      const byWord = words.get(f.key);
      byWord?.set(f.word, (byWord.get(f.word) ?? 0) + 1);
    }
  }
  return top.map((f) => {
    const key = features[f] as string;
    const byWord = [...(words.get(key) ?? new Map<string, number>())].sort(
      ([a, ca], [b, cb]) => cb - ca || compare(a, b),
    );
    const display = byWord[0]?.[0] ?? key;
    const forms = byWord.map(([w]) => foldText(w));
    if (decodeFeature(key).kind === 'concept') for (const t of tokenize(display)) forms.push(t.key);
    return {
      display,
      words: [...new Set([...forms, ...byWord.map(([w]) => foldText(w).replace(/s$/, ''))])],
      weight: weight[f] as number,
    };
  });
}

function matchedWords(statement: NormalisedStatement, group: Group, indexOf: ReadonlyMap<string, number>): string[] {
  const out = new Set<string>();
  for (const f of statement.features) {
    const i = indexOf.get(f.key);
    if (i !== undefined && (group.centroid.sparse[i] as number) > 0) out.add(f.word);
  }
  return [...out];
}

function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)
    .replace(/^_+|_+$/g, '');
}

/** A readable id from the keywords; on a clash, a suffix derived from the theme's statements. */
function uniqueId(base: string, used: Set<string>, memberIds: readonly string[]): string {
  let id = base;
  if (used.has(id)) {
    const hash = createHash('sha1')
      .update([...memberIds].sort().join('\n'))
      .digest('hex');
    id = `${base}-${hash.slice(0, 4)}`;
    for (let i = 2; used.has(id); i++) id = `${base}-${hash.slice(0, 4)}${i}`;
  }
  used.add(id);
  return id;
}
