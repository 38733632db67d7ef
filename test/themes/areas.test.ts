/**
 * Broader areas: themes grouped by their centres (Ward's method one level up), named from their
 * keywords or largest themes, and set by the codebook's `parent` when the analyst gives one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { broaderAreas } from '../../src/themes/areas.js';
import { cli, readCsv, temporaryDir } from '../helpers.js';

/** A unit centre on a few of 12 sparse dimensions. */
function centre(weights: Record<number, number>): { sparse: Float32Array; dense: Float32Array } {
  const sparse = new Float32Array(12);
  for (const [f, w] of Object.entries(weights)) sparse[Number(f)] = w;
  const norm = Math.hypot(...sparse);
  return { sparse: sparse.map((x) => x / norm), dense: new Float32Array(0) };
}

describe('broader areas', () => {
  // Nine themes in three families: skills (dimensions 0–2), funding (4–6), digital (8–10).
  const themes = [0, 4, 8].flatMap((base, family) =>
    [0, 1, 2].map((k) => ({
      centroid: centre({ [base]: 3, [base + 1]: k === 1 ? 2 : 1, [base + 2]: k === 2 ? 2 : 1 }),
      size: 10 - k,
      label: `${['Skills', 'Funding', 'Digital'][family]} ${k}`,
      keywords: [
        ['skills', 'workforce'],
        ['funding', 'programmes'],
        ['digital', 'broadband'],
      ][family] as string[],
    })),
  );

  it('group themes whose centres are close, about the square root of their number', () => {
    const areas = broaderAreas(themes);
    expect(new Set(areas).size).toBe(3);
    expect(areas.slice(0, 3)).toEqual(['Skills and workforce', 'Skills and workforce', 'Skills and workforce']);
    expect(new Set(areas.slice(3, 6))).toEqual(new Set(['Funding and programmes']));
    expect(new Set(areas.slice(6, 9))).toEqual(new Set(['Broadband and digital']));
  });

  it("follow the codebook's parents, and put a theme without one with its closest theme", () => {
    const parented = themes.map((t, i) => ({
      ...t,
      parent: i === 4 ? undefined : i < 6 ? 'Money and people' : 'Digital',
    }));
    const areas = broaderAreas(parented);
    expect(areas[4]).toBe('Money and people');
    expect(new Set(areas)).toEqual(new Set(['Money and people', 'Digital']));
  });
});

describe('broader areas in a run', () => {
  it('are in theme-quadrant.csv, themes.json, the reports and the codebook, and a parent edited there regroups', async () => {
    const dir = temporaryDir('swotlens-areas-');
    const out = join(dir, 'first');
    const input = 'data/sample/inno-industry-swot.csv';
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    const areas = new Set(table.map((r) => r.area));
    expect(areas.size).toBeGreaterThanOrEqual(2);
    expect(areas.size).toBeLessThanOrEqual(8);
    expect(table.every((r) => (r.area ?? '') !== '')).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')) as {
      areas: { area: string; themes: string[]; partners: { total: number } }[];
    };
    expect(json.areas.map((a) => a.area).sort()).toEqual([...areas].sort());
    expect(json.areas.flatMap((a) => a.themes).sort()).toEqual(table.map((r) => r.theme_id).sort());
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(
      `The themes grouped into ${areas.size} broader areas`,
    );
    // The analyst moves one theme to another area in codebook.yaml: the rerun follows.
    const codebook = parse(readFileSync(join(out, 'codebook.yaml'), 'utf8')) as {
      themes: { id: string; parent?: string }[];
    };
    const [moved] = codebook.themes;
    const target = codebook.themes.find((t) => t.parent !== moved?.parent)?.parent;
    if (!moved || !target) throw new Error('one area only');
    moved.parent = target;
    const path = join(dir, 'codebook.yaml');
    writeFileSync(path, stringify(codebook));
    const again = join(dir, 'again');
    expect((await cli('run', '--input', input, '--codebook', path, '--out', again)).code).toBe(0);
    const rerun = new Map(readCsv(join(again, 'theme-quadrant.csv')).map((r) => [r.theme_id, r.area]));
    expect(rerun.get(moved.id)).toBe(target);
    for (const t of codebook.themes) expect(rerun.get(t.id)).toBe(t.parent);
  });
});
