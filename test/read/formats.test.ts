import { describe, expect, it } from 'vitest';
import { checkLanguages, readInputs, splitBullets } from '../../src/read/index.js';
import { fixture } from '../helpers.js';

const brief = (s: {
  line: number;
  cell?: string;
  partner: string;
  country: string;
  quadrant: string;
  dimension: string;
  text: string;
}): string => [s.line, s.cell ?? '', s.partner, s.country, s.quadrant, s.dimension, s.text].join(' | ');

describe('Excel workbooks', () => {
  it('find the header below title rows, read formulas as values and merged cells as their value', async () => {
    const path = fixture('read', 'excel-title-rows', 'lower-silesia.xlsx');
    const result = await readInputs([path]);
    expect(result.files).toMatchObject([{ path, format: 'xlsx', layout: 'long', rows: 4, statements: 4, rejected: 0 }]);
    expect(result.statements.map((s) => [s.id, s.line, s.partner, s.quadrant, s.text])).toEqual([
      ['1', 5, 'Lower Silesia Agency', 'S', 'Regional smart specialisation includes ICT and Industry 4.0'],
      ['2', 6, 'Lower Silesia Agency', 'W', 'Lack of qualified IT staff in SMEs'],
      ['3', 7, 'Lower Silesia Agency', 'O', 'The new EDIH in Wrocław'],
      ['4', 8, 'Lower Silesia Agency', 'T', 'Outflow of specialists to Germany'],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'lines 1, 2 above the header read as a title, not as statements',
    ]);
  });

  it('read a sheet per partner, partner and country from the sheet name, and skip empty sheets', async () => {
    const path = fixture('read', 'excel-sheet-per-partner', 'partners.xlsx');
    const result = await readInputs([path]);
    expect(result.files.map((f) => [f.path, f.statements])).toEqual([
      [`${path}#Styria (AT)`, 3],
      [`${path}#Veneto (IT)`, 2],
    ]);
    expect(result.statements.map((s) => [s.source, s.partner, s.country, s.quadrant])).toEqual([
      [`${path}#Styria (AT)`, 'Styria', 'AT', 'S'],
      [`${path}#Styria (AT)`, 'Styria', 'AT', 'W'],
      [`${path}#Styria (AT)`, 'Styria', 'AT', 'O'],
      [`${path}#Veneto (IT)`, 'Veneto', 'IT', 'S'],
      [`${path}#Veneto (IT)`, 'Veneto', 'IT', 'T'],
    ]);
  });
});

describe('wide SWOT grids', () => {
  it('split an Excel grid with bullet cells into one statement per bullet, with its cell and dimension', async () => {
    const path = fixture('read', 'wide-grid-excel', 'central-bohemia_CZ.xlsx');
    const result = await readInputs([path], {
      dimensions: ['Relevant policies', 'Support for companies', 'Support for cluster management organisations'],
    });
    expect(result.files).toMatchObject([{ layout: 'wide', rows: 16, statements: 16, rejected: 0 }]);
    expect(result.statements.map(brief)).toEqual([
      '4 | B4 | central-bohemia | CZ | S | Relevant policies | RIS3 names digitalisation as a key domain',
      '4 | B4 | central-bohemia | CZ | S | Relevant policies | Regional innovation vouchers',
      '4 | C4 | central-bohemia | CZ | W | Relevant policies | No national cluster programme since 2020',
      '4 | C4 | central-bohemia | CZ | W | Relevant policies | Administrative burden of OP TAK calls',
      '4 | D4 | central-bohemia | CZ | O | Relevant policies | Just Transition Fund for digital projects',
      '4 | E4 | central-bohemia | CZ | T | Relevant policies | End of EU funding without follow-up',
      '5 | B5 | central-bohemia | CZ | S | Support for companies | Strong engineering tradition',
      '5 | C5 | central-bohemia | CZ | W | Support for companies | Lack of qualified workforce, especially IT specialists',
      '5 | C5 | central-bohemia | CZ | W | Support for companies | SMEs underestimate the importance of digitalisation',
      '5 | E5 | central-bohemia | CZ | T | Support for companies | Young people leave for Prague',
      '5 | E5 | central-bohemia | CZ | T | Support for companies | Cyber threats against SMEs',
      '6 | B6 | central-bohemia | CZ | S | Support for cluster management organisations | Cluster managers are experienced',
      '6 | B6 | central-bohemia | CZ | S | Support for cluster management organisations | membership is growing',
      '6 | C6 | central-bohemia | CZ | W | Support for cluster management organisations | Cluster organisations have few staff',
      '6 | C6 | central-bohemia | CZ | W | Support for cluster management organisations | unstable financing',
      '6 | D6 | central-bohemia | CZ | O | Support for cluster management organisations | Learning from Polish and Slovak clusters',
    ]);
  });

  it('read a grid saved as semicolon CSV in Windows-1252, and reject a row a stray delimiter broke', async () => {
    const path = fixture('read', 'wide-grid-csv', 'region-sud.csv');
    const result = await readInputs([path]);
    expect(result.files).toMatchObject([
      { format: 'csv', encoding: 'windows-1252', delimiter: ';', layout: 'wide', rows: 10, statements: 9, rejected: 1 },
    ]);
    expect(result.statements.map((s) => `${s.cell} ${s.quadrant} ${s.text}`)).toEqual([
      'D2 S Pôles de compétitivité with clear labelling',
      'D2 S Digital transformation is a priority of the SRDEII',
      'E2 W Multiplicity of schemes: SMEs are lost',
      'F2 O France Relance brings funding',
      'G2 T Reform of the pôle policy',
      'D4 S Strong network of technical centres',
      'E4 W Low digital maturity of very small enterprises',
      'E4 W Few engineers in rural areas',
      'G4 T Cybersecurity incidents are rising',
    ]);
    expect(result.rejected).toMatchObject([{ place: { line: 5 }, code: 'row-cell-count' }]);
  });

  it('split cells at line breaks, bullets, numbers and semicolons, and join continued lines', () => {
    expect(splitBullets('• one\n• two')).toEqual(['one', 'two']);
    expect(splitBullets('- one\n- two that goes\n  on here\n- three')).toEqual([
      'one',
      'two that goes on here',
      'three',
    ]);
    expect(splitBullets('1. one\n2) two')).toEqual(['one', 'two']);
    expect(splitBullets('one; two; three')).toEqual(['one', 'two', 'three']);
    expect(splitBullets('• one • two')).toEqual(['one', 'two']);
    expect(splitBullets('A single statement, with a comma.')).toEqual(['A single statement, with a comma.']);
  });
});

