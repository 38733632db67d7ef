/**
 * The quadrant check: how a statement's own words judge what it is about, and whether that
 * contradicts its quadrant — on single statements, on the sample run's assignments.csv, and on
 * our own real set (test/fixtures/swot-own) with 30 statements moved between Strengths and
 * Weaknesses.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { contradictsQuadrant, polarityOf, tokenize } from '../../src/terms/index.js';
import { cli, readCsv, temporaryDir } from '../helpers.js';

const score = (text: string): number => polarityOf(tokenize(text)).score;

describe('how a statement judges what it is about', () => {
  it.each([
    'Strong universities and a dense network of research institutes.',
    'Low unemployment compared with the rest of the country.',
    'Living costs below the national average.',
    'Highly qualified engineers in the automotive supply chain.',
    'Unemployment has stayed below the national average for many years.',
    'Few early school leavers and strong progression into higher education.',
  ])('good: %s', (text) => expect(score(text)).toBeGreaterThan(0));

  it.each([
    'Lack of skilled staff in manufacturing SMEs.',
    'High unemployment among young people.',
    'Unemployment is high.',
    'No network for distributing natural gas.',
    'Too many actors offering similar support services.',
    'Digital infrastructure is not sufficiently developed in rural areas.',
    'Difficult to recruit qualified workers in rural areas.',
    'Reliance on a few large employers.',
    'Little innovation and a shortage of high-quality statistics.',
  ])('bad: %s', (text) => expect(score(text)).toBeLessThan(0));

  it('names the words that judged, as they counted', () => {
    expect(polarityOf(tokenize('Lack of skilled staff; high unemployment.')).words).toEqual([
      '-Lack skilled',
      '-high unemployment',
    ]);
  });

  it('flags strengths and weaknesses at one word against them, opportunities and threats at two', () => {
    const p = (s: number) => ({ score: s, words: [] });
    expect(contradictsQuadrant('S', p(-1))).toBe(true);
    expect(contradictsQuadrant('S', p(0))).toBe(false);
    expect(contradictsQuadrant('W', p(1))).toBe(true);
    expect(contradictsQuadrant('O', p(-1))).toBe(false);
    expect(contradictsQuadrant('O', p(-2))).toBe(true);
    expect(contradictsQuadrant('T', p(2))).toBe(true);
    expect(contradictsQuadrant('T', p(1))).toBe(false);
  });
});

describe('the quadrant flag in a run', () => {
  it('marks statements whose words contradict their quadrant in assignments.csv and lists them for review', async () => {
    // The sample with a weakness filed as a Strength and a strength filed as a Weakness.
    const dir = temporaryDir('swotlens-quadrant-');
    const input = join(dir, 'swot.csv');
    const planted = [
      'AT-31,Innovation Agency Upper Mur Valley,AT,Stärken,1,Lack of IT specialists in small manufacturing firms.',
      'AT-32,Innovation Agency Upper Mur Valley,AT,Schwächen,1,Excellent cooperation between the technical university and local firms.',
    ];
    writeFileSync(
      input,
      `${readFileSync('data/sample/inno-industry-swot.csv', 'utf8').trimEnd()}\n${planted.join('\n')}\n`,
    );
    const out = join(dir, 'report');
    const result = await cli('run', '--input', input, '--out', out);
    expect(result.code).toBe(0);
    const rows = readCsv(join(out, 'assignments.csv'));
    const flagged = rows.filter((r) => r.flags === 'quadrant');
    // The terminal says so too.
    expect(result.out).toContain(`; ${flagged.length} statements worded against their quadrant`);
    expect(flagged.map((r) => r.statement_id)).toEqual(expect.arrayContaining(['AT-31', 'AT-32']));
    expect(flagged.length).toBeLessThan(rows.length * 0.05);
    for (const r of flagged)
      expect(r.polarity).toMatch(r.quadrant === 'S' || r.quadrant === 'O' ? /^bad \(-\d+\): / : /^good \(\+\d+\): /);
    expect(rows.find((r) => r.statement_id === 'AT-31')?.polarity).toBe('bad (-1): -Lack');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain(`### In the wrong quadrant? (${flagged.length})`);
    expect(report).toContain(
      `${flagged.length} statements worded against their quadrant (see [For review](#for-review)).`,
    );
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      `<a href="#review">${flagged.length} statements worded against their quadrant</a>`,
    );
    expect(report).toContain(
      '“Lack of IT specialists in small manufacturing firms.” — Innovation Agency Upper Mur Valley (AT), strength',
    );
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { counts: { flaggedQuadrant: number } };
    expect(run.counts.flaggedQuadrant).toBe(flagged.length);
  });

  it('finds most of 30 statements moved between Strengths and Weaknesses, and little else', async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync('test/fixtures/swot-own/statements.csv', 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    // Every third strength or weakness, in file order, until 30: moved to the other quadrant.
    const moved = new Set(
      rows
        .filter((r) => r.quadrant === 'S' || r.quadrant === 'W')
        .filter((_, i) => i % 3 === 0)
        .slice(0, 30)
        .map((r) => r.id),
    );
    expect(moved.size).toBe(30);
    const dir = temporaryDir('swotlens-moved-');
    const input = join(dir, 'moved.csv');
    writeFileSync(
      input,
      Papa.unparse(rows.map((r) => (moved.has(r.id) ? { ...r, quadrant: r.quadrant === 'S' ? 'W' : 'S' } : r))),
    );
    const out = join(dir, 'report');
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    const flagged = readCsv(join(out, 'assignments.csv')).filter((r) => r.flags === 'quadrant');
    const found = flagged.filter((r) => moved.has(r.statement_id));
    expect(found.length / moved.size).toBeGreaterThanOrEqual(0.6);
    expect(found.length / flagged.length).toBeGreaterThanOrEqual(0.6);
  });
});
