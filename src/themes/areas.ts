/**
 * Broader areas: the themes grouped into a handful (about the square root of their number, at most
 * eight) by Ward's method over the themes' centres — the same criterion that grows the discovery's
 * tree, one level up. An area is named by the keywords most of its themes carry. A codebook that
 * gives its themes a `parent` sets the areas instead: those themes keep the analyst's area, and a
 * theme without one joins the area of the theme its centre is closest to.
 */
import { type Centroid, dotCentroids } from '../represent/index.js';
import { cutTree, wardMerges } from './ward.js';

/** At most this many areas: a handful, to read at a glance. */
const MAX_AREAS = 8;

export interface AreaTheme {
  centroid: Centroid;
  /** Statements the theme holds: a larger theme weighs more in its area's name. */
  size: number;
  label: string;
  keywords: readonly string[];
  /** The area a codebook gives the theme. */
  parent?: string | undefined;
}

/** The area of each theme (its name), in the themes' order. */
export function broaderAreas(themes: readonly AreaTheme[]): string[] {
  if (themes.length === 0) return [];
  const similarity = themes.map((a) => themes.map((b) => dotCentroids(a.centroid, b.centroid)));
  if (themes.some((t) => t.parent)) {
    // The analyst's areas; a theme without one goes where its closest theme with one is.
    return themes.map((t, i) => {
      if (t.parent) return t.parent;
      let best = -1;
      themes.forEach((other, j) => {
        if (other.parent && (best < 0 || (similarity[i]?.[j] as number) > (similarity[i]?.[best] as number))) best = j;
      });
      return themes[best]?.parent ?? t.label;
    });
  }
  const target = Math.max(1, Math.min(MAX_AREAS, Math.round(Math.sqrt(themes.length))));
  // Ward's method over the unit centres (squared distance 2 − 2·cos), cut into `target` areas.
  const cut = cutTree(
    themes.length,
    wardMerges(themes.length, (i, j) => 2 - 2 * (similarity[i]?.[j] as number)),
    target,
  );
  const members: number[][] = Array.from({ length: target }, () => []);
  cut.forEach((area, t) => members[area]?.push(t));
  const area = new Array<string>(themes.length).fill('');
  const used = new Set<string>();
  for (const list of members) {
    if (list.length === 0) continue;
    let name = areaName(list.map((t) => themes[t] as AreaTheme));
    for (let n = 2; used.has(name); n++) name = `${areaName(list.map((t) => themes[t] as AreaTheme))} (${n})`;
    used.add(name);
    for (const t of list) area[t] = name;
  }
  return area;
}

/**
 * An area's name: a theme's own label when it stands alone; the two keywords carried by most of its
 * themes when each is carried by at least half of them ("Funding and cluster organisations");
 * otherwise the labels of its two largest themes ("IT specialists, Young people and 3 more").
 */
function areaName(themes: readonly AreaTheme[]): string {
  if (themes.length === 1) return (themes[0] as AreaTheme).label;
  const tally = new Map<string, { themes: number; size: number; word: string }>();
  for (const t of themes)
    for (const word of new Set(t.keywords.slice(0, 6))) {
      const key = word.toLowerCase();
      const entry = tally.get(key) ?? { themes: 0, size: 0, word };
      entry.themes++;
      entry.size += t.size;
      tally.set(key, entry);
    }
  const top = [...tally.entries()]
    .sort((a, b) => b[1].themes - a[1].themes || b[1].size - a[1].size || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, 2)
    .filter(([, e]) => e.themes * 2 >= themes.length)
    .map(([, e]) => e.word);
  if (top.length === 2) {
    const [first, second] = top as [string, string];
    return `${first.charAt(0).toUpperCase()}${first.slice(1)} and ${second}`;
  }
  const largest = [...themes].sort((a, b) => b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const rest = themes.length - 2;
  return `${largest[0]?.label}, ${largest[1]?.label}${rest > 0 ? ` and ${rest} more` : ''}`;
}
