import { describe, expect, it } from 'vitest';
import { type RejectedRow, rejectedReason } from '../../src/model/index.js';
import { readInputs } from '../../src/read/index.js';

const reasonOf = (row: RejectedRow | undefined): string | undefined => row && rejectedReason(row);
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, stopMessage, temporaryDir } from '../helpers.js';

describe('readInputs', () => {
  it('reads a German Excel export: BOM, semicolons, CRLF, German headers and quadrant words', async () => {
    const path = fixture('read', 'semicolon-excel-export', 'steiermark.csv');
    const result = await readInputs([path]);
    expect(result.rejected).toEqual([]);
    expect(result.files[0]).toMatchObject({
      encoding: 'utf-8-bom',
      delimiter: ';',
      rows: 4,
      statements: 4,
      rejected: 0,
    });
    expect(result.statements.map((s) => [s.id, s.line, s.quadrant, s.country, s.dimension])).toEqual([
      ['AT-1', 2, 'S', 'AT', '1'],
      ['AT-2', 3, 'W', 'AT', '2'],
      ['AT-3', 4, 'O', 'AT', '4'],
      ['AT-4', 5, 'T', 'AT', '2'],
    ]);
    expect(result.statements[0]?.text).toBe('Long-standing cluster policy; clusters are a core instrument');
    expect(result.statements[0]?.partner).toBe('Steirische Wirtschaftsförderung');
  });

  it('decodes Windows-1252 without mojibake', async () => {
    const result = await readInputs([fixture('read', 'windows-1252', 'kaernten.csv')]);
    expect(result.files[0]?.encoding).toBe('windows-1252');
    expect(result.statements.map((s) => s.partner)).toEqual(['Kärnten Wirtschaftsförderung', "Agence Côte d'Azur"]);
    expect(result.statements[0]?.text).toContain('“Silicon Alps”');
    expect(result.statements[1]?.text).toContain('5 M€');
  });

  it('decodes UTF-16 with a BOM, tab-separated (Excel "Unicode text")', async () => {
    const result = await readInputs([fixture('read', 'utf16-excel-unicode-text', 'partners.txt')]);
    expect(result.files[0]).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', format: 'tsv' });
    expect(result.statements.map((s) => [s.partner, s.quadrant, s.text])).toEqual([
      ['Małopolska Agency', 'S', 'Strong IT sector in Kraków'],
      ['Małopolska Agency', 'T', 'Outflow of specialists to Western Europe'],
    ]);
  });

  it('keeps the good rows of a partly bad file and rejects each bad one with its line and reason', async () => {
    const path = fixture('read', 'partly-bad', 'swot.csv');
    const result = await readInputs([path]);
    expect(result.statements.map((s) => s.id)).toEqual(['PB-1', 'PB-7', 'PB-11']);
    expect(result.statements[2]).toMatchObject({ country: 'PL', quadrant: 'O' });
    expect(result.rejected.map((r) => [r.place.line, r.code])).toEqual([
      [3, 'row-statement-empty'],
      [4, 'row-country-unknown'],
      [5, 'row-quadrant-unknown'],
      [6, 'row-cell-count'],
      [7, 'row-partner-empty'],
      [9, 'row-duplicate'],
      [10, 'row-id-duplicate'],
      [11, 'row-quadrant-missing'],
      [12, 'row-statement-empty'],
    ]);
    expect(reasonOf(result.rejected[1])).toBe(
      'country "XX" is not an ISO 3166 code or a country name — use a two-letter code such as AT or PL',
    );
    expect(result.rejected[4]?.raw).toBe('PB-6,,DE,O,4,EDIH as a new partner');
    expect(reasonOf(result.rejected[5])).toBe(
      `the same statement from the same partner and quadrant is at ${path}:8 — counted once`,
    );
    expect(reasonOf(result.rejected[6])).toBe(`id "PB-1" is already used at ${path}:2 — ids must be unique`);
    // Nothing lost: every data row is a statement or a rejected row.
    expect(result.files[0]?.rows).toBe(result.statements.length + result.rejected.length);
  });

  it('tells a partner for the whole EU which country to give, and keeps the EU’s own codes for Greece and the UK', async () => {
    const path = join(temporaryDir(), 'eu.csv');
    writeFileSync(
      path,
      'partner,country,quadrant,statement\n' +
        'EU tourism industry,EU,S,Appealing city destinations for visitors\n' +
        'Cluster alliance,European Union,W,Few cross-border cluster partnerships\n' +
        'Attica,EL,W,Fragmented support for start-ups\n' +
        'Tees Valley,UK,T,Closure of steel plants\n',
    );
    const result = await readInputs([path]);
    expect(result.statements.map((s) => s.country)).toEqual(['GR', 'GB']);
    expect(result.rejected.map((r) => [r.place.line, reasonOf(r)])).toEqual(
      [2, 3].map((line) => [
        line,
        expect.stringContaining('a partner for the whole EU has no country of its own: give the country it sits in'),
      ]),
    );
  });

  it('counts lines as an editor shows them: a quoted cell over two lines, and a blank line', async () => {
    const result = await readInputs([fixture('read', 'multiline-tsv', 'swot.tsv')]);
    expect(result.statements.map((s) => [s.line, s.quadrant, s.text])).toEqual([
      [2, 'S', 'Industrial districts with deep know-how in furniture and eyewear'],
      [5, 'T', 'Competition from low-cost producers in Asia'],
    ]);
  });

  it('names the line a row starts on and keeps its text, with CRLF and blank lines around and inside quotes', async () => {
    const path = join(temporaryDir(), 'crlf.csv');
    writeFileSync(
      path,
      'id,partner,country,quadrant,statement\r\n\r\n1,Region A,AT,S,"Strong\r\nmachinery cluster, export-led"\r\n\r\n\r\n2,Region A,XX,W,"Weak\r\n\r\nbroadband"\r\n',
    );
    const result = await readInputs([path]);
    expect(result.statements.map((s) => [s.line, s.text])).toEqual([[3, 'Strong machinery cluster, export-led']]);
    expect(result.rejected.map((r) => [r.place.line, r.raw])).toEqual([[7, '2,Region A,XX,W,"Weak  broadband"']]);
  });

  it('reads headers with typos and other names, and says so', async () => {
    const path = fixture('read', 'header-typos', 'swot.csv');
    const result = await readInputs([path]);
    expect(result.statements.map((s) => [s.partner, s.country, s.quadrant])).toEqual([
      ['Region A', 'ES', 'S'],
      ['Region A', 'ES', 'T'],
    ]);
    expect(result.files[0]?.ignoredColumns).toEqual(['Comments']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'column "Quadrnat" read as "quadrant"',
      'column "Statment" read as "statement"',
    ]);
  });

  it('takes countries from the pipeline when the file has no country column', async () => {
    const path = fixture('read', 'no-country-column', 'swot.csv');
    const result = await readInputs([path], { partnerCountries: { 'Upper Franconia': 'DE', Savinja: 'si' } });
    expect(result.statements.map((s) => [s.partner, s.country])).toEqual([
      ['Upper Franconia', 'DE'],
      ['Savinja', 'SI'],
    ]);
    expect(result.rejected).toMatchObject([{ place: { line: 4 }, code: 'row-country-missing' }]);
  });

  it('maps dimension numbers and names to the pipeline dimensions and warns about unknown ones', async () => {
    const dimensions = ['Relevant policies', 'Support for companies'];
    const result = await readInputs([fixture('read', 'partly-bad', 'swot.csv')], { dimensions });
    expect(result.statements.map((s) => s.dimension)).toEqual(['Relevant policies', 'Support for companies', '4']);
    expect(result.warnings).toMatchObject([{ code: 'dimension-unknown', place: { line: 13 } }]);
  });

  it('reads a header-only file as no rows, with a warning', async () => {
    const result = await readInputs([fixture('read', 'header-only', 'swot.csv')]);
    expect(result.statements).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['file-no-rows']);
  });

  describe('stops on a broken file with one line naming the file, the line and the fix', () => {
    it('a missing required column', async () => {
      const path = fixture('read', 'missing-column', 'swot.csv');
      expect(await stopMessage(() => readInputs([path]))).toBe(
        `${path}:1: no "quadrant" column (found "partner", "country", "statement") — the first row must name the columns; "quadrant" may also be called "swot", "swot quadrant", "swot category" — or give one column per quadrant (Strengths, Weaknesses, …)`,
      );
    });

    it('an unclosed quote, at the line where it opens', async () => {
      const path = fixture('read', 'unclosed-quote', 'swot.csv');
      expect(await stopMessage(() => readInputs([path]))).toBe(
        `${path}:2: a quoted cell opened on this line is never closed — add the missing closing quote (") or remove the opening one`,
      );
    });

    it('an empty file', async () => {
      const path = fixture('read', 'empty-file', 'swot.csv');
      expect(await stopMessage(() => readInputs([path]))).toBe(
        `${path}: is empty — export the SWOT table again, with a header row`,
      );
    });

    it('a path that does not exist', async () => {
      expect(await stopMessage(() => readInputs(['partners/nowhere.csv']))).toBe(
        'partners/nowhere.csv: file not found — check the path, or run from the folder the path is relative to',
      );
    });

    it('a binary file', async () => {
      // A PNG header: what arrives when someone attaches a screenshot of the SWOT table.
      const path = fixture('read', 'binary-file', 'screenshot.png');
      expect(await stopMessage(() => readInputs([path]))).toBe(
        `${path}: is not a text file — save it as CSV (UTF-8), tab-separated text or .xlsx`,
      );
    });

    it('a PDF, an old Office file and random bytes, each said for what it is', async () => {
      const dir = temporaryDir();
      const pdf = join(dir, 'swot.pdf');
      writeFileSync(pdf, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
      const old = join(dir, 'swot.csv');
      writeFileSync(old, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41]));
      const noise = join(dir, 'noise.csv');
      writeFileSync(noise, Buffer.from(Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 255) + 1)));
      expect(await stopMessage(() => readInputs([pdf]))).toBe(
        `${pdf}: is a PDF document, not a table — copy the SWOT into a spreadsheet and save it as .xlsx or CSV`,
      );
      expect(await stopMessage(() => readInputs([old]))).toBe(
        `${old}: is an old Office document (.xls or .doc) — save it as .xlsx, or export the sheet as CSV`,
      );
      expect(await stopMessage(() => readInputs([noise]))).toBe(
        `${noise}: is not a text file — save it as CSV (UTF-8), tab-separated text or .xlsx`,
      );
    });

    it('a folder with nothing to read', async () => {
      const path = fixture('read');
      expect(await stopMessage(() => readInputs([path]))).toBe(
        `${path}: the folder holds no .csv, .tsv, .txt, .xlsx or .md file — put the partners' submissions in it, or give the files themselves`,
      );
    });
  });
});

describe('header names as partners write them', () => {
  it('reads notes in brackets, punctuation and longer names, not numbers for statements', async () => {
    const { matchColumns } = await import('../../src/read/columns.js');
    const columns = matchColumns([
      'ID',
      'Partner organisation',
      'Country (ISO)',
      'SWOT category (S/W/O/T)',
      'Dimension no.',
      'Statement number',
      'Statement (as written)',
    ]);
    expect(columns.byField).toEqual({ id: 0, partner: 1, country: 2, quadrant: 3, dimension: 4, statement: 6 });
    expect(columns.ignored).toEqual(['Statement number']);
  });
});
