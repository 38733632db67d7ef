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
import type { Place, Problem, ProgressReporter, Statement } from '../model/index.js';
import {
  centroidOf,
  dot,
  dotVectors,
  isEmpty,
  representFeatures,
  VectorBatch,
  type Representation,
  type Vector,
} from '../represent/index.js';
import { type Codebook, type EditedCodebook, type EditedTheme, readYamlCodebook } from './codebook.js';
import { readQdc } from './qdc.js';
import { broaderAreas } from './areas.js';
import { type Clusterer, WARD_KMEANS } from './clusterer.js';
import { JOINING, LEADING, labelCoverage } from './words.js';
import {
  type AssignmentStatus,
  bestGroup,
  coherence,
  definitionWeight,
  type Group,
  type Placement,
  settle,
  settledMembers,
  sharedByOthers,
  meaningSuffices,
  sharesWord,
} from './assign.js';

export type { AssignmentStatus } from './assign.js';
import { HERE, type Helper } from './helper.js';

export { type ClusterInput, type Clusterer, ONE_THEME, WARD_KMEANS } from './clusterer.js';
export { HERE, type Helper, type Labeller, labelHere } from './helper.js';
import type { LabelRequest } from './label.js';
import { decodeFeature } from '../model/index.js';

export {
  applyEdits,
  CodebookFile,
  editsOf,
  type CodebookEdits,
  formatCodebook,
  type Codebook,
  type CodebookTheme,
  type EditedCodebook,
  type EditedTheme,
} from './codebook.js';

export { codesXml, escapeXml, formatQdc, guidOf, readQdc } from './qdc.js';

/** The codebook `--codebook` names: a REFI-QDA `.qdc` from a QDA tool, or YAML as every run writes it. */
export function readCodebook(path: string): Codebook {
  return /\.qdc$/i.test(path) ? readQdc(path) : readYamlCodebook(path);
}

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
  /** A compound bullet's second theme: the one another of its clauses fits (settings.themes.compound). */
  themeId2?: string;
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
  /** The mean score of its statements, each compared with the theme without itself (0–1). */
  coherence: number;
  /** The share of its statements that carry a word of its label (0–1). */
  labelCoverage: number;
  /** The broader area it belongs to (see areas.ts). */
  area: string;
}

export interface ThemeSet {
  themes: Theme[];
  /** One per statement, in the statements' order. */
  assignments: Assignment[];
  /** How the number of discovered themes was chosen: silhouette per candidate k. */
  selection: { k: number; silhouette: number }[];
  /** The number of themes discovery chose, before dissolving themes with too few statements. */
  chosenK: number | undefined;
  /** Discovered themes dissolved: too few statements, or coherence under the floor. */
  dissolved: { small: number; incoherent: number };
}

/** The statements most similar to a theme shown as its representatives. */
const REPRESENTATIVES = 3;
/** The statements most similar to a theme that its label is drawn from: enough to see what many share. */
const LABEL_TEXTS = 20;
/**
 * The similarity from which a codebook theme claims a statement before discovery (to its
 * definition and the statements it holds, the statement included) — low, because a definition
 * shares fewer words with a statement than statements share — as long as the statement shares a
 * word with the definition or with the theme's statements (or meaning is read from whole
 * sentences: meaningSuffices). Assignment scores it again afterwards.
 */
const CODEBOOK_CLAIM = 0.1;

/**
 * The share of meaning (word vectors) in a codebook theme's definition without keywords, where a
 * statement has `themes.semantic`: a definition lists topics in other words than partners write
 * ("Roads, rail, ports, airports …"), so what it means weighs more than the words it shares. Chosen on swot-dev
 * with each analyst's own definitions as the codebook: 59.0% / 62.8% of the statements in their
 * analyst's theme at the statements' share, 61.7% / 65.3% at 0.5, 62.8% / 66.9% at 0.7, 61.4% /
 * 65.6% at 0.85; held out, swot-own 44.7% → 50.0% (`npm run bench:quality`). Meaning read from
 * whole sentences already reads a definition's other words: there the definition has the
 * statements' share (swot-dev 60.3% / 60.1% at it, 57.0% / 57.6% at 0.3, 52.6% / 53.4% at 0.85).
 */
