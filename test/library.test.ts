/**
 * swotlens as a library: the README's example runs as written, `analyse()` gives the report the
 * command line writes, options are checked all at once, and the shipped JSON Schemas are those
 * of the checks swotlens runs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, renderReport } from '../src/index.js';
import { jsonSchemas } from '../src/schemas.js';
import { ROOT, cli, readCsv, stopMessage, temporaryDir } from './helpers.js';

describe('the library', () => {
  it("runs the README's example as written, through the package's own name", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## As a library'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toContain("from 'swotlens'");
    // Inside the package, so that 'swotlens' resolves to this package (its `exports`, built in dist/).
    const dir = join(ROOT, 'test', 'artifacts');
    mkdirSync(dir, { recursive: true });
    const script = join(dir, 'readme-example.mjs');
    writeFileSync(script, code as string);
    // Run where an analyst would: a folder with the sample in it.
    const cwd = temporaryDir();
    mkdirSync(join(cwd, 'data', 'sample'), { recursive: true });
    copyFileSync(
      join(ROOT, 'data', 'sample', 'inno-industry-swot.csv'),
      join(cwd, 'data', 'sample', 'inno-industry-swot.csv'),
    );
    const printed = execFileSync(process.execPath, [script], { cwd, encoding: 'utf8' }).trim();
    expect(printed).toMatch(/^214 statements, \d+ themes; .+: \d+ partners/);
    expect(readCsv(join(cwd, 'reports', 'library-example', 'assignments.csv'))).toHaveLength(214);
  });

  it('gives the report the command line writes', async () => {
    const out = join(temporaryDir(), 'cli');
    expect((await cli('run', 'pipelines/inno-industry.yaml', '--out', out)).code).toBe(0);
    const report = await analyse({ pipeline: 'pipelines/inno-industry.yaml', out });
    const files = renderReport(report);
    for (const name of ['assignments.csv', 'theme-quadrant.csv', 'report.md', 'themes.json']) {
      expect(files.get(name), name).toBe(readFileSync(join(out, name), 'utf8'));
    }
    expect(report.themes).toBe(report.themeSet.themes);
    expect(report.statements).toHaveLength(readCsv(join(out, 'assignments.csv')).length);
  });

  it('lays options over a pipeline file, and names every wrong option at once', async () => {
    const report = await analyse({
      pipeline: 'pipelines/inno-industry.yaml',
      title: 'From a program',
      themes: { count: 8 },
    });
    expect(report.settings.title).toBe('From a program');
    expect(report.settings.themes).toMatchObject({ count: 8, maxThemes: 40 });
    expect(report.themes.length).toBeLessThanOrEqual(8);
    const message = await stopMessage(() =>
      analyse({ inputs: ['x.csv'], themes: { assignAt: 2 }, colour: 'red' } as unknown as Parameters<
        typeof analyse
      >[0]),
    );
    expect(message).toContain('unknown option "colour"');
    expect(message).toContain('themes.assignAt');
  });
});

describe('the JSON Schemas in schemas/', () => {
  it('are those of the checks swotlens runs (npm run build:schemas writes them)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) {
      expect(readFileSync(join(ROOT, 'schemas', name), 'utf8'), `${name}: run npm run build:schemas`).toBe(text);
    }
  });

  it('describe every key of the pipeline file', () => {
    const schema = JSON.parse(jsonSchemas()['pipeline.schema.json'] as string) as {
      properties: Record<string, { description?: string }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['codebook', 'compare', 'dimensions', 'glossary', 'inputs', 'name', 'out', 'partners', 'themes', 'title'].sort(),
    );
    for (const [key, value] of Object.entries(schema.properties)) expect(value.description, key).toBeTruthy();
    expect(schema.additionalProperties).toBe(false);
  });
});
