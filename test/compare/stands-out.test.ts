/**
 * Over-representation: the one-sided Fisher exact test against values scipy.stats.hypergeom.sf
 * gives (and R's fisher.test for the tea-tasting table), Benjamini–Hochberg against R's p.adjust,
 * and the whole finding on the sample run — found where a partner was made to raise a theme far
 * more than its share, and never on the run with its partners shuffled across the statements.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benjaminiHochberg, hypergeometricUpper, standsOut } from '../../src/compare/index.js';
import { analyse, type RunReport } from '../../src/index.js';
import { cli, readCsv, temporaryDir } from '../helpers.js';
import { mulberry32 as random } from '../../scripts/baseline.js';

describe('the one-sided Fisher exact test', () => {
  it.each([
    // k, population, marked, drawn, P(X ≥ k) from scipy.stats.hypergeom.sf(k - 1, …) 1.17.1
    [3, 8, 4, 4, 0.24285714285714283], // Fisher's tea tasting: 17/70, as R's fisher.test(alternative = "greater")
    [4, 8, 4, 4, 0.014285714285714284], // 1/70
    [5, 363, 5, 67, 0.00018903110432489688],
    [3, 363, 3, 12, 2.7826048242019836e-5],
    [30, 2000, 100, 200, 7.588049020306433e-9],
    [12, 214, 16, 22, 6.929798405417167e-11],
    [1, 100, 10, 10, 0.6695237889132748],
    [0, 50, 5, 5, 1],
  ])('P(X ≥ %i) drawing from %i with %i marked, %i drawn', (k, population, marked, drawn, expected) => {
    const p = hypergeometricUpper(k, population, marked, drawn);
    expect(Math.abs(p - expected) / expected).toBeLessThan(1e-9);
  });

  it('is 0 past the possible and 1 at or below the least possible', () => {
    expect(hypergeometricUpper(6, 50, 5, 10)).toBe(0);
    expect(hypergeometricUpper(2, 10, 8, 5)).toBe(1); // at least 3 of 5 drawn are marked
  });
});

describe('Benjamini–Hochberg', () => {
  it("adjusts as R's p.adjust(p, 'BH') does, in the order given", () => {
    const q = benjaminiHochberg([0.5, 0.0001, 0.04, 0.001, 0.01]);
    const expected = [0.5, 0.0005, 0.05, 0.0025, 0.01666667];
    q.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 7));
    for (const v of benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])) expect(v).toBeCloseTo(0.05, 12);
  });
});

describe('who stands out on the sample run', () => {
  let report: RunReport;
  beforeAll(async () => {
    report = await analyse({ inputs: ['data/sample/inno-industry-swot.csv'] });
  });
  /** The run's statements with their partners (and countries) given anew by `partnerOf`. */
  const relabel = (partnerOf: (i: number) => { partner: string; country: string }) =>
    report.analysed.map((a, i) => ({ ...a, statement: { ...a.statement, ...partnerOf(i) } }));
  const ids = () => report.themeSet.themes.map((t) => t.id);

  it('finds a partner made to raise a theme far beyond its share of the statements', () => {
    // Swap partners so that one partner holds most of the largest theme's evidence, its own
    // number of statements unchanged: the statements it gives away go to the partners it takes from.
    const largest = [...report.comparison.themes].sort((a, b) => b.statements - a.statements)[0];
    if (!largest) throw new Error('no theme');
    const inTheme = report.analysed
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.assignment.themeId === largest.theme.id && a.assignment.status === 'assigned');
    const planted = report.analysed[0]?.statement ?? { partner: '', country: '' };
    const own = report.analysed
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.statement.partner === planted.partner && a.assignment.themeId !== largest.theme.id);
    const swaps = Math.min(Math.floor(inTheme.length * 0.7), own.length);
    const partnerOf = new Map<number, { partner: string; country: string }>();
    for (let j = 0; j < swaps; j++) {
      const taken = inTheme[j] as (typeof inTheme)[number];
      const given = own[j] as (typeof own)[number];
      partnerOf.set(taken.i, { partner: planted.partner, country: planted.country });
      partnerOf.set(given.i, { partner: taken.a.statement.partner, country: taken.a.statement.country });
    }
    const found = standsOut(
      relabel((i) => partnerOf.get(i) ?? (report.analysed[i]?.statement as { partner: string; country: string })),
      ids(),
    ).found.get(largest.theme.id);
    expect(swaps).toBeGreaterThanOrEqual(6);
    expect(found?.find((o) => o.by === 'partner')).toMatchObject({ name: planted.partner });
    const finding = found?.find((o) => o.name === planted.partner);
    expect(finding?.statements).toBeGreaterThanOrEqual(swaps);
    expect(finding?.q).toBeLessThanOrEqual(0.1);
    expect(finding?.statements).toBeGreaterThan(3 * (finding?.expected ?? 0));
  });

  it('finds something on at most one shuffle in ten when the partners are shuffled across the statements', () => {
    // With no link between partners and themes, Benjamini–Hochberg at q ≤ 0.1 lets a finding
    // through on at most a tenth of the shuffles (fewer: the exact test is discrete, so conservative).
    const people = report.analysed.map((a) => ({ partner: a.statement.partner, country: a.statement.country }));
    const withFinding: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const shuffled = [...people];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as (typeof people)[number], shuffled[i] as (typeof people)[number]];
      }
      const found = [
        ...standsOut(
          relabel((i) => shuffled[i] as (typeof people)[number]),
          ids(),
        ).found.values(),
      ].flat();
      if (found.length > 0) withFinding.push(seed);
    }
    // One shuffle in 40 (seed 3: a partner with 5 statements where 0.8 were expected, q 0.065) when written.
    expect(withFinding.length).toBeLessThanOrEqual(4);
  });
});

