/**
 * Validate one statement-to-be: every field checked, every problem either a rejection (with its
 * line and reason) or a warning on a statement that is kept.
 */
import { hash } from 'node:crypto';
import { foldText, singleSpaced } from '../model/index.js';
import type { Problem } from '../model/index.js';
import type { RejectedRow, Statement } from '../model/index.js';
import type { RawItem } from './table.js';
import { parseCountry, parseQuadrant } from './values.js';

export interface ItemContext {
  source: string;
  partnerCountries?: Readonly<Record<string, string>>;
  dimensions?: readonly string[];
  warnings: Problem[];
  /** Statements and ids already read in this run: the place of the first of each. */
  seenContent: Map<string, string>;
  seenIds: Map<string, string>;
}

/** A statement longer than this is probably a paragraph of several points. */
const LONG_STATEMENT = 500;

/** What Excel shows in a cell whose formula failed; exported to CSV they are text like any other. */
const EXCEL_ERROR =
  /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** Invisible characters that make two spellings of a name differ: zero-width spaces and joiners, soft hyphens, BOMs, direction marks. */
const INVISIBLE = /[\p{Cf}\u180e]/gu;

/** A name as it should be shown: compatibility forms unified (NFKC), invisible characters removed, spaces collapsed. */
export function cleanName(name: string): string {
  let clean = cleanNames.get(name);
  if (clean === undefined) {
    clean = singleSpaced(name.normalize('NFKC').replace(INVISIBLE, '')).trim();
    // Partners are few and repeat on every row: each spelling is cleaned once (a bounded table).
    if (cleanNames.size >= 10_000) cleanNames.clear();
    cleanNames.set(name, clean);
  }
  return clean;
}

const cleanNames = new Map<string, string>();

/** The key under which spellings of one partner meet: "Styria", "STYRIA", "Sty\u200Bria" → "styria". */
export function partnerKey(name: string): string {
  return cleanName(name).toLowerCase();
}

function reject(item: RawItem, source: string, code: Problem['code'], message: string, hint?: string): RejectedRow {
  return {
    code,
    severity: 'error',
    place: { file: source, line: item.line, ...(item.cell ? { column: item.cell } : {}) },
    message,
    ...(hint ? { hint } : {}),
    raw: item.raw,
  };
}

/** What partners write for the Union as a whole ("EU", "EU27", "EU-28", "European Union"): no one country. */
const EUROPE_WIDE = /^(?:eu[- ]?\d{0,2}|european union)$/i;

