/**
 * Assignment: every statement to its most similar theme, or to none, scored honestly — a
 * statement is compared with its theme *without itself* (the leave-one-out centre), so a theme
 * cannot look coherent because each member resembles the sum it is part of.
 *
 *   place (current centres) → recentre (each theme's centre becomes the sum of its statements,
 *   and of its definition for a codebook theme) → place again, a statement's own vector taken out
 *   of its theme's sum → coherence (the mean score of a theme's statements)
 */
import type { ThemeSettings } from '../config/index.js';
import { DIMENSIONS } from '../word-vectors.js';
import { type Centroid, dot, emptyCentroid, isEmpty, type Vector, type VectorBatch } from '../represent/index.js';
import type { EditedCodebook, EditedTheme } from './codebook.js';
import type { Statement } from '../model/index.js';

import type { AssignmentStatus } from '../model/index.js';

export type { AssignmentStatus };

export interface Group {
  /** Codebook theme, or undefined for a discovered one. */
  codebook?: EditedTheme;
  /** Seed vector of a codebook theme (its label, description and keywords). */
  seed?: Vector;
  members: number[];
  /** Unit length; when `norm` > 0, the sum of `summed` (and the seed) divided by `norm`. */
  centroid: Centroid;
  /** The length of the sum the centroid was scaled from; 0 while the centroid is not such a sum. */
  norm: number;
  /**
   * A codebook theme that holds statements it held in the run that wrote the codebook: its centre
   * is the sum of its statements alone, as in that run, so that passing a run's codebook back
   * gives the same scores. A theme without them is centred on its definition and its statements.
   */
  anchored?: boolean;
  /** The sum the centre was scaled from, kept while the places settle. */
  sum?: Sum;
  /** The weight the seed has in `sum`. */
  seedWeight?: number;
}

/**
 * How much a codebook theme's definition weighs in its centre: its seed counts as this many
 * statements per statement the theme holds (at least one), so that an analyst's definition is not
 * drowned by the statements it drew in — "Broadband and digital infrastructure" stays about
 * broadband when thirty statements on digital SMEs share its word "digital". Chosen on swot-dev
 * with each analyst's own 34 definitions as the codebook: statements in their analyst's theme
 * 50.4% / 51.5% with the seed counted once, 57.6% / 62.3% at 1, 59.0% / 62.8% at 2, 60.3% / 62.5%
 * at 4; held out, swot-own with its coder's 17 definitions: 38.6% → 44.7% (`npm run bench:quality`).
 */
const DEFINITION_SHARE = 2;

/** How much a codebook theme's seed weighs in its centre when the theme holds `members` statements. */
export function definitionWeight(members: number): number {
  return Math.max(1, DEFINITION_SHARE * members);
}

export interface Placement {
  group: Group | undefined;
  /** The most similar theme, also for an unassigned statement. */
  nearest: Group | undefined;
  score: number;
  margin: number;
  status: AssignmentStatus;
}

/** Statements whose theme the codebook settles, which of them the analyst pinned, and those moved to review. */
export interface Settled {
  theme: Map<number, Group>;
  pinned: Set<number>;
  /** Moved to review by the analyst: in no theme, whatever their words. */
  held: Set<number>;
}

/**
 * Statements whose codebook theme is settled: pinned by the analyst, or held by the theme in the
 * run that wrote the codebook (a split theme's statements go to the part they are most like).
 */
export function settledMembers(
  statements: readonly Statement[],
  vectors: readonly Vector[],
  groups: readonly Group[],
  codebook: EditedCodebook | undefined,
): Settled {
  const settled: Settled = { theme: new Map(), pinned: new Set(), held: new Set() };
  if (!codebook) return settled;
  const byTheme = new Map(groups.map((g) => [g.codebook?.id ?? '', g]));
  const remembered = new Map<string, Group[]>();
  for (const g of groups)
    for (const id of g.codebook?.remembered ?? []) remembered.set(id, [...(remembered.get(id) ?? []), g]);
  statements.forEach((s, i) => {
    if (codebook.unassigned.has(s.id)) {
      settled.held.add(i);
      return;
    }
    const pinned = codebook.pins.get(s.id);
    const group = pinned ? byTheme.get(pinned) : undefined;
    if (group) {
      settled.theme.set(i, group);
      settled.pinned.add(i);
      return;
    }
    const candidates = remembered.get(s.id);
    if (!candidates || candidates.length === 0) return;
    const v = vectors[i] as Vector;
    const best = [...candidates].sort((a, b) => dot(v, b.centroid) - dot(v, a.centroid))[0] as Group;
    settled.theme.set(i, best);
    best.anchored = true;
  });
  return settled;
}

/** Rounds of recentring at most before the places are taken as they are (100,000 statements settle in five). */
const ROUNDS = 6;

