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
import { CHROMIUM, CHROMIUM_ARGS, cli, readCsv, ROOT, temporaryDir } from '../helpers.js';

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('report.html in Chromium', () => {
  const out = join(temporaryDir(), 'inno-industry');
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    expect((await cli('run', 'pipelines/inno-industry.yaml', '--out', out)).code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
    // Without a filter or a change, the report's own sections stand: no recount is shown.
    expect(await page.locator('#recount').isVisible()).toBe(false);
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    expect(await page.locator('#heatmap .cell').count()).toBe(table.length * 5);
    const titles = await page
      .locator('#heatmap .theme')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('title')));
    expect(titles).toEqual(table.map((r) => `${r.theme_label} (${r.theme_id})`));
    const text = await page.locator('#themes').innerText();
    for (const r of table) expect(text).toContain(r.theme_label);
    const first = await page.locator('#heatmap .cell[data-theme="0"]').allTextContents();
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
    const totals = (await page.locator('#heatmap .cell[data-quadrant=""]').allTextContents()).map(Number);
    expect(Math.max(...totals)).toBe(1);
    // The theme × partner table recounts too: only the Italian partner's column keeps numbers.
    const partners = await page
      .locator('#partner-matrix thead th[scope=col]')
      .evaluateAll((ths) => ths.slice(1).map((th) => th.getAttribute('title') ?? ''));
    const italianName = readCsv(join(out, 'assignments.csv')).find((a) => a.country === 'IT')?.partner;
    const italian = partners.indexOf(italianName ?? '');
    expect(italian).toBeGreaterThanOrEqual(0);
    const others = await page.locator(`#partner-matrix .pcell:not([data-partner="${italian}"])`).allTextContents();
    expect(others.every((n) => n === '0')).toBe(true);
    // Consensus and divergence are recounted for the partners in view: with one partner, every
    // theme it raises (assigned or pinned) is consensus on its side, and none can be divergent.
    const recount = await page.locator('#recount').innerText();
    expect(recount).toContain('1 partner in view, consensus from 1');
    expect(recount).toContain('Divergent, and who could learn from whom — none.');
    const raised = new Set(
      readCsv(join(out, 'assignments.csv'))
        .filter((a) => a.country === 'IT' && (a.status === 'assigned' || a.status === 'pinned'))
        .map((a) => a.theme_label),
    );
    for (const label of raised) expect(recount).toContain(`${label} (as`);
    const assignments = readCsv(join(out, 'assignments.csv'));
    expect(await page.locator('#shown').innerText()).toBe(String(assignments.filter((a) => a.country === 'IT').length));
    // The review buttons count the country's statements with their status.
    const italianWith = (status: string) => assignments.filter((a) => a.country === 'IT' && a.status === status).length;
    expect(await page.locator('[data-show-status="2"]').innerText()).toBe(
      `Unassigned statements (${italianWith('unassigned')})`,
    );
    expect(await page.locator('[data-show-status="1"]').innerText()).toBe(
      `Borderline statements (${italianWith('borderline')})`,
    );
    mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
    await page.selectOption('#f-country', { label: 'all countries' });
    await page.locator('#heatmap .cell[data-theme="0"][data-quadrant="1"]').click();
    await page.screenshot({ path: join(ROOT, 'test', 'artifacts', 'report.png'), fullPage: true });
    expect(readFileSync(join(ROOT, 'test', 'artifacts', 'report.png')).length).toBeGreaterThan(10_000);
  });

  it('shows each partner in each theme, by short code with a legend, its statements on Enter', async () => {
    await page.selectOption('#f-country', { label: 'all countries' });
    const assignments = readCsv(join(out, 'assignments.csv'));
    const table = readCsv(join(out, 'theme-quadrant.csv'));
    const codes = await page.locator('#partner-matrix thead th[scope=col]').allInnerTexts();
    expect(codes.slice(1)).toContain('IT');
    expect(await page.locator('#by-partner .codes li').count()).toBe(codes.length - 1);
    const partners = await page
      .locator('#partner-matrix thead th[scope=col]')
      .evaluateAll((ths) => ths.slice(1).map((th) => th.getAttribute('title') ?? ''));
    // Each cell: the partner's assigned or pinned statements in the theme, as assignments.csv has them.
    for (const [t, row] of table.slice(0, 3).entries())
      for (const [p, partner] of partners.entries()) {
        const n = assignments.filter(
          (a) =>
            a.theme_id === row.theme_id && a.partner === partner && (a.status === 'assigned' || a.status === 'pinned'),
        ).length;
        expect(await page.locator(`#partner-matrix .pcell[data-theme="${t}"][data-partner="${p}"]`).innerText()).toBe(
          String(n),
        );
      }
    const cell = page.locator('#partner-matrix .pcell[data-theme="0"][data-partner="0"]');
    await cell.focus();
    await page.keyboard.press('Enter');
    const expected = assignments.filter((a) => a.theme_id === table[0]?.theme_id && a.partner === partners[0]);
    await expect.poll(() => page.locator('#statements li').count()).toBe(expected.length);
    expect(await page.locator('#panel-title').innerText()).toContain(`${table[0]?.theme_label} · ${partners[0]}`);
  });

  it('reaches every cell and theme by keyboard', async () => {
    await page.locator('#heatmap .theme').first().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('cell');
    await page.keyboard.press('Enter');
    expect(await page.locator('#panel').isVisible()).toBe(true);
    expect(await page.locator('#heatmap .cell:not([tabindex="0"])').count()).toBe(0);
    expect(await page.locator('#partner-matrix .pcell:not([tabindex="0"])').count()).toBe(0);
  });

  it('shows all four quadrants on a 390-pixel screen, and fills a 1400-pixel one', async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await narrow.goto(pathToFileURL(join(out, 'report.html')).href);
    for (const q of ['0', '1', '2', '3']) {
      const box = await narrow.locator(`#heatmap .cell[data-theme="0"][data-quadrant="${q}"]`).boundingBox();
      expect(box, `quadrant ${q}`).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await narrow.screenshot({ path: join(ROOT, 'test', 'artifacts', 'report-390.png'), fullPage: false });
    await narrow.close();
    const wide = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await wide.goto(pathToFileURL(join(out, 'report.html')).href);
    await wide.screenshot({ path: join(ROOT, 'test', 'artifacts', 'report-1400.png'), fullPage: false });
    await wide.close();
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
