/**
 * Generated CSV files with every awkwardness at once — each line ending its own way, quoted cells
 * over several lines, delimiters and quotes inside cells, blank lines, four encodings (and UTF-8
 * with some lines pasted in from Windows-1252), rows that must be rejected — and the promise
 * checked on each: rows in = statements + rejected rows, each at its line with its text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/read/index.js';
import { temporaryDir } from '../helpers.js';

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252' | 'mixed';

interface Generated {
  bytes: Buffer;
  rows: number;
  /** Line and text of each row that should be read as a statement. */
  good: [number, string][];
  /** Lines of the rows that should be rejected. */
  bad: number[];
  /** Lines written in Windows-1252 inside a UTF-8 file. */
  pasted: number[];
}

function random(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

const WORDS = [
  'cluster',
  'skills',
  'broadband',
  'région',
  'Förderung',
  'coopération',
  '“digital”',
  'R&D',
  '5 M€',
  'SMEs',
  'innovation',
  'ageing',
];
const PARTNERS: [string, string][] = [
  ['Styria Business Agency', 'AT'],
  ['Agence Régionale Sud', 'FR'],
  ['Kärnten Förderung', 'AT'],
  ['Veneto Innovazione', 'IT'],
];

function generate(seed: number): Generated {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
  const delimiter = pick([',', ';', '\t']);
  const encoding = pick<Encoding>(['utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252', 'mixed']);
  // A CR followed by an LF is one CRLF: after a lone CR, the next line break is never a lone LF.
  let last = '';
  const eol = (): string => {
    const chosen = pick(['\r\n', '\n', '\n', '\r']);
    last = last === '\r' && chosen === '\n' ? '\r\n' : chosen;
    return last;
  };
  const header = ['id', 'partner', 'country', 'quadrant', 'statement'];
  let text = header.join(delimiter) + eol();
  let line = 2;
  const good: [number, string][] = [];
  const bad: number[] = [];
  const lineTexts: string[] = [];
  const rows = 5 + next(30);
  for (let r = 0; r < rows; r++) {
    for (let b = next(4) === 0 ? 1 + next(2) : 0; b > 0; b--) {
      text += eol();
      line++;
    }
    const [partner, country] = pick(PARTNERS);
    const words = Array.from({ length: 2 + next(5) }, () => pick(WORDS));
    let statement = `Row ${r} ${words.join(' ')}`;
    let cell: string;
    let breaks = 0;
    const style = next(5);
    if (style === 0) {
      statement = `${statement}${delimiter === '\t' ? ',' : delimiter} with a delimiter`;
      cell = `"${statement}"`;
    } else if (style === 1) {
      cell = `"${statement} and a ""quoted"" word"`;
      statement = `${statement} and a "quoted" word`;
    } else if (style === 2) {
      breaks = 1 + next(2);
      const parts = [statement, ...Array.from({ length: breaks }, (_, i) => `part ${i} ${pick(WORDS)}`)];
      cell = `"${parts.map((part, i) => (i === 0 ? part : `${eol()}${part}`)).join('')}"`;
      last = '';
      statement = parts.join(' ');
    } else {
      cell = statement;
    }
    const fault = next(8);
    const quadrant = fault === 0 ? '' : pick(['S', 'Weaknesses', 'Chancen', 'Menaces', 'T']);
    const countryCell = fault === 1 ? 'XX' : country;
    if (fault === 2) {
      cell = '';
      breaks = 0;
    }
    const partnerCell = partner;
    const record = [`F-${seed}-${r}`, partnerCell, countryCell, quadrant, cell].join(delimiter);
    if (fault <= 2) bad.push(line);
    else good.push([line, statement]);
    lineTexts.push(record);
    last = '';
    text += record + eol();
    line += 1 + breaks;
  }
  const pasted: number[] = [];
  let bytes: Buffer;
  if (encoding === 'utf-16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
  else if (encoding === 'windows-1252') bytes = iconv.encode(text, 'win1252');
  else if (encoding === 'mixed') {
    // Split at LF only, as a byte-wise reader does: a CR stays with its line.
    const pieces = text.split('\n');
    bytes = Buffer.concat(
      pieces.map((piece, i) => {
        const tail = i < pieces.length - 1 ? '\n' : '';
        const useWindows = i > 0 && next(4) === 0 && /[^\x00-\x7f]/.test(piece) && !piece.includes('\r');
        if (useWindows) pasted.push(i + 1);
        return iconv.encode(piece + tail, useWindows ? 'win1252' : 'utf8');
      }),
    );
    // A file whose only non-ASCII lines were pasted in is Windows-1252 as a whole, not mixed.
    if (!pieces.some((piece, i) => !pasted.includes(i + 1) && /[^\x00-\x7f]/.test(piece))) pasted.length = 0;
  } else
    bytes = Buffer.concat([
      encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
      Buffer.from(text, 'utf8'),
    ]);
  return { bytes, rows, good, bad, pasted };
}

describe('generated CSV files', () => {
  it('account for every row, each at its line, whatever the line endings, quotes, delimiters and encodings', async () => {
    const dir = temporaryDir();
    for (let seed = 1; seed <= 60; seed++) {
      const generated = generate(seed);
      const path = join(dir, `fuzz-${seed}.csv`);
      writeFileSync(path, generated.bytes);
      const result = await readInputs([path]);
      const where = `seed ${seed}`;
      expect(result.files[0]?.rows, where).toBe(generated.rows);
      expect(result.statements.length + result.rejected.length, where).toBe(generated.rows);
      expect(
        result.statements.map((s) => [s.line, s.text]),
        where,
      ).toEqual(generated.good.map(([line, text]) => [line, text.replace(/\s+/g, ' ')]));
      expect(
        result.rejected.map((r) => r.place.line),
        where,
      ).toEqual(generated.bad);
      const mixed = result.warnings.find((w) => w.code === 'encoding-mixed');
      if (generated.pasted.length > 0) expect(mixed?.place.line, where).toBe(generated.pasted[0]);
    }
  });
});