/**
 * The statements' places, scored honestly: placed once by the current centres; then, until no
 * statement moves (fewer than one in a thousand, in large runs), each centre becomes the sum of its
 * statements and every statement is placed again with its own vector taken out of its theme. At
 * the end each theme's centre is the sum of the statements it holds, so a codebook written from
 * the run reproduces it.
 */
export function settle(
  batch: VectorBatch,
  groups: Group[],
  settings: ThemeSettings,
  settled: Settled,
  order: readonly number[],
  features: number,
  squares: readonly number[],
): { placements: Placement[]; home: (Group | undefined)[] } {
  let placements = place(batch, groups, settings, settled, order, undefined, squares);
  let home = recentre(batch.vectors, groups, features, undefined);
  for (let round = 0; round < ROUNDS; round++) {
    placements = place(batch, groups, settings, settled, order, home, squares);
    let moved = 0;
    placements.forEach((p, i) => p.group !== home[i] && moved++);
    // Settled: nothing moves (below 1,000 statements), or under one statement in a thousand.
    if (moved * 1000 < placements.length || moved === 0) return { placements, home };
    home = recentre(batch.vectors, groups, features, home);
  }
  // Out of rounds with statements still moving: the last places are kept and scored against the
  // themes they make, so that a codebook written from this run gives the same scores again.
  const kept: Settled = { theme: new Map(settled.theme), pinned: settled.pinned, held: settled.held };
  placements.forEach((p, i) => p.group && !kept.theme.has(i) && kept.theme.set(i, p.group));
  placements = place(batch, groups, settings, kept, order, home, squares);
  return { placements, home };
}

/** A group's sum of vectors, in double precision so that the order it was summed in does not show. */
interface Sum {
  sparse: Float64Array;
  dense: Float64Array;
}

function addTo(sum: Sum, v: Vector, sign: number): void {
  const { index, value } = v;
  for (let j = 0; j < index.length; j++) {
    const f = index[j] as number;
    sum.sparse[f] = (sum.sparse[f] as number) + sign * (value[j] as number);
  }
  const d = v.dense;
  for (let k = 0; k < d.length; k++) sum.dense[k] = (sum.dense[k] as number) + sign * (d[k] as number);
}

/**
 * Each group's centre becomes the normalised sum of its statements (and its seed, unless the group
 * is anchored); returns the group each statement was summed into, so that its own vector can be
 * taken out of its score. With `before` (the previous round's), only the statements that moved
 * change the sums.
 */
function recentre(
  vectors: readonly Vector[],
  groups: readonly Group[],
  features: number,
  before: readonly (Group | undefined)[] | undefined,
): (Group | undefined)[] {
  const home: (Group | undefined)[] = new Array(vectors.length).fill(undefined);
  for (const g of groups) for (const i of g.members) home[i] = g;
  if (before) {
    home.forEach((g, i) => {
      const was = before[i];
      if (g === was) return;
      const v = vectors[i] as Vector;
      if (was?.sum) addTo(was.sum, v, -1);
      if (g?.sum) addTo(g.sum, v, 1);
    });
    for (const g of groups) {
      if (!g.seed || g.anchored || !g.sum) continue;
      const weight = definitionWeight(g.members.length);
      if (weight !== g.seedWeight) addTo(g.sum, g.seed, weight - (g.seedWeight ?? 0));
      g.seedWeight = weight;
    }
  } else {
    for (const g of groups) {
      const sum: Sum = { sparse: new Float64Array(features), dense: new Float64Array(DIMENSIONS) };
      if (g.seed && !g.anchored) {
        g.seedWeight = definitionWeight(g.members.length);
        addTo(sum, g.seed, g.seedWeight);
      }
      for (const i of g.members) addTo(sum, vectors[i] as Vector, 1);
      g.sum = sum;
    }
  }
  for (const g of groups) {
    const { sparse, dense } = g.sum as Sum;
    let norm = 0;
    for (let f = 0; f < sparse.length; f++) norm += (sparse[f] as number) * (sparse[f] as number);
    for (let k = 0; k < dense.length; k++) norm += (dense[k] as number) * (dense[k] as number);
    norm = Math.sqrt(norm);
    const c = emptyCentroid(features);
    if (norm > 0) {
      for (let f = 0; f < sparse.length; f++) if (sparse[f] !== 0) c.sparse[f] = (sparse[f] as number) / norm;
      for (let k = 0; k < dense.length; k++) c.dense[k] = (dense[k] as number) / norm;
    }
    g.centroid = c;
    g.norm = norm;
  }
  return home;
}

/**
 * A statement's similarity to its theme's sum without itself, from its similarity `d` to the
 * unit centre of that sum (of length `norm`) and its own squared length `q`:
 * cos(v, S − v) = (norm·d − q) / |S − v|, |S − v|² = norm² − 2·norm·d + q.
 */
