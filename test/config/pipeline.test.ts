import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/index.js';
import { analyse } from '../../src/index.js';
import { fixture, stopMessage, temporaryDir } from '../helpers.js';

describe('resolveSettings', () => {
  it('reads the bundled pipeline with paths relative to the pipeline file', async () => {
    const settings = resolveSettings('pipelines/inno-industry.yaml', {});
    expect(settings).toMatchObject({
      name: 'inno-industry',
      pipeline: 'pipelines/inno-industry.yaml',
      inputs: ['data/sample/inno-industry-swot.csv'],
      out: 'reports/inno-industry',
      consensus: 0.5,
      strict: false,
    });
    expect(settings.dimensions).toHaveLength(5);
    expect(settings.themes).toEqual({
      minStatements: 3,
      maxThemes: 40,
      meaning: 'words',
      semantic: 0.15,
      assignAt: 0.35,
      borderlineAt: 0.1,
      coherenceFloor: 0.15,
      compound: true,
    });
  });

  it('lets flags override the file, relative to the working folder', async () => {
    const settings = resolveSettings('pipelines/inno-industry.yaml', {
      input: ['a.csv', 'b.csv'],
      out: 'out/here',
      codebook: 'cb.yaml',
      strict: true,
    });
    expect(settings).toMatchObject({ inputs: ['a.csv', 'b.csv'], out: 'out/here', codebook: 'cb.yaml', strict: true });
  });

  it('needs no pipeline file when inputs are given', async () => {
    expect(resolveSettings(undefined, { input: ['x.csv'] })).toMatchObject({
      name: 'swotlens',
      inputs: ['x.csv'],
      out: 'reports/swotlens',
      dimensions: [],
    });
  });

  it('names an unknown key and its line', async () => {
    const path = fixture('config', 'unknown-key', 'pipeline.yaml');
    expect(await stopMessage(() => resolveSettings(path, {}))).toBe(
      `${path}:6: unknown key "minStatement" in themes — the pipeline keys are name, title, inputs, out, codebook, glossary, dimensions, partners, themes, compare (see README, "Pipeline file")`,
    );
  });

  it('names a value out of range and its line', async () => {
    const path = fixture('config', 'bad-value', 'pipeline.yaml');
    expect(await stopMessage(() => resolveSettings(path, {}))).toMatch(new RegExp(`^${path}:5: .*compare\\.consensus`));
  });

  it('stops when there is nothing to read', async () => {
    expect(await stopMessage(() => resolveSettings(undefined, {}))).toBe(
      'command line: no input files — name them under `inputs:` in the pipeline file or with --input FILE',
    );
  });

  it('stops on a pipeline file that does not exist', async () => {
    expect(await stopMessage(() => resolveSettings('pipelines/nope.yaml', {}))).toBe(
      'pipelines/nope.yaml: pipeline file not found — check the path',
    );
  });
});

describe('settings given beside a pipeline file', () => {
  it("keep the file's theme settings that they leave alone (a flag once reset them all to the defaults)", async () => {
    const dir = temporaryDir();
    writeFileSync(
      join(dir, 'statements.csv'),
      [
        'partner,country,quadrant,statement',
        'Styria,AT,S,Strong automotive supplier base around Graz',
        'Styria,AT,W,Few young engineers stay after their studies',
        'Silesia,PL,W,Slow broadband in rural districts',
        'Silesia,PL,S,Large pool of engineering graduates',
        'Navarra,ES,S,Car makers and their suppliers cooperate closely',
        'Navarra,ES,W,Mobile coverage is poor in mountain villages',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'p.yaml'),
      'name: small\ninputs: [statements.csv]\nthemes:\n  minStatements: 2\n  semantic: 0.2\n  borderlineAt: 0.05\n',
    );
    const report = await analyse({ pipeline: join(dir, 'p.yaml'), themes: { compound: false } });
    expect(report.settings.themes).toMatchObject({
      minStatements: 2,
      meaning: 'words',
      semantic: 0.2,
      assignAt: 0.35,
      borderlineAt: 0.05,
      compound: false,
    });
  });
});

describe('every problem at once', () => {
  it('a pipeline file with three mistakes: three lines, each at its line, exit 2', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { cli, temporaryDir } = await import('../helpers.js');
    const path = join(temporaryDir(), 'typos.yaml');
    writeFileSync(
      path,
      [
        'name: typos',
        'inputs: [x.csv]',
        'tittle: A title',
        'themes:',
        '  maxThemes: 1',
        '  assignat: 0.3',
        'compare:',
        '  consensus: 2',
        '',
      ].join('\n'),
    );
    const result = await cli('run', path);
    expect(result.code).toBe(2);
    const lines = result.err.trim().split('\n');
    expect(lines.map((l) => l.replace(/ — .*$/, ''))).toEqual([
      `swotlens: ${path}:3: unknown key "tittle"`,
      `swotlens: ${path}:5: Too small: expected number to be >=2 (at themes.maxThemes)`,
      `swotlens: ${path}:6: unknown key "assignat" in themes`,
      `swotlens: ${path}:8: Too big: expected number to be <=1 (at compare.consensus)`,
    ]);
  });

  it('a glossary with two mistakes: both, each at its line', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { temporaryDir } = await import('../helpers.js');
    const { loadGlossary } = await import('../../src/terms/index.js');
    const path = join(temporaryDir(), 'project.yaml');
    writeFileSync(
      path,
      [
        'concepts:',
        '  - id: smart_factory',
        '    label: Smart factory',
        '    variants: [smart factory, smart factory]',
        '  - id: edih_local',
        '    label: Local hub',
        '    variants: [local hub]',
        '    broader: [no_such_concept]',
        '',
      ].join('\n'),
    );
    let problems: { place: { line?: number }; message: string }[] = [];
    try {
      loadGlossary(path);
    } catch (error) {
      problems = [...((error as { problems?: typeof problems }).problems ?? [])];
    }
    expect(problems.map((p) => [p.place.line, p.message])).toEqual([
      [4, '"smart factory" is already a variant of concept "smart_factory" (line 4)'],
      [8, 'concept "edih_local" names "no_such_concept" as broader, which is not a concept'],
    ]);
  });
});
