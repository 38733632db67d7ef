/**
 * Compound bullets: where a statement splits into clauses, and a bullet that raises two topics
 * getting a second theme — counted in both themes, flagged, listed — unless turned off.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clauses, tokenize } from '../../src/terms/index.js';
import { CHROMIUM, CHROMIUM_ARGS, cli, readCsv, temporaryDir } from '../helpers.js';

const parts = (text: string): string[] => {
  const tokens = tokenize(text);
  return clauses(tokens).map(([a, b]) =>
    tokens
      .slice(a, b)
      .map((t) => t.surface)
      .join(' '),
  );
};

describe('clauses of a statement', () => {
  it('split at a semicolon, a sentence end, a "but" or "while", and a spaced dash', () => {
    expect(parts('Strong universities; weak broadband in rural areas')).toEqual([
      'Strong universities',
      'weak broadband in rural areas',
    ]);
    expect(parts('Good researchers. Few spin-offs reach the market.')).toHaveLength(2);
    expect(parts('Many SMEs, but few of them export')).toHaveLength(2);
    expect(parts('Broadband in towns – none in the mountain villages')).toHaveLength(2);
  });

  it('split at an "and" only between opposite judgements', () => {
    expect(parts('Strong universities and weak broadband in rural areas')).toEqual([
      'Strong universities',
      'weak broadband in rural areas',
    ]);
    expect(parts('Universities and research centres of international standing')).toHaveLength(1);
  });
});

describe('compound bullets in a run', () => {
  const dir = temporaryDir('swotlens-compound-');
  const input = join(dir, 'swot.csv');
  // The sample with bullets that join two of a partner's statements on different topics.
  const joined = [
    'FI-31,Ostrobothnia Growth Services,FI,Strengths,5,Strong energy technology cluster with global companies; good broadband coverage even in rural municipalities.',
    'DE-31,Cluster Office Upper Franconia,DE,Weaknesses,2,Few IT specialists apply for jobs in the region; ransomware attacks on suppliers go unreported.',
    'PL-31,Wielkopolska East Development Agency,PL,Słabe strony,5,Complicated application procedures for EU funds; klastry rarely cooperate with universities.',
  ];
  beforeAll(() => {
    writeFileSync(
      input,
      `${readFileSync('data/sample/inno-industry-swot.csv', 'utf8').trimEnd()}\n${joined.join('\n')}\n`,
    );
  });

  it('gives a bullet that raises two topics a second theme, flagged, counted in both themes', async () => {
    const out = join(dir, 'on');
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    const rows = readCsv(join(out, 'assignments.csv'));
    const compound = rows.filter((r) => r.theme_id_2 !== '');
    expect(compound.map((r) => r.statement_id)).toEqual(expect.arrayContaining(['DE-31']));
    expect(compound.length).toBeGreaterThanOrEqual(2);
    const table = new Map(readCsv(join(out, 'theme-quadrant.csv')).map((r) => [r.theme_id, r]));
    for (const r of compound) {
      expect((r.flags ?? '').split(';')).toContain('compound');
      expect(r.theme_id_2).not.toBe(r.theme_id);
      // Counted in its second theme: its partner is among the theme's partners in its quadrant.
      const themes = JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')) as {
        themes: { id: string; partners: Record<string, string[]> }[];
      };
      expect(themes.themes.find((t) => t.id === r.theme_id_2)?.partners[r.quadrant as string]).toContain(r.partner);
      expect(table.has(r.theme_id_2 as string)).toBe(true);
    }
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain(`### Two topics in one bullet (${compound.length})`);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { counts: { compound: number } };
    expect(run.counts.compound).toBe(compound.length);
  });

  it.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
    'are counted in both themes by report.html too: its tables recount to theme-quadrant.csv',
    async () => {
      const out = join(dir, 'on');
      const table = readCsv(join(out, 'theme-quadrant.csv'));
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(join(out, 'report.html')).href);
        const cells = await page
          .locator('#heatmap tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) => [...row.querySelectorAll('td.cell')].map((td) => td.textContent ?? '')),
          );
        expect(cells).toEqual(table.map((r) => [r.S, r.W, r.O, r.T, r.partners]));
      } finally {
        await browser.close();
      }
    },
  );

  it('gives every bullet one theme with --no-compound', async () => {
    const out = join(dir, 'off');
    expect((await cli('run', '--input', input, '--out', out, '--no-compound')).code).toBe(0);
    expect(readCsv(join(out, 'assignments.csv')).filter((r) => r.theme_id_2 !== '')).toEqual([]);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      settings: { themes: { compound: boolean } };
    };
    expect(run.settings.themes.compound).toBe(false);
  });
});