export function validateItem(item: RawItem, context: ItemContext): Statement | RejectedRow {
  const { source, warnings } = context;
  const place = { file: source, line: item.line, ...(item.cell ? { column: item.cell } : {}) };
  if (item.problem) return reject(item, source, item.problem.code, item.problem.message, item.problem.hint);
  const field = (name: keyof RawItem['fields']): string => (item.fields[name] ?? '').trim();
  for (const name of ['statement', 'partner', 'country', 'quadrant', 'id', 'dimension'] as const) {
    const value = field(name);
    if (value.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(value))
      return reject(
        item,
        source,
        'row-excel-error',
        `the ${name} is the Excel error ${value.toUpperCase()}, not a value`,
        'correct the formula or type the value in the cell',
      );
  }
  const text = singleSpaced(field('statement'));
  if (text === '') return reject(item, source, 'row-statement-empty', 'the statement is empty');
  const partner = singleSpaced(field('partner'));
  if (cleanName(partner) === '') return reject(item, source, 'row-partner-empty', 'the partner is empty');

  const countryCell = field('country');
  let country: string | undefined;
  if (countryCell !== '') {
    country = parseCountry(countryCell);
    if (!country)
      return reject(
        item,
        source,
        'row-country-unknown',
        `country "${countryCell}" is not an ISO 3166 code or a country name`,
        EUROPE_WIDE.test(countryCell.trim())
          ? 'a partner for the whole EU has no country of its own: give the country it sits in (BE for a body in Brussels)'
          : 'use a two-letter code such as AT or PL',
      );
  } else {
    const mapped =
      context.partnerCountries?.[partner] ??
      context.partnerCountries?.[cleanName(partner)] ??
      mappedByKey(context.partnerCountries, partner);
    country = mapped === undefined ? undefined : parseCountry(mapped);
    if (!country)
      return reject(
        item,
        source,
        'row-country-missing',
        `no country for partner "${partner}"`,
        'fill the country column or map the partner under `partners:` in the pipeline file',
      );
  }

  const quadrantCell = field('quadrant');
  if (quadrantCell === '')
    return reject(item, source, 'row-quadrant-missing', 'the quadrant is empty', 'use S, W, O or T');
  const quadrant = parseQuadrant(quadrantCell);
  if (quadrant.quadrant === undefined) {
    const hint = quadrant.suggestion
      ? `did you mean "${quadrant.suggestion}"?`
      : 'use S, W, O or T, or Strength, Weakness, Opportunity, Threat';
    return reject(item, source, 'row-quadrant-unknown', `quadrant "${quadrantCell}" is not a SWOT quadrant`, hint);
  }
  if (quadrant.fuzzyOf !== undefined) {
    warnings.push({
      code: 'quadrant-fuzzy',
      severity: 'warning',
      place,
      message: `quadrant "${quadrantCell}" read as "${quadrant.fuzzyOf}" (${quadrant.quadrant})`,
      hint: 'correct the spelling to silence this',
    });
  }

  const dimension = readDimension(field('dimension'), context.dimensions, place, warnings);

  // The id derives from the partner as written, so that ids stay what earlier runs made them;
  // a duplicate is the same statement from the same partner however its name is spelled.
  const contentKey = `${partner}\u0000${quadrant.quadrant}\u0000${foldText(text)}`;
  const duplicateKey = `${partnerKey(partner)}\u0000${quadrant.quadrant}\u0000${foldText(text)}`;
  const firstSeen = context.seenContent.get(duplicateKey);
  if (firstSeen !== undefined) {
    return reject(
      item,
      source,
      'row-duplicate',
      `the same statement from the same partner and quadrant is at ${firstSeen}`,
      'counted once',
    );
  }
  const givenId = field('id');
  const id = givenId !== '' ? givenId : `s${hash('sha1', contentKey).slice(0, 10)}`;
  const idSeen = context.seenIds.get(id);
  if (idSeen !== undefined)
    return reject(item, source, 'row-id-duplicate', `id "${id}" is already used at ${idSeen}`, 'ids must be unique');
  const here = `${source}:${item.line}${item.cell ? ` (${item.cell})` : ''}`;
  context.seenContent.set(duplicateKey, here);
  context.seenIds.set(id, here);

  if (text.length > LONG_STATEMENT) {
    warnings.push({
      code: 'statement-long',
      severity: 'warning',
      place,
      message: `the statement has ${text.length} characters`,
      hint: 'a paragraph of several points compares badly: one statement per point',
    });
  }
  return {
    id,
    source,
    line: item.line,
    ...(item.cell ? { cell: item.cell } : {}),
    partner,
    country,
    quadrant: quadrant.quadrant,
    dimension,
    text,
  };
}

function mappedByKey(partners: Readonly<Record<string, string>> | undefined, partner: string): string | undefined {
  if (!partners) return undefined;
  const key = partnerKey(partner);
  for (const [name, country] of Object.entries(partners)) if (partnerKey(name) === key) return country;
  return undefined;
}

function readDimension(
  value: string,
  dimensions: readonly string[] | undefined,
  place: Problem['place'],
  warnings: Problem[],
): string {
  if (value === '' || !dimensions || dimensions.length === 0) return value;
  const number = /^(?:d(?:im(?:ension)?)?\s*)?(\d+)\b\.?/i.exec(value);
  if (number) {
    const named = dimensions[Number(number[1]) - 1];
    if (named !== undefined) return named;
  }
  const key = foldText(value);
  const named =
    dimensions.find((d) => foldText(d) === key) ??
    dimensions.find((d) => foldText(d).startsWith(key) || key.startsWith(foldText(d)));
  if (named !== undefined) return named;
  warnings.push({
    code: 'dimension-unknown',
    severity: 'warning',
    place,
    message: `dimension "${value}" is not in the pipeline's list`,
    hint: `use a number from 1 to ${dimensions.length} or one of the names under \`dimensions:\``,
  });
  return value;
}
