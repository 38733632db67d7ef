/**
 * What reaches the people who open the outputs, and what goes wrong on the analyst's machine:
 * formulas and markup from the inputs made inert, and every fault one line naming the path and
 * what to do, with the previous report intact.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { FORMULA_START } from '../../src/report/tables.js';
import { StopError } from '../../src/model/index.js';
import { ROOT, cli, fixture, readCsv, temporaryDir, type CliResult } from '../helpers.js';

const CSV_OUTPUTS = ['assignments.csv', 'rejected.csv', 'terms.csv', 'theme-quadrant.csv', 'term-conflicts.csv'];

/** One line on stderr, no stack trace, and an exit code that is not "internal error". */
function expectOneLine(result: CliResult, code: 1 | 2, ...parts: string[]): void {
  expect(result.code).toBe(code);
  const lines = result.err.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(result.err).not.toMatch(/internal error|\n\s+at /);
}

describe('outputs that cannot hurt the people who open them', () => {
  const out = join(temporaryDir(), 'formulas');
  let result: CliResult;
  beforeAll(async () => {
    result = await cli('run', '--input', fixture('read', 'formula-injection', 'swot.csv'), '--out', out);
  });

  it('neutralises every CSV cell that a spreadsheet would run as a formula, with a leading apostrophe', () => {
    expect(result.code).toBe(0);
    for (const name of CSV_OUTPUTS) {
      for (const row of readCsv(join(out, name))) {
        for (const value of Object.values(row)) expect(FORMULA_START.test(value), `${name}: ${value}`).toBe(false);
      }
    }
    const assignments = readCsv(join(out, 'assignments.csv'));
    expect(assignments.map((a) => a.statement)).toContain(
      '\'=HYPERLINK("http://example.invalid/x";"Click for details")',
    );
    expect(assignments.map((a) => a.statement_id)).toContain("'=1+1");
    expect(assignments.map((a) => a.partner)).toEqual(expect.arrayContaining(["'+Styria", "'@Styria"]));
    expect(FORMULA_START.test('\tcmd')).toBe(true);
    // Numbers stay numbers: a negative margin is not text to neutralise.
    expect(FORMULA_START.test('-0.125')).toBe(false);
  });

  it('reads its own neutralised ids back with --previous: every statement kept, no partner new', async () => {
    const again = join(temporaryDir(), 'again');
    const second = await cli(
      'run',
      '--input',
      fixture('read', 'formula-injection', 'swot.csv'),
      '--out',
      again,
      '--previous',
      out,
    );
    expect(second.code).toBe(0);
    const changes = JSON.parse(readFileSync(join(again, 'changes.json'), 'utf8')) as {
      partners: { new: string[] };
      statements: { new: number };
    };
    expect(changes.partners.new).toEqual([]);
    expect(changes.statements.new).toBe(0);
  });

  it('escapes HTML and Markdown in report.md: statements, partner names and labels show as text', async () => {
    const markup = join(temporaryDir(), 'markup');
    expect((await cli('run', '--input', fixture('read', 'markup-injection', 'swot.csv'), '--out', markup)).code).toBe(
      0,
    );
    const md = readFileSync(join(markup, 'report.md'), 'utf8');
    for (const raw of ['<script', '<img', '<details', '<b>', '[Click here](', '[link](']) expect(md).not.toContain(raw);
    expect(md).toContain('Strong &lt;script&gt;alert("x")&lt;/script&gt; cluster policy');
    expect(md).toContain(
      '&lt;details open&gt;&lt;summary&gt;Click&lt;/summary&gt;hidden&lt;/details&gt; weak broadband',
    );
    expect(md).toContain('Region \\[link\\](http://example.invalid) (PL)');
    expect(md).toContain('\\# Heading injection with \\`code\\` and \\| pipes \\|');
    // No line of the report starts with a heading or list marker that came from an input.
    expect(md).not.toMatch(/^#+ Heading injection with/m);
    expect(md).not.toMatch(/^## second line heading/m);
    // Every table row keeps its columns: pipes from the inputs are escaped.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const columns = (line: string): number => line.split(/(?<!\\)\|/).length;
    const run = rows.filter((r) => r.includes('markup-injection'));
    expect(run).toHaveLength(1);
    expect(run[0]).toContain('Notes \\| internal');
    expect(columns(run[0] as string)).toBe(columns(rows.find((r) => r.startsWith('| Input')) ?? ''));
  });
});

describe('faults of the machine, each one line with a path and what to do', () => {
  const input = fixture('read', 'partly-bad', 'swot.csv');

  it('a YAML alias bomb in a pipeline, a codebook or a glossary', async () => {
    const dir = fixture('config', 'alias-bomb');
    expectOneLine(await cli('run', join(dir, 'pipeline.yaml')), 2, join(dir, 'pipeline.yaml'), 'aliases');
    const out = temporaryDir();
    expectOneLine(
      await cli('run', '--input', input, '--out', out, '--codebook', join(dir, 'codebook.yaml')),
      2,
      join(dir, 'codebook.yaml'),
      'aliases',
    );
    expectOneLine(
      await cli('run', '--input', input, '--out', out, '--glossary', join(dir, 'glossary.yaml')),
      2,
      join(dir, 'glossary.yaml'),
      'aliases',
    );
  });

  it('a folder given as the pipeline, codebook or glossary', async () => {
    const dir = temporaryDir();
    expectOneLine(
      await cli('run', '--input', input, '--out', join(dir, 'out'), '--codebook', dir),
      2,
      'is a folder, not a codebook',
    );
  });

  it('a file of statements given where the pipeline file goes: one line with the command that reads it', async () => {
    const result = await cli('run', input);
    expectOneLine(
      result,
      2,
      'is a file of statements, not a pipeline file',
      `swotlens run --input ${input} --out reports/swot`,
    );
  });

  it('--out that is a file, lies under a file, or is an input folder', async () => {
    const dir = temporaryDir();
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'notes');
    expectOneLine(await cli('run', '--input', input, '--out', file), 2, file, 'is a file, not a folder');
    expectOneLine(await cli('run', '--input', input, '--out', join(file, 'sub')), 1, 'a part of the path is a file');
    const folder = join(dir, 'submissions');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), readFileSync(input));
    expectOneLine(await cli('run', '--input', folder, '--out', folder), 2, 'is also an input folder');
    expect(readdirSync(folder)).toEqual(['a.csv']);
  });

  it('--out in a folder that holds other files, and --out where nothing can be written', async () => {
    const dir = temporaryDir();
    writeFileSync(join(dir, 'thesis.docx'), 'mine');
    expectOneLine(
      await cli('run', '--input', input, '--out', dir),
      2,
      'holds files that are not a swotlens report (thesis.docx)',
    );
    expect(readdirSync(dir)).toEqual(['thesis.docx']);
    // Node's recursive mkdir never returns under /proc: made one folder at a time, it fails at once.
    expectOneLine(
      await cli('run', '--input', input, '--out', '/proc/swotlens-report'),
      1,
      '/proc/swotlens-report',
      'cannot be written',
    );
  });

  it('inputs that are not regular files, broken links and files too large', async () => {
    expectOneLine(await cli('validate', '/dev/zero'), 1, '/dev/zero: is a device, not a file');
    const dir = temporaryDir();
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expectOneLine(await cli('validate', fifo), 1, 'is a named pipe, not a file');
    const big = join(dir, 'huge.csv');
    writeFileSync(big, 'partner,country,quadrant,statement\n');
    truncateSync(big, 201 * 1024 * 1024);
    expectOneLine(await cli('validate', big), 1, 'huge.csv: is 201 MB; swotlens reads files of up to 200 MB');
    const folder = join(dir, 'submissions');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), readFileSync(input));
    symlinkSync(join(dir, 'gone.csv'), join(folder, 'b.csv'));
    const result = await cli('validate', folder);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${folder}/b.csv  skipped: a link to a file that is not there`);
    expectOneLine(await cli('validate', join(folder, 'b.csv')), 1, 'is a link to a file that is not there');
  });
});

describe('writing the report whole or not at all', () => {
  const input = fixture('read', 'partly-bad', 'swot.csv');

  it('leaves the previous report intact and nothing behind when a write fails', async () => {
    const parent = temporaryDir();
    const out = join(parent, 'report');
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    const before = readFileSync(join(out, 'report.md'), 'utf8');
    // A file name the disk refuses stands for a full disk or a failed rename half-way through.
    const files = new Map([
      ['report.md', 'new'],
      ['missing-folder/x.csv', 'cannot be written'],
    ]);
    let stopped: unknown;
    try {
      writeReport(out, files);
    } catch (error) {
      stopped = error;
    }
    expect(stopped).toBeInstanceOf(StopError);
    expect((stopped as StopError).problem.code).toBe('out-unwritable');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe(before);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it("removes files an earlier run wrote that this one does not, and keeps the analyst's own", async () => {
    const out = join(temporaryDir(), 'report');
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    expect((await cli('run', '--input', input, '--out', out, '--previous', out)).code).toBe(0);
    expect(existsSync(join(out, 'changes.json'))).toBe(true);
    writeFileSync(join(out, 'notes.txt'), 'my notes');
    writeFileSync(join(out, '.report.md.partial'), 'left by an old version');
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    expect(existsSync(join(out, 'changes.json'))).toBe(false);
    expect(existsSync(join(out, '.report.md.partial'))).toBe(false);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('my notes');
  });
});

describe('theme settings that cannot work', () => {
  const input = fixture('read', 'mixed-line-endings', 'swot.csv');

  function pipeline(themes: string): string {
    const dir = temporaryDir();
    const path = join(dir, 'p.yaml');
    writeFileSync(path, `name: check\ninputs: [${join(ROOT, input)}]\nout: ${join(dir, 'out')}\nthemes:\n${themes}`);
    return path;
  }

  it('are errors naming the setting, exit 2', async () => {
    expectOneLine(
      await cli('run', pipeline('  count: 40\n')),
      2,
      'themes.count is 40, but only 40 statements were read',
    );
    expectOneLine(
      await cli('run', pipeline('  count: 15\n')),
      2,
      'themes.count 15 × themes.minStatements 3 needs 45 statements',
    );
    expectOneLine(
      await cli('run', pipeline('  minStatements: 30\n')),
      2,
      'themes.minStatements is 30: with 40 statements no two themes can be found',
    );
    expectOneLine(
      await cli('run', pipeline('  assignAt: 0.1\n  borderlineAt: 0.3\n')),
      2,
      'assignAt must be at least borderlineAt',
    );
  });
});

describe('the same outputs in every time zone', () => {
  it('writes byte-identical files from a workbook with dates in Auckland and in Los Angeles', () => {
    const outs = ['Pacific/Auckland', 'America/Los_Angeles'].map((zone) => {
      const out = join(temporaryDir(), 'tz');
      const run = spawnSync(
        process.execPath,
        [
          join(ROOT, 'bin', 'swotlens.js'),
          'run',
          '--input',
          fixture('read', 'excel-values', 'noe-template.xlsx'),
          '--input',
          fixture('read', 'mixed-line-endings', 'swot.csv'),
          '--out',
          out,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, TZ: zone },
          encoding: 'utf8',
        },
      );
      expect(run.status, run.stderr).toBe(0);
      return out;
    });
    for (const name of readdirSync(outs[0] as string).filter((n) => n !== 'run.json')) {
      expect(readFileSync(join(outs[1] as string, name), 'utf8'), name).toBe(
        readFileSync(join(outs[0] as string, name), 'utf8'),
      );
    }
  });
});

describe('a run killed while writing', () => {
  it('leaves a staging folder that the next run clears', async () => {
    const parent = temporaryDir();
    const out = join(parent, 'report');
    mkdirSync(join(parent, '.report.swotlens-abc123'));
    writeFileSync(join(parent, '.report.swotlens-abc123', 'report.md'), 'half');
    expect((await cli('run', '--input', fixture('read', 'partly-bad', 'swot.csv'), '--out', out)).code).toBe(0);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('--previous that names a folder whose tables are not files is one line, exit 2', async () => {
    const dir = temporaryDir();
    mkdirSync(join(dir, 'theme-quadrant.csv'));
    expectOneLine(
      await cli(
        'run',
        '--input',
        fixture('read', 'partly-bad', 'swot.csv'),
        '--out',
        join(temporaryDir(), 'o'),
        '--previous',
        dir,
      ),
      2,
      'theme-quadrant.csv: cannot be read',
    );
  });
});

describe('the terminal', () => {
  it('shows escape sequences and line breaks from an input as text, one line per problem', async () => {
    const file = join(temporaryDir(), 'escape.csv');
    const plain = Array.from(
      { length: 20 },
      (_, i) => `Styria,AT,O,Digital innovation hub number ${i} for the regional economy\n`,
    ).join('');
    writeFileSync(
      file,
      `partner,country,quadrant,statement\nStyria,AT,"S\n\u001b[2J",Strong cluster\nStyria,AT,W,Weak\u0007 broadband\n${plain}`,
    );
    const result = await cli('validate', file);
    expect(result.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.out).toContain('\\x1b[2J');
    const rejected = result.out.split('\n').filter((l) => l.includes('rejected  '));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toContain('row-quadrant-unknown');
  });
});