export function leaveOneOut(d: number, norm: number, q: number): number {
  const rest = norm * norm - 2 * norm * d + q;
  if (rest <= 1e-9) return 0;
  return (norm * d - q) / Math.sqrt(rest);
}

/**
 * Places every statement in its most similar theme, or none, and recomputes the themes' members.
 * With `home`, a statement's similarity to the theme it was summed into leaves itself out.
 */
function place(
  batch: VectorBatch,
  groups: Group[],
  settings: ThemeSettings,
  settled: Settled,
  order: readonly number[],
  home: readonly (Group | undefined)[] | undefined,
  squares: readonly number[],
): Placement[] {
  const k = groups.length;
  const dots = batch.dots(groups.map((g) => g.centroid));
  const homeIndex = home ? home.map((g) => (g ? groups.indexOf(g) : -1)) : undefined;
  const placements = batch.vectors.map((v, i): Placement => {
    const own = homeIndex?.[i] ?? -1;
    if (own >= 0) {
      const g = groups[own] as Group;
      dots[i * k + own] = leaveOneOut(dots[i * k + own] as number, g.norm, squares[i] as number);
    }
    const status = (score: number): AssignmentStatus => (score >= settings.assignAt ? 'assigned' : 'borderline');
    const fixed = settled.theme.get(i);
    const at = fixed ? groups.indexOf(fixed) : -1;
    if (fixed && at >= 0) {
      const score = dots[i * k + at] as number;
      let second = 0;
      for (let c = 0; c < k; c++) if (c !== at) second = Math.max(second, dots[i * k + c] as number);
      return {
        group: fixed,
        nearest: fixed,
        score,
        margin: score - second,
        status: settled.pinned.has(i) ? 'pinned' : status(score),
      };
    }
    const best = bestGroup(dots, i, v, groups);
    // A codebook theme claims only statements that share a topic word with its definition or its
    // other statements — unless meaning is read from whole sentences, which is evidence of its own.
    if (
      settled.held.has(i) ||
      !best.group ||
      best.score < settings.borderlineAt ||
      (best.group.codebook && !meaningSuffices(settings) && !sharesWord(v, best.group, best.group === home?.[i]))
    )
      return {
        group: undefined,
        nearest: best.group,
        score: best.score,
        margin: best.score - best.second,
        status: 'unassigned',
      };
    return {
      group: best.group,
      nearest: best.group,
      score: best.score,
      margin: best.score - best.second,
      status: status(best.score),
    };
  });
  // Members in id order: centroids are sums, and a sum's last bits depend on its order.
  for (const g of groups) g.members = [];
  for (const i of order) placements[i]?.group?.members.push(i);
  return placements;
}

/**
 * The most similar theme (none for a statement without topic words), its similarity, and the
 * next one's, from the statement's row of `dots` (statements × groups, see VectorBatch).
 */
export function bestGroup(
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

/** The mean score of each group's statements: how well its statements fit the theme without themselves. */
export function coherence(groups: readonly Group[], placements: readonly Placement[]): Map<Group, number> {
  const out = new Map<Group, number>();
  for (const g of groups) {
    let sum = 0;
    for (const i of g.members) sum += placements[i]?.score ?? 0;
    out.set(g, g.members.length === 0 ? 0 : sum / g.members.length);
  }
  return out;
}

/**
 * Whether a codebook theme may take a statement that shares no topic word with it: when meaning is
 * read from whole sentences ("young graduates move away" and a theme defined as "brain drain"
 * share none). Chosen on swot-dev with each analyst's own codebook: 55.4% / 63.1% of the
 * statements in that analyst's theme with a shared word required, 60.9% / 61.7% without.
 */
export function meaningSuffices(settings: ThemeSettings): boolean {
  return settings.meaning === 'sentences' && settings.semantic > 0;
}

/**
 * Whether the theme's other statements (or its definition) carry one of the statement's topic
 * features; `summed`: the statement is part of the theme's sum, its own share is taken out.
 */
export function sharesWord(v: Vector, g: Group, summed: boolean): boolean {
  for (let j = 0; j < v.index.length; j++)
    if (sharedByOthers(g, v.index[j] as number, v.value[j] as number, summed)) return true;
  return false;
}

/**
 * Whether the theme's other statements (or its definition) carry a feature: read from the theme's
 * sum in double precision once the places settle (the statement's own share taken out when it is
 * summed in), from its centre before. A feature's value in a vector is far above 1e-9: below it is
 * what the moves of the settling rounds leave behind in the last bits.
 */
export function sharedByOthers(g: Group, feature: number, ownValue: number, summed: boolean): boolean {
  if (!g.sum) return (g.centroid.sparse[feature] as number) > 0;
  const total = g.sum.sparse[feature] as number;
  return (summed ? total - ownValue : total) > 1e-9;
}
