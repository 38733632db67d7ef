/**
 * The report as an analyst opens it: report.html of the sample run in a real headless Chromium
 * (Debian's, driven by playwright-core; .ci/run installs it when missing). Skipped, and said so,
 * where there is no Chromium — except under CI (CI set), where a missing browser fails the run:
 * a green CI must mean the page was opened.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, readCsv, ROOT, temporaryDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('report.html in Chromium', () => {
  const out = join(temporaryDir(), 'inno-industry');
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    expect((await cli('run', 'pipelines/inno-industry.yaml', '--out', out)).code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens without a script error and loads nothing from the network', () => {
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });

  it('shows the heatmap: a row per theme of theme-quadrant.csv, five cells each, with its partner counts', async () => {
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    expect(await page.locator('#heatmap .cell').count()).toBe(table.length * 5);
    const titles = await page.locator('#heatmap .theme title').allTextContents();
    expect(titles).toEqual(table.map((r) => `${r.theme_label} (${r.theme_id})`));
    const text = await page.locator('#themes').innerText();
    for (const r of table) expect(text).toContain(r.theme_label);
    const first = await page.locator('#heatmap .cell[data-theme="0"] text').allTextContents();
    expect(first).toEqual([table[0]?.S, table[0]?.W, table[0]?.O, table[0]?.T, table[0]?.partners]);
  });

  it('lists the statements behind a cell, with partner, quadrant and why', async () => {
    const assignments = readCsv(join(out, 'assignments.csv'));
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    const themeId = assignments.find((a) => a.statement_id === 'PL-21')?.theme_id;
    const row = table.findIndex((r) => r.theme_id === themeId);
    await page.locator(`#heatmap .cell[data-theme="${row}"][data-quadrant="1"]`).click();
    const expected = assignments.filter((a) => a.theme_id === themeId && a.quadrant === 'W');
    await expect.poll(() => page.locator('#statements li').count()).toBe(expected.length);
    const text = await page.locator('#statements').innerText();
    expect(text).toContain('Poor broadband in rural municipalities.');
    expect(text).toContain('Wielkopolska East Development Agency (PL) · Weakness');
    expect(text).toMatch(/shares .* score 0\.\d\d without itself, margin -?0\.\d\d/);
    expect(await page.locator('#panel-title').innerText()).toBe(
      `${table[row]?.theme_label} · Weakness — ${expected.length} statement${expected.length === 1 ? '' : 's'}`,
    );
  });

  it('filters by country: the counts become those of its partners only', async () => {
    await page.selectOption('#f-country', { label: 'IT' });
    const totals = (await page.locator('#heatmap .cell[data-quadrant=""] text').allTextContents()).map(Number);
    expect(Math.max(...totals)).toBe(1);
    const assignments = readCsv(join(out, 'assignments.csv'));
    expect(await page.locator('#shown').innerText()).toBe(String(assignments.filter((a) => a.country === 'IT').length));
    mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
    await page.selectOption('#f-country', { label: 'all countries' });
    await page.locator('#heatmap .cell[data-theme="0"][data-quadrant="1"]').click();
    await page.screenshot({ path: join(ROOT, 'test', 'artifacts', 'report.png'), fullPage: true });
    expect(readFileSync(join(ROOT, 'test', 'artifacts', 'report.png')).length).toBeGreaterThan(10_000);
  });

  it('shows the senses by country and the review lists', async () => {
    const countries = await page
      .locator('#terminology table')
      .first()
      .locator('tbody tr td:first-child')
      .allInnerTexts();
    expect(countries).toContain('IT');
    expect(await page.locator('#terminology th').allInnerTexts()).toContain('Unread');
    await page.locator('[data-show-status="1"]').click();
    expect(await page.locator('#panel-title').innerText()).toMatch(/^Borderline statements — \d+ statements?$/);
  });
});