describe('Markdown SWOT documents', () => {
  it('read partner and country from the top heading, quadrants from headings, statements from bullets', async () => {
    const result = await readInputs([fixture('read', 'markdown-swot', 'upper-mur-valley.md')]);
    expect(result.statements.map(brief)).toEqual([
      '8 |  | Upper Mur Valley Innovation Agency | AT | S | Relevant policies | Long-standing cluster policy since the 1990s',
      '9 |  | Upper Mur Valley Innovation Agency | AT | S | Relevant policies | Digitalisation is a priority of the RIS3',
      '12 |  | Upper Mur Valley Innovation Agency | AT | W |  | Lack of skilled staff, esp. ICT specialists',
      '13 |  | Upper Mur Valley Innovation Agency | AT | W |  | Many SMEs do not see the benefit of digitalisation and stick to old business models',
      '17 |  | Upper Mur Valley Innovation Agency | AT | O |  | The new EDIH can become a one-stop-shop for SMEs',
      '18 |  | Upper Mur Valley Innovation Agency | AT | O |  | Interregional cooperation in the Alps-Adriatic area',
      '21 |  | Upper Mur Valley Innovation Agency | AT | T |  | Young talent leaves for Vienna and Munich',
    ]);
  });

  it('reject a bullet outside any quadrant, with its line', async () => {
    const result = await readInputs([fixture('read', 'markdown-swot', 'no-quadrant.md')]);
    expect(result.statements.map((s) => s.text)).toEqual(['Cyber attacks on SMEs']);
    expect(result.rejected).toMatchObject([
      { place: { line: 3 }, code: 'row-outside-quadrant', raw: '- A bullet before any quadrant heading' },
    ]);
  });
});

describe('a folder as input', () => {
  it('reads every supported file in it and says which it skipped and why', async () => {
    const folder = fixture('read', 'folder-of-submissions');
    const result = await readInputs([folder]);
    expect(result.files.map((f) => [f.path, f.format, f.statements])).toEqual([
      [`${folder}/at.csv`, 'csv', 2],
      [`${folder}/pl.csv`, 'csv', 1],
      [`${folder}/si.md`, 'markdown', 1],
    ]);
    expect(result.skipped).toEqual([
      { path: `${folder}/.DS_Store`, reason: 'a hidden file' },
      { path: `${folder}/minutes.docx`, reason: 'not a supported format (.csv .tsv .txt .tab .xlsx .md .markdown)' },
      { path: `${folder}/~$at.csv`, reason: 'an Office lock file' },
    ]);
  });
});

describe('warnings on statements that are kept', () => {
  it('flags a statement not in English, but not a one-word one', async () => {
    const result = await readInputs([fixture('read', 'not-english', 'swot.csv')]);
    expect(result.statements).toHaveLength(3);
    const warnings = await checkLanguages(result.statements);
    expect(warnings.map((w) => [w.place.line, w.code, w.message])).toEqual([
      [2, 'not-english', 'the statement looks German, not English: kept, but few of its words will count'],
    ]);
  });
});
