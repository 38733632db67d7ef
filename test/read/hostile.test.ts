/**
 * Files as partners really send them: edited on two systems, pasted together from two sources,
 * with a stray quote, a legend above the header, Excel's errors and dates, hidden sheets, one
 * partner spelled four ways. Every row is read or rejected with its line; nothing is lost silently.
 */
import { describe, expect, it } from 'vitest';
import { rejectedReason } from '../../src/model/index.js';
import { readInputs, splitBullets } from '../../src/read/index.js';
import { fixture, stopMessage } from '../helpers.js';

describe('reading what is there', () => {
  it('reads a CRLF file whose edited lines end in LF or CR: one row per line', async () => {
    const result = await readInputs([fixture('read', 'mixed-line-endings', 'swot.csv')]);
    expect(result.statements).toHaveLength(40);
    expect(result.rejected).toEqual([]);
    expect(result.statements.map((s) => s.line)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(result.statements[20]?.text).toBe('Strong automotive supplier base (item 21)');
  });

  it('stops at a stray quote that swallows the rows after it, naming where it opens and the row it swallowed', async () => {
    const path = fixture('read', 'stray-quote', 'swot.csv');
    expect(await stopMessage(() => readInputs([path]))).toBe(
      `${path}:4: a quoted cell opened on this line runs on over line 5, which looks like a row of its own — add the missing closing quote (") or remove the opening one`,
    );
  });

  it('keeps a quoted cell over several lines when its lines do not look like rows', async () => {
    const result = await readInputs([fixture('read', 'multiline-tsv', 'swot.tsv')]);
    expect(result.statements).toHaveLength(2);
  });

  it('reads a long table whose title is followed by a legend row of quadrant words, not a SWOT grid', async () => {
    const result = await readInputs([fixture('read', 'legend-above-header', 'swot.csv')]);
    expect(result.files[0]).toMatchObject({ layout: 'long', rows: 12, statements: 12, rejected: 0 });
    expect(result.statements[0]).toMatchObject({
      id: '1',
      partner: 'Styria Business Agency',
      quadrant: 'S',
      text: 'Strong automotive supplier base',
      line: 5,
    });
    expect(result.warnings.map((w) => w.code)).toEqual(['rows-above-header']);
  });

  it('reads each line of a UTF-8 file in its own encoding, and names the lines that were Windows-1252', async () => {
    const path = fixture('read', 'mixed-encoding', 'swot.csv');
    const result = await readInputs([path]);
    expect(result.files[0]?.encoding).toBe('utf-8');
    expect(result.statements.map((s) => [s.partner, s.quadrant])).toEqual([
      ['Agence Régionale Côte d’Azur', 'S'],
      ['Agence Régionale Côte d’Azur', 'W'],
      ['Małopolska Agency', 'S'],
      ['Małopolska Agency', 'W'],
      ['Kärnten Wirtschaftsförderung', 'S'],
      ['Kärnten Wirtschaftsförderung', 'W'],
    ]);
    expect(result.statements[5]?.text).toBe('Fachkräftemangel in ländlichen Bezirken');
    expect(result.warnings).toMatchObject([
      {
        code: 'encoding-mixed',
        place: { file: path, line: 6 },
        message: 'the file is UTF-8 but lines 6, 7 are not: read as Windows-1252',
      },
    ]);
  });

  it('reads UTF-16 text without a byte-order mark, as some exports write it', async () => {
    const result = await readInputs([fixture('read', 'utf16-without-bom', 'partners.txt')]);
    expect(result.files[0]).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(result.statements.map((s) => [s.partner, s.quadrant, s.text])).toEqual([
      ['Małopolska Agency', 'S', 'Silny sektor IT w Krakowie'],
      ['Małopolska Agency', 'T', 'Odpływ specjalistów za granicę'],
    ]);
  });

  it('still reads a file that is Windows-1252 throughout as one, without a warning', async () => {
    const result = await readInputs([fixture('read', 'windows-1252', 'kaernten.csv')]);
    expect(result.files[0]?.encoding).toBe('windows-1252');
    expect(result.warnings.filter((w) => w.code === 'encoding-mixed')).toEqual([]);
  });
});

describe('Excel as Excel shows it', () => {
  const path = fixture('read', 'excel-values', 'noe-template.xlsx');

  it('rejects a formula error as a value, reads dates as ISO dates, and skips hidden and statement-less sheets', async () => {
    const result = await readInputs([path]);
    expect(result.statements.map((s) => [s.id, s.line, s.text])).toEqual([
      ['NOE-1', 2, 'Dense network of technopoles'],
      ['NOE-4', 5, 'Skilled staff move to Vienna'],
      ['2024-03-06', 6, 'Cluster managers with long experience'],
    ]);
    expect(result.rejected.map((r) => [r.place.line, r.code, rejectedReason(r)])).toEqual([
      [
        3,
        'row-excel-error',
        'the statement is the Excel error #N/A, not a value — correct the formula or type the value in the cell',
      ],
      [
        4,
        'row-excel-error',
        'the id is the Excel error #DIV/0!, not a value — correct the formula or type the value in the cell',
      ],
      [
        7,
        'row-quadrant-unknown',
        'quadrant "X" is not a SWOT quadrant — use S, W, O or T, or Strength, Weakness, Opportunity, Threat',
      ],
    ]);
    expect(result.rejected[0]?.raw).toBe('NOE-2 | Lower Austria Business Agency | AT | W | #N/A | 2024-03-04');
    expect(result.rejected[2]?.raw).toContain('2024-03-06');
    expect(result.warnings.map((w) => [w.code, w.place.file])).toEqual([
      ['sheet-hidden', `${path}#Lists`],
      ['sheet-hidden', `${path}#Old statements`],
      ['sheet-skipped', `${path}#Instructions`],
    ]);
    expect(result.statements.map((s) => s.text)).not.toContain('Statement of 2019 that must not be read');
  });

  it('gives a date with a time in ISO form whatever the time zone', async () => {
    // exceljs reads Excel's serial numbers as UTC: the text must not pass through local time.
    const before = process.env.TZ;
    const texts: string[] = [];
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
      process.env.TZ = zone;
      const result = await readInputs([path]);
      texts.push(result.rejected.map((r) => r.raw).join('\n') + result.statements.map((s) => s.id).join());
    }
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
    expect(texts[0]).toBe(texts[1]);
  });

  it('names partner and country after a single sheet named "Styria (AT)"', async () => {
    const result = await readInputs([fixture('read', 'excel-single-sheet-named', 'submission.xlsx')]);
    expect(result.statements.map((s) => [s.partner, s.country, s.quadrant])).toEqual([
      ['Styria', 'AT', 'S'],
      ['Styria', 'AT', 'W'],
    ]);
    expect(result.warnings[0]?.message).toBe(
      'no partner column: the statements are read as from "Styria", after the sheet name',
    );
  });
});