const DEFINITION_SEMANTIC = 0.7;

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
  //    that wrote the codebook stay; the others are claimed where they fit, and over a few rounds
  //    each theme's centre takes in its statements while its definition keeps the larger weight.
  const groups: Group[] = (codebook?.themes ?? []).map((theme) => {
    // Keywords are the partners' own words: a theme that lists them is matched on its words as statements are.
    const share =
      (theme.keywords?.length ?? 0) > 0 || representation.sentences ? representation.semantic : DEFINITION_SEMANTIC;
    const seed = representFeatures(codebookText(theme), codebookFeatures(theme, glossary), representation, share);
    return { codebook: theme, seed, members: [], centroid: centroidOf([seed], dims), norm: 0 };
  });
  const settled = settledMembers(statements, vectors, groups, codebook);
  const claimed = new Set<number>();
  // Left for review by the run that wrote the codebook: not claimed, not discovered from; placed only where they fit.
  const review = new Set(
    order.filter((i) => settled.held.has(i) || (codebook?.review.has(idOf(i)) && !settled.theme.has(i))),
  );
  const batch = new VectorBatch(vectors);
  if (groups.length > 0) {
    for (let round = 0; round < 3; round++) {
      for (const g of groups) g.members = [];
      claimed.clear();
      const dots = batch.dots(groups.map((g) => g.centroid));
      for (const i of order) {
        if (review.has(i)) continue;
        const pinned = settled.theme.get(i);
        if (pinned) {
          pinned.members.push(i);
          claimed.add(i);
          continue;
        }
        const best = bestGroup(dots, i, vectors[i] as Vector, groups);
        if (
          best.group &&
          best.score >= Math.max(settings.borderlineAt, CODEBOOK_CLAIM) &&
          (meaningSuffices(settings) || sharesWord(vectors[i] as Vector, best.group, false))
        ) {
          best.group.members.push(i);
          claimed.add(i);
        }
      }
      for (const g of groups)
        g.centroid = centroidOf([g.seed as Vector, ...g.members.map((i) => vectors[i] as Vector)], dims, [
          definitionWeight(g.members.length),
        ]);
    }
  }

  // 2. Discovery on the rest.
  const rest = order.filter((i) => !claimed.has(i) && !review.has(i) && !isEmpty(vectors[i] as Vector));
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
  groups.push(...discovered.map((d): Group => ({ ...d, norm: 0 })));
  // The texts the labels will most likely come from, parsed on the second thread while the themes settle.
  const byScore = (a: number, b: number): number =>
    (scores[b] as number) - (scores[a] as number) || compare(idOf(a), idOf(b));
  helper.prepareLabels(discovered.flatMap((g) => closest(g.members, LABEL_TEXTS, byScore).map(textOf)));

  // 3. Assign every statement, dissolving discovered themes too small to stand, then those whose
  //    statements do not hold together (their coherence under the floor): their statements go to
  //    the theme they fit next, or to review.
  const squares = vectors.map((v) => dotVectors(v, v));
  let { placements: assignments, home } = settle(batch, groups, settings, settled, order, dims, squares);
  let fit = coherence(groups, assignments);
  const dissolved = { small: 0, incoherent: 0 };
  for (let pass = 0; pass < 8; pass++) {
    const small = groups.filter((g) => !g.codebook && g.members.length < settings.minStatements);
    const incoherent =
      small.length > 0 ? [] : groups.filter((g) => !g.codebook && (fit.get(g) as number) < settings.coherenceFloor);
    if (small.length + incoherent.length === 0) break;
    dissolved.small += small.length;
    dissolved.incoherent += incoherent.length;
    for (const g of [...small, ...incoherent]) groups.splice(groups.indexOf(g), 1);
    ({ placements: assignments, home } = settle(batch, groups, settings, settled, order, dims, squares));
    fit = coherence(groups, assignments);
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
    a.group
      ? matchedWords(
          vectors[i] as Vector,
          normalised[i] as NormalisedStatement,
          a.group,
          home[i] === a.group,
          vectorizer.indexOf,
        )
      : [],
  );
  const labels = await labelling;
  const usedLabels = new Set<string>();
  const ignored = ignoredWords();
  const coverageOf = (label: string, g: Group): number => round(labelCoverage(label, g.members.map(textOf), ignored));
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
        coherence: round(fit.get(g) ?? 0),
        labelCoverage: coverageOf(g.codebook.label, g),
        area: '',
      };
    }
    let label = labels.shift() ?? '';
    for (const k of keywords) {
      if (!usedLabels.has(foldText(label))) break;
      if (!foldText(label).includes(foldText(k.display))) label = `${label} (${k.display})`;
    }
    usedLabels.add(foldText(label));
    // The id from the label's own words, so that the two never say different things.
    const id = uniqueId(slug(idWords(label, ignored)) || 'theme', usedIds, g.members.map(idOf));
    return {
      id,
      label,
      keywords: keywords.map((k) => k.display),
      origin: 'discovered',
      representatives,
      aliases: [],
      coherence: round(fit.get(g) ?? 0),
      labelCoverage: coverageOf(label, g),
      area: '',
    };
  });
  const areas = broaderAreas(
    groups.map((g, i) => ({
      centroid: g.centroid,
      // What the report counts: a theme of borderline statements alone does not name its area.
      size: g.members.filter((m) => assignments[m]?.status === 'assigned' || assignments[m]?.status === 'pinned')
        .length,
      label: themes[i]?.label ?? '',
      keywords: themes[i]?.keywords ?? [],
      parent: g.codebook?.parent,
    })),
  );
  themes.forEach((t, i) => {
    t.area = areas[i] ?? t.label;
  });

  const themeIdOf = new Map(groups.map((g, i) => [g, themes[i]?.id as string]));
  const second = settings.compound ? secondThemes(assignments, normalised, representation, groups, settings) : [];
  return {
    themes,
    assignments: assignments.map((a, i) => {
      const other = second[i];
      return {
        statementId: idOf(i),
        themeId: a.group ? themeIdOf.get(a.group) : undefined,
        nearestThemeId: a.nearest ? themeIdOf.get(a.nearest) : undefined,
        score: round(a.score),
        margin: round(a.margin),
        status: a.status,
        matched: matched[i] ?? [],
        ...(other ? { themeId2: themeIdOf.get(other) as string } : {}),
      };
    }),
    selection,
    chosenK,
    dissolved,
  };
}

