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
      borderlineAt: 0.2,
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