describe('what stands out, in the reports', () => {
  it('names a partner that wrote far more about a theme than the others, in themes.json and both reports', async () => {
    // The sample with seven more statements on cyber security from the Danish partner: varied in
    // wording and quadrant, as a partner whose agency has just been hit might write them.
    const added = [
      'Threats,2,Ransomware gangs now target the small subcontractors of our wind turbine makers.',
      'Weaknesses,2,Most manufacturing SMEs have no one responsible for IT security.',
      'Threats,2,Phishing and ransomware attacks on SMEs in the region doubled in two years.',
      'Weaknesses,2,Small firms do not back up their production data and cannot recover after an attack.',
      'Opportunities,2,A regional cyber security response team could serve all SMEs of the cluster.',
      'Threats,2,Cyber attacks could stop the production lines of whole supply chains.',
      'Weaknesses,2,Too few cyber security specialists are trained in Central Jutland.',
    ].map((row, i) => `DK-${31 + i},Central Jutland Business Region,DK,${row}`);
    const dir = temporaryDir('swotlens-stands-out-');
    const input = join(dir, 'swot.csv');
    writeFileSync(
      input,
      `${readFileSync('data/sample/inno-industry-swot.csv', 'utf8').trimEnd()}\n${added.join('\n')}\n`,
    );
    const out = join(dir, 'report');
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    const themes = (
      JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')) as {
        themes: {
          id: string;
          label: string;
          overrepresented: { by: string; name: string; statements: number; expected: number; q: number }[];
        }[];
      }
    ).themes;
    const danish = themes.filter((t) =>
      t.overrepresented.some((o) => o.by === 'partner' && o.name === 'Central Jutland Business Region'),
    );
    expect(danish.length).toBeGreaterThan(0);
    // The theme it stands out in holds the added statements.
    const assignments = readCsv(join(out, 'assignments.csv'));
    const cyber = assignments.filter((a) => /^DK-3\d$/.test(a.statement_id ?? '')).map((a) => a.theme_id);
    expect(danish.some((t) => cyber.filter((id) => id === t.id).length >= 3)).toBe(true);
    for (const t of danish)
      for (const o of t.overrepresented) {
        expect(o.q).toBeLessThanOrEqual(0.1);
        expect(o.statements).toBeGreaterThan(o.expected);
      }
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const section = report.slice(report.indexOf('## What stands out'), report.indexOf('## Terminology'));
    expect(section).toContain(`**${danish[0]?.label}** — Central Jutland Business Region: `);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      '<section id="stands-out"><h2>What stands out</h2>',
    );
  });
});
