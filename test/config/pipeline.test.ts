import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/index.js';
import { fixture, stopMessage } from '../helpers.js';

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
