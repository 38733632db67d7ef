import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture, temporaryDir } from '../helpers.js';

describe('swotlens validate', () => {
  it('says per file what would be read and what not, and exits 0', async () => {
    const path = fixture('read', 'partly-bad', 'swot.csv');
    const result = await cli('validate', path, fixture('read', 'semicolon-excel-export', 'steiermark.csv'));
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toBe(`${path}  csv, utf-8, delimiter ",": 12 rows, 3 to analyse, 9 rejected`);
    expect(lines[1]).toBe(
      `${fixture('read', 'semicolon-excel-export', 'steiermark.csv')}  csv, utf-8-bom, delimiter ";": 4 rows, 4 to analyse, 0 rejected`,
    );
    expect(lines).toContain(
      `${path}:5  rejected  quadrant "Best practice" is not a SWOT quadrant — use S, W, O or T, or Strength, Weakness, Opportunity, Threat  row-quadrant-unknown`,
    );
    expect(lines.at(-1)).toBe('2 files: 7 statements from 3 partners would be analysed, 9 rows rejected, 0 warnings');
  });

  it('exits 1 with --strict when a row is rejected', async () => {
    expect((await cli('validate', '--strict', fixture('read', 'partly-bad', 'swot.csv'))).code).toBe(1);
    expect((await cli('validate', '--strict', fixture('read', 'semicolon-excel-export', 'steiermark.csv'))).code).toBe(
      0,
    );
  });

  it('exits 1 with one line when a file cannot be read', async () => {
    const result = await cli('validate', fixture('read', 'missing-column', 'swot.csv'));
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/^swotlens: test\/fixtures\/read\/missing-column\/swot\.csv:1: no "quadrant" column/);
  });

  it('reads a folder of submissions in several formats and lists what it skipped', async () => {
    const folder = fixture('read', 'folder-of-submissions');
    const result = await cli('validate', folder, fixture('read', 'wide-grid-excel', 'central-bohemia_CZ.xlsx'));
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      `${folder}/at.csv  csv, utf-8, delimiter ",": 2 rows, 2 to analyse, 0 rejected`,
      `${folder}/pl.csv  csv, utf-8-bom, delimiter ";": 1 row, 1 to analyse, 0 rejected`,
      `${folder}/si.md  markdown, utf-8: 1 line, 1 to analyse, 0 rejected`,
      `${fixture('read', 'wide-grid-excel', 'central-bohemia_CZ.xlsx')}  xlsx, a column per quadrant: 16 bullets, 16 to analyse, 0 rejected`,
      `${folder}/.DS_Store  skipped: a hidden file`,
      `${folder}/minutes.docx  skipped: not a supported format (.csv .tsv .txt .tab .xlsx .md .markdown)`,
      `${folder}/~$at.csv  skipped: an Office lock file`,
      expect.stringMatching(/rows-above-header$/),
      expect.stringMatching(/partner-from-name$/),
      expect.stringMatching(/country-from-name$/),
      '4 files: 20 statements from 4 partners would be analysed, 0 rows rejected, 3 warnings',
      '',
    ]);
  });

  it('refuses an old .xls workbook and a file that only pretends to be .xlsx', async () => {
    const dir = temporaryDir();
    writeFileSync(join(dir, 'old.xls'), 'not read');
    writeFileSync(join(dir, 'fake.xlsx'), 'partner,country\n');
    expect((await cli('validate', join(dir, 'old.xls'))).err).toBe(
      `swotlens: ${join(dir, 'old.xls')}: is an old Excel 97–2003 workbook (.xls) — save it as .xlsx, or export the sheet as CSV\n`,
    );
    expect((await cli('validate', join(dir, 'fake.xlsx'))).err).toBe(
      `swotlens: ${join(dir, 'fake.xlsx')}: is not an Excel workbook, though named .xlsx — save it again from Excel as .xlsx\n`,
    );
  });

  it('checks a pipeline file and its inputs, with its dimensions', async () => {
    const result = await cli('validate', 'pipelines/inno-industry.yaml');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'data/sample/inno-industry-swot.csv  csv, utf-8, delimiter ",": 218 rows, 214 to analyse, 4 rejected',
    );
    expect(result.out).toContain('quadrant "Strenghts" read as "strengths" (S)');
    expect(result.out).not.toContain('dimension-unknown');
  });
});

describe('the installed command', () => {
  it('runs as `swotlens` from bin/, prints its version and exits with the documented codes', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; bin: { swotlens: string } };
    const version = spawnSync(process.execPath, [pkg.bin.swotlens, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const broken = spawnSync(
      process.execPath,
      [pkg.bin.swotlens, 'validate', fixture('read', 'empty-file', 'swot.csv')],
      { encoding: 'utf8' },
    );
    expect(broken.status).toBe(1);
    expect(broken.stderr).toBe(
      `swotlens: ${fixture('read', 'empty-file', 'swot.csv')}: is empty — export the SWOT table again, with a header row\n`,
    );
    expect(broken.stdout).toBe('');
  });
});