/**
 * The second theme of each compound bullet: a statement assigned to a theme (not pinned: the
 * analyst placed those) whose clauses fit two themes — one clause its own theme, another clause a
 * different theme at least as well as `assignAt`. Clauses are compared with the themes' final
 * centres, so the same run gives the same second themes.
 */
function secondThemes(
  placements: readonly Placement[],
  normalised: readonly NormalisedStatement[],
  representation: Representation,
  groups: readonly Group[],
  settings: ThemeSettings,
): (Group | undefined)[] {
  return placements.map((p, i) => {
    const parts = normalised[i]?.parts ?? [];
    if (p.status !== 'assigned' || !p.group || parts.length < 2) return undefined;
    const best = parts.map(({ text, features }) => {
      const v = representFeatures(text, features, representation);
      let top: { group: Group | undefined; score: number } = { group: undefined, score: 0 };
      for (const g of groups) {
        const score = dot(v, g.centroid);
        if (score > top.score) top = { group: g, score };
      }
      return top;
    });
    if (!best.some((b) => b.group === p.group)) return undefined;
    const other = best
      .filter((b) => b.group !== p.group && b.score >= settings.assignAt)
      .sort((a, b) => b.score - a.score)[0];
    return other?.group;
  });
}

/** Themes whose statements fit them, on average, less than this are marked loose in the report. */
export const LOW_COHERENCE = 0.25;
/** Silhouettes under this: the statements barely separate into themes, and the run warns. */
export const WEAK_SILHOUETTE = 0.1;

export interface PartitionQuality {
  themes: number;
  /** The silhouette of the chosen number of themes, on the sample discovery scored; null when not chosen. */
  silhouette: number | null;
  weak: boolean;
  dissolved: { small: number; incoherent: number };
  /** The share of the statements in a theme that are in a loose one (coherence under LOW_COHERENCE). */
  lowCoherence: number;
}

/** How well the themes hold: the silhouette, the themes dissolved, the share of statements in loose themes. */
export function partitionQuality(themeSet: ThemeSet): PartitionQuality {
  const chosen = themeSet.selection.find((s) => s.k === themeSet.chosenK);
  const loose = new Set(themeSet.themes.filter((t) => t.coherence < LOW_COHERENCE).map((t) => t.id));
  const inTheme = themeSet.assignments.filter((a) => a.themeId !== undefined);
  const inLoose = inTheme.filter((a) => loose.has(a.themeId as string)).length;
  return {
    themes: themeSet.themes.length,
    silhouette: chosen ? chosen.silhouette : null,
    weak: chosen !== undefined && chosen.silhouette < WEAK_SILHOUETTE,
    dissolved: themeSet.dissolved,
    lowCoherence: inTheme.length === 0 ? 0 : round(inLoose / inTheme.length),
  };
}

/** A warning when the statements barely separate into themes. */
export function structureWarnings(themeSet: ThemeSet, place: Place): Problem[] {
  const q = partitionQuality(themeSet);
  if (!q.weak || q.silhouette === null) return [];
  return [
    {
      code: 'themes-weak-structure',
      severity: 'warning',
      place,
      message: `the ${q.themes} themes separate the statements only weakly (silhouette ${q.silhouette.toFixed(2)}; under ${WEAK_SILHOUETTE} is weak): read each theme's statements before its counts`,
      hint: 'add statements, or give the themes you expect in a codebook',
    },
  ];
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
  return textFeatures([codebookText(theme), ...(theme.keywords ?? [])].join('. '), glossary);
}

/** What a codebook theme says: its label, definition and keywords (the keywords count twice among its features). */
export function codebookText(theme: EditedTheme): string {
  return [theme.label, theme.description ?? '', ...(theme.keywords ?? [])].join('. ');
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

/** The statement's words that other statements of the theme (or its definition) use too. */
function matchedWords(
  v: Vector,
  statement: NormalisedStatement,
  group: Group,
  summed: boolean,
  indexOf: ReadonlyMap<string, number>,
): string[] {
  const own = new Map<number, number>();
  for (let j = 0; j < v.index.length; j++) own.set(v.index[j] as number, v.value[j] as number);
  const out = new Set<string>();
  for (const f of statement.features) {
    const i = indexOf.get(f.key);
    if (i !== undefined && sharedByOthers(group, i, own.get(i) ?? 0, summed)) out.add(f.word);
  }
  return [...out];
}

/** A label's words for its id: the content words, up to three ("Broadband connections (rural)" → "broadband connections rural"). */
function idWords(label: string, ignored: ReadonlySet<string>): string {
  return foldText(label)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !JOINING.has(w) && !LEADING.has(w) && !ignored.has(w))
    .slice(0, 3)
    .join(' ');
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
