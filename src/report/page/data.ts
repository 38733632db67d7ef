/**
 * What report.html carries for its script, and what the script reads: one set of types for the
 * renderer (html.ts) and the page (app.ts), so that neither reads a field the other does not write.
 */
import type { Codebook } from '../../themes/codebook.js';
import type { Status } from '../explain.js';

/**
 * One statement, as a tuple: 100,000 of them stay a page of 14 MB. `FIELD` names the positions;
 * numbers are indices into the lists of `PageData`, -1 for none; score and margin in thousandths.
 */
export type PageStatement = [
  partner: number,
  quadrant: number,
  dimension: number,
  theme: number,
  status: number,
  score: number,
  margin: number,
  text: string,
  matched: string,
  id: string,
  source: number,
  line: number | string,
  theme2: number,
];

export const FIELD = {
  partner: 0,
  quadrant: 1,
  dimension: 2,
  theme: 3,
  status: 4,
  score: 5,
  margin: 6,
  text: 7,
  matched: 8,
  id: 9,
  source: 10,
  line: 11,
  /** A compound bullet's second theme, counted as its first is; -1 for none. */
  theme2: 12,
} as const;

export interface PageData {
  /** Name and country of each partner. */
  partners: [string, string][];
  /** Id and label of each theme, in the report's order. */
  themes: [string, string][];
  dimensions: string[];
  sources: string[];
  /** The quadrants' names, S W O T. */
  quadrants: string[];
  statements: PageStatement[];
  /** The run's codebook, as codebook.yaml holds it: the page's edits are written onto it for download. */
  codebook: Codebook;
  /** Names this report's edits in the browser's storage: the same statements and themes, the same key. */
  key: string;
  /** The share of partners a theme needs for consensus (settings.consensus). */
  consensusShare: number;
}

/** The status of an assignment by its number in `PageStatement`. */
export const STATUSES: readonly Status[] = ['assigned', 'borderline', 'unassigned', 'pinned'];

/** A sequential palette readable by colour-blind people (cividis, light to dark). */
export const PALETTE = [
  '#f2f2f2',
  '#fde7a9',
  '#e9d16f',
  '#c3b76b',
  '#9a9a6e',
  '#767f72',
  '#566574',
  '#394c6f',
  '#1f3364',
  '#00204d',
];

/** The colour of a heatmap cell for n of total partners, and the ink that reads on it. */
export function cellColour(n: number, total: number): { fill: string; ink: string } {
  return {
    fill: PALETTE[Math.min(PALETTE.length - 1, Math.ceil((n / total) * (PALETTE.length - 1)))] as string,
    ink: n / total > 0.5 ? '#ffffff' : '#1a1a1a',
  };
}
