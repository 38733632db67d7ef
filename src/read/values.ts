/** Cell values with a closed set of meanings: quadrants and countries. */
import { lazy } from '../lazy.js';
import { z } from 'zod';
import { readDataYaml } from '../config/yaml-file.js';
import { foldText } from '../model/index.js';
import { QUADRANTS, type Quadrant } from '../model/index.js';

/** natural's string distances (through its subpath: the package root prints to stdout), for near misses. */
export const distances = lazy<typeof import('natural/lib/natural/distance/index.js')>(
  'natural/lib/natural/distance/index.js',
);

const QuadrantWords = z.strictObject({
  S: z.array(z.string().min(1)),
  W: z.array(z.string().min(1)),
  O: z.array(z.string().min(1)),
  T: z.array(z.string().min(1)),
});

let quadrantIndex: Map<string, Quadrant> | undefined;
function quadrantWords(): Map<string, Quadrant> {
  if (!quadrantIndex) {
    const words = readDataYaml('quadrants.yaml', QuadrantWords);
    quadrantIndex = new Map();
    for (const quadrant of QUADRANTS) {
      for (const word of words[quadrant]) quadrantIndex.set(foldText(word), quadrant);
    }
  }
  return quadrantIndex;
}

export type QuadrantMatch =
  | { quadrant: Quadrant; fuzzyOf?: undefined }
  | { quadrant: Quadrant; fuzzyOf: string }
  | { quadrant: undefined; suggestion?: string };

/** "Stärken", "threats", "O", "Punti di forza:" → the quadrant; "Strenghts" → S, flagged as a near miss. */
export function parseQuadrant(value: string): QuadrantMatch {
  const key = foldText(value).replace(/^[\s\-–•*(]+|[\s:.)]+$/g, '');
  const words = quadrantWords();
  const quadrant = words.get(key);
  if (quadrant) return { quadrant };
  // "Strength (S)", "S – Strengths", "Weakness / Schwäche": every part that names a quadrant must name the same.
  const parts = key
    .split(/\s*[()/|–—-]\s*|\s+-\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const named = new Set(parts.map((p) => words.get(p)).filter((q): q is Quadrant => q !== undefined));
  if (parts.length > 1 && named.size === 1) return { quadrant: [...named][0] as Quadrant };
  let best: { word: string; quadrant: Quadrant; distance: number } | undefined;
  for (const [word, q] of words) {
    if (word.length < 5) continue;
    const distance = distances().DamerauLevenshteinDistance(key, word);
    if (!best || distance < best.distance) best = { word, quadrant: q, distance };
  }
  if (best && best.distance <= 2 && key.length >= 5) return { quadrant: best.quadrant, fuzzyOf: best.word };
  return { quadrant: undefined, ...(best && best.distance <= 4 ? { suggestion: best.word } : {}) };
}

/** Codes used in EU documents that differ from ISO 3166 alpha-2. */
const EU_CODES: Record<string, string> = { EL: 'GR', UK: 'GB' };
const NAME_LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'pl'];

let countryIndex: { codes: Set<string>; names: Map<string, string> } | undefined;
function countries(): { codes: Set<string>; names: Map<string, string> } {
  if (!countryIndex) {
    const codes = new Set<string>();
    const names = new Map<string, string>();
    const displays = NAME_LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const english = displays[0]?.of(code);
        if (!english || code === 'EU' || code === 'UN' || code === 'EZ' || code === 'ZZ' || code.startsWith('X'))
          continue;
        codes.add(code);
        for (const display of displays) {
          const name = display.of(code);
          if (name) names.set(foldText(name), code);
        }
      }
    }
    countryIndex = { codes, names };
  }
  return countryIndex;
}

/** "at", "AT", "Austria", "Österreich", "EL" → the ISO 3166 alpha-2 code, or undefined. */
export function parseCountry(value: string): string | undefined {
  const trimmed = value.trim();
  const upper = trimmed.toUpperCase();
  const { codes, names } = countries();
  if (EU_CODES[upper]) return EU_CODES[upper];
  if (upper.length === 2 && codes.has(upper)) return upper;
  return names.get(foldText(trimmed));
}
