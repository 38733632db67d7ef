/**
 * SWOT documents in Markdown: a top-level heading names the partner (with its country in
 * parentheses), headings that are quadrant words open a quadrant, other headings name a
 * dimension, and each bullet or line of text under a quadrant is a statement.
 *
 *     # Upper Mur Valley Innovation Agency (AT)
 *     ## Strengths
 *     - Long-standing cluster policy
 */
import type { Table } from './table.js';
import type { RawItem } from './table.js';
import { parseCountry, parseQuadrant } from './values.js';

export interface MarkdownDocument {
  items: RawItem[];
  /** Lines of text that hold nothing to read (blank lines, headings, rules). */
  lines: number;
}

const BULLET = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;

export function readMarkdown(text: string, table: Pick<Table, 'name'>): MarkdownDocument {
  const lines = text.split(/\r?\n/);
  const items: RawItem[] = [];
  let partner = table.name;
  let country = '';
  let quadrant = '';
  let dimension = '';
  let dimensionLevel = 7;
  let current: RawItem | undefined;
  lines.forEach((line, i) => {
    const number = i + 1;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = undefined;
      const level = (heading[1] ?? '#').length;
      const title = (heading[2] ?? '').trim();
      // A heading at the dimension's level or above closes the dimension.
      if (level <= dimensionLevel) {
        dimension = '';
        dimensionLevel = 7;
      }
      if (parseQuadrant(title).quadrant) {
        quadrant = title;
      } else if (level === 1) {
        const withCountry = /^(.*?)\s*[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(title);
        const code = withCountry ? parseCountry(withCountry[2] ?? '') : undefined;
        partner = code && withCountry ? (withCountry[1] ?? title).trim() : title;
        country = code ?? '';
        quadrant = '';
        dimension = '';
      } else {
        dimension = title.replace(/^dimension\s*\d*\s*[:.-]?\s*/i, '').trim() || title;
        dimensionLevel = level;
      }
      return;
    }
    const meta = /^\s*country\s*:\s*(.+)$/i.exec(line);
    if (meta && !quadrant) {
      country = parseCountry(meta[1] ?? '') ?? (meta[1] ?? '').trim();
      return;
    }
    if (line.trim() === '' || /^\s*([-*_])\s*\1\s*\1[\s\-*_]*$/.test(line)) {
      current = undefined;
      return;
    }
    const isBullet = BULLET.test(line);
    const textOf = line.replace(BULLET, '').trim();
    // An indented line without a marker continues the bullet above it.
    if (!isBullet && current && /^\s{2,}\S/.test(line)) {
      current.fields.statement = `${current.fields.statement ?? ''} ${textOf}`;
      current.raw = `${current.raw} ${textOf}`;
      return;
    }
    const item: RawItem = {
      line: number,
      cell: '',
      raw: line.trim(),
      fields: { statement: textOf, partner, ...(country ? { country } : {}), quadrant, dimension },
    };
    if (!quadrant)
      item.problem = {
        code: 'row-outside-quadrant',
        message: 'the line is not under a quadrant heading (## Strengths, ## Weaknesses, …)',
      };
    items.push(item);
    current = item;
  });
  return { items, lines: lines.length };
}
