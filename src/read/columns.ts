/** Which header cell holds which field: exact names and aliases first, then near misses ("Statment"). */
import { foldText } from '../model/index.js';
import { distances } from './values.js';
import { z } from 'zod';
import { readDataYaml } from '../config/yaml-file.js';

export type Field = 'statement' | 'partner' | 'country' | 'quadrant' | 'dimension' | 'id';
export const REQUIRED_FIELDS: readonly Field[] = ['statement', 'partner', 'country', 'quadrant'];

/** The column names of each field, from `data/columns.yaml`. */
const ColumnWords = z.strictObject({
  statement: z.array(z.string().min(1)).min(1),
  partner: z.array(z.string().min(1)).min(1),
  country: z.array(z.string().min(1)).min(1),
  quadrant: z.array(z.string().min(1)).min(1),
  dimension: z.array(z.string().min(1)).min(1),
  id: z.array(z.string().min(1)).min(1),
});

interface Aliases {
  byField: Record<Field, readonly string[]>;
  /** Folded name → field. */
  exact: Map<string, Field>;
}

let aliases: Aliases | undefined;
/** The names, folded as headers are (so "Beschreibung" and "treść" may be written as they are). */
function aliasTable(): Aliases {
  if (!aliases) {
    const words = readDataYaml('columns.yaml', ColumnWords);
    const byField = Object.fromEntries(
      Object.entries(words).map(([field, names]) => [field, names.map((name) => foldText(name))]),
    ) as unknown as Record<Field, readonly string[]>;
    const exact = new Map<string, Field>();
    for (const [field, names] of Object.entries(byField) as [Field, readonly string[]][]) {
      for (const name of names) exact.set(name, field);
    }
    aliases = { byField, exact };
  }
  return aliases;
}

export interface ColumnMatch {
  field: Field;
  index: number;
  header: string;
  /** The alias it was taken for when the header was a near miss. */
  fuzzyOf?: string;
}

export interface ColumnMap {
  matches: ColumnMatch[];
  byField: Partial<Record<Field, number>>;
  ignored: string[];
}

/** "Country (ISO code)", "SWOT_category:" → "country", "swot category": notes in brackets and punctuation go. */
function headerKey(header: string): string {
  return foldText(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/[_\-.:;/*#]+/g, ' '));
}

/** Words that make a header a number or a reference, not the statement itself ("Statement no."). */
const REFERENCE_WORDS = new Set(['id', 'no', 'nr', 'number', 'ref', 'code', 'count', 'date']);

/**
 * A field named by one word of a longer header ("Name of partner", "Partner organisation",
 * "Statement (as written)"), when no other column named it outright.
 */
function containedAlias(key: string): { field: Field; alias: string } | undefined {
  const words = key.split(' ').filter(Boolean);
  if (words.length < 2) return undefined;
  for (const field of ['statement', 'partner', 'country', 'quadrant', 'dimension'] as Field[]) {
    for (const alias of aliasTable().byField[field]) {
      if (alias.includes(' ') || alias.length < 4) continue;
      if (
        words.includes(alias) &&
        !((field === 'statement' || field === 'partner') && words.some((w) => REFERENCE_WORDS.has(w)))
      )
        return { field, alias };
    }
  }
  return undefined;
}

function nearMiss(key: string): { field: Field; alias: string } | undefined {
  let best: { field: Field; alias: string; distance: number } | undefined;
  for (const [alias, field] of aliasTable().exact) {
    if (alias.length < 5) continue;
    const distance = distances().DamerauLevenshteinDistance(key, alias);
    if (distance > 2 || distance > alias.length / 4) continue;
    if (!best || distance < best.distance) best = { field, alias, distance };
  }
  return best && { field: best.field, alias: best.alias };
}

/** Maps header cells to fields. The first column claiming a field wins; others are ignored. */
export function matchColumns(headers: readonly string[]): ColumnMap {
  const matches: ColumnMatch[] = [];
  const byField: Partial<Record<Field, number>> = {};
  const ignored: string[] = [];
  const pending: number[] = [];
  headers.forEach((header, index) => {
    const field = aliasTable().exact.get(headerKey(header));
    if (field !== undefined && byField[field] === undefined) {
      byField[field] = index;
      matches.push({ field, index, header });
    } else {
      pending.push(index);
    }
  });
  for (const index of pending) {
    const header = headers[index] ?? '';
    const near = nearMiss(headerKey(header)) ?? containedAlias(headerKey(header));
    if (near && byField[near.field] === undefined) {
      byField[near.field] = index;
      matches.push({ field: near.field, index, header, fuzzyOf: near.alias });
    } else if (header.trim() !== '') {
      ignored.push(header);
    }
  }
  matches.sort((a, b) => a.index - b.index);
  return { matches, byField, ignored };
}

export function aliasesOf(field: Field): readonly string[] {
  return aliasTable().byField[field];
}