describe('partners', () => {
  it('counts spellings that differ in case, Unicode form or invisible characters as one partner, and says so', async () => {
    const path = fixture('read', 'partner-spellings', 'swot.csv');
    const result = await readInputs([path]);
    expect(new Set(result.statements.map((s) => s.partner))).toEqual(new Set(['Styria', 'Savinja']));
    expect(result.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'partner-merged',
        'partner "Styria" is also written "styria", "STYRIA", "Sty<U+200B>ria", "Ｓｔｙｒｉａ": counted as one partner',
      ],
      ['partner-countries', 'partner "Savinja" comes with 2 countries: SI (2 statements), HR (1 statement)'],
    ]);
  });

  it('keeps the ids a partner spelling gave before, and counts a statement sent twice under two spellings once', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { temporaryDir } = await import('../helpers.js');
    const file = join(temporaryDir(), 'twice.csv');
    writeFileSync(
      file,
      'partner,country,quadrant,statement\nStyria,AT,S,Strong cluster\nSTYRIA ,AT,S,Strong cluster\n',
    );
    const result = await readInputs([file]);
    expect(result.statements).toHaveLength(1);
    expect(result.rejected.map((r) => r.code)).toEqual(['row-duplicate']);
    // The id is the one the first spelling gave when it was read alone, as in an earlier run.
    const alone = join(temporaryDir(), 'alone.csv');
    writeFileSync(alone, 'partner,country,quadrant,statement\nStyria,AT,S,Strong cluster\n');
    expect(result.statements[0]?.id).toBe((await readInputs([alone])).statements[0]?.id);
  });
});

describe('grid bullets', () => {
  it('splits cells at every line break whatever the case, and strips the common bullet glyphs', async () => {
    const result = await readInputs([fixture('read', 'grid-bullets', 'swot.csv')]);
    const savinja = result.statements.filter((s) => s.partner === 'Savinja Development Agency');
    expect(savinja.map((s) => `${s.quadrant} ${s.text}`)).toEqual([
      'S strong wood-processing tradition',
      'S active chamber of commerce',
      'S skilled metalworkers',
      'W few ICT graduates stay in the region',
      'W weak links between firms and universities',
      'O EU funds for digital transition',
      'O new innovation voucher scheme',
      'T ageing population',
      'T energy prices',
    ]);
    expect(result.statements).toHaveLength(16);
  });

  it('joins a line without a marker to the bullet above only in a cell whose bullets are marked', () => {
    expect(splitBullets('▪ one that goes\non here\n▪ two')).toEqual(['one that goes on here', 'two']);
    expect(splitBullets('one\ntwo\nthree')).toEqual(['one', 'two', 'three']);
    expect(splitBullets('✔ ticked ‣ triangle')).toEqual(['ticked', 'triangle']);
    expect(splitBullets('e.g. clusters matter')).toEqual(['e.g. clusters matter']);
  });
});

describe('workbooks that cannot be read', () => {
  it('says a password-protected workbook is one, and how to open it', async () => {
    const path = fixture('read', 'password-protected', 'swot.xlsx');
    expect(await stopMessage(() => readInputs([path]))).toBe(
      `${path}: is a password-protected workbook (Excel stores those encrypted) — remove the password in Excel (File › Info › Protect Workbook) and save it again, or export the sheet as CSV`,
    );
  });
});

describe('empty columns after the table', () => {
  it('reads rows that stop after the last named column or run on with empty cells, and rejects those that lose or gain a cell', async () => {
    const path = fixture('read', 'trailing-empty-columns', 'savinja.csv');
    const result = await readInputs([path]);
    expect(result.statements.map((s) => s.id)).toEqual(['TC-1', 'TC-2', 'TC-3']);
    expect(result.rejected.map((r) => [r.place.line, r.code, rejectedReason(r)])).toEqual([
      [
        5,
        'row-cell-count',
        "the row has 8 cells, text past the header's 5 named columns — a delimiter inside a statement needs quotes",
      ],
      [6, 'row-cell-count', 'the row has 3 cells, the header has 5 — a delimiter inside a statement needs quotes'],
    ]);
  });
});
