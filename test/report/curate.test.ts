/**
 * Curating in report.html, end to end in Chromium: edits made in the page recount the heatmap,
 * outlive a reload, undo, and download as the codebook.yaml that `swotlens run --codebook` reads —
 * the rerun shows every edit. Skipped where Debian's Chromium is missing, except under CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, cli, readCsv, temporaryDir } from '../helpers.js';

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('curating in report.html', () => {
  const dir = temporaryDir('swotlens-curate-');
  const out = join(dir, 'report');
  const input = 'data/sample/inno-industry-swot.csv';
  let browser: Browser;
  let page: Page;
  const answers: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept(answers.shift() ?? ''));
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const themes = () => readCsv(join(out, 'theme-quadrant.csv'));
  const cellText = (theme: number, quadrant: string) =>
    page.locator(`#heatmap .cell[data-theme="${theme}"][data-quadrant="${quadrant}"]`).innerText();

  it('moves, excludes, renames, merges and splits from the statements panel, recounting as it goes', async () => {
    const table = themes();
    const assignments = readCsv(join(out, 'assignments.csv'));
    // A statement of theme 0 from a partner that has no other statement in theme 1: moving it there
    // raises theme 1's count of partners by one.
    const inOne = new Set(
      assignments.filter((a) => a.theme_id === table[1]?.theme_id && a.status !== 'borderline').map((a) => a.partner),
    );
    const mover = assignments.find((a) => a.theme_id === table[0]?.theme_id && !inOne.has(a.partner));
    if (!mover) throw new Error('no statement to move');
    const before = Number(await cellText(1, ''));
    await page.locator('#heatmap .theme[data-theme="0"]').click();
    await page.locator(`select[data-move="${mover.statement_id}"]`).selectOption('1');
    await expect.poll(() => cellText(1, '')).toBe(String(before + 1));
    // Exclude a statement of theme 2.
    const excluded = assignments.find((a) => a.theme_id === table[2]?.theme_id);
    if (!excluded) throw new Error('no statement to exclude');
    await page.locator('#heatmap .theme[data-theme="2"]').click();
    answers.push('a best practice, not a SWOT statement');
    await page.locator(`button[data-exclude="${excluded.statement_id}"]`).click();
    await expect.poll(() => page.locator(`#statements [data-exclude="${excluded.statement_id}"]`).count()).toBe(0);
    // Rename theme 3, merge theme 4 into theme 5.
    await page.locator('#heatmap .theme[data-theme="3"]').click();
    answers.push('Renamed in the page');
    await page.locator('#rename').click();
    await expect.poll(() => page.locator('#heatmap .theme[data-theme="3"]').innerText()).toBe('Renamed in the page');
    // The box recounts as the command line counts: the rename changes no count, so the box lists
    // consensus and divergence as the run's table has them, but for the themes the move (0, 1)
    // and the exclusion (2) changed.
    const box = await page.locator('#recount').innerText();
    const label = (r: (typeof table)[number]) => (r === table[3] ? 'Renamed in the page' : r.theme_label);
    for (const r of table.slice(3)) {
      expect(box.includes(`${label(r)} (as`), `${r.theme_label} consensus`).toBe(r.consensus === 'yes');
      expect(box.includes(`${label(r)} (a strength for`), `${r.theme_label} divergent`).toBe(r.divergent === 'yes');
    }
    expect(await page.locator('#consensus .whole-run').isVisible()).toBe(true);
    await page.locator('#heatmap .theme[data-theme="4"]').click();
    await page.locator('#merge').selectOption('5');
    await expect.poll(() => cellText(4, '')).toBe('0');
    // Consensus and divergence are recounted under the changes: the merged theme, a consensus
    // theme of the sample and in the box before the merge (the checks above), is gone from them.
    expect(table[4]?.consensus).toBe('yes');
    const recount = await page.locator('#recount').innerText();
    expect(recount).toMatch(/^Under your changes \(\d+ partners in view, consensus from \d+\)/);
    expect(recount).not.toContain(`${table[4]?.theme_label} (as`);
    // Split two statements of theme 6 off into a new theme: a new row with its own counts.
    const parted = assignments.filter((a) => a.theme_id === table[6]?.theme_id).slice(0, 2);
    await page.locator('#heatmap .theme[data-theme="6"]').click();
    for (const a of parted) await page.locator(`input[data-select="${a.statement_id}"]`).check();
    answers.push('Split off in the page');
    await page.locator('#split').click();
    const newRow = page.locator('#heatmap tr.added');
    await expect.poll(() => newRow.locator('.theme').innerText()).toBe('Split off in the page');
    expect(Number(await newRow.locator('.cell[data-quadrant=""]').innerText())).toBe(
      new Set(parted.map((a) => a.partner)).size,
    );
    expect(await page.locator('#edit-list li').allInnerTexts()).toEqual([
      `Moved ${mover.statement_id} to “${table[1]?.theme_label}”`,
      `Excluded ${excluded.statement_id}: a best practice, not a SWOT statement`,
      `Renamed “${table[3]?.theme_label}” to “Renamed in the page”`,
      `Merged “${table[4]?.theme_label}” into “${table[5]?.theme_label}”`,
      `Split 2 statements off “${table[6]?.theme_label}” as “Split off in the page”`,
    ]);
    expect(errors).toEqual([]);
  });

  it('keeps the edits across a reload, and undoes the last', async () => {
    await page.reload();
    expect(await page.locator('#edit-list li').count()).toBe(5);
    expect(await page.locator('#heatmap tr.added .theme').innerText()).toBe('Split off in the page');
    await page.locator('#undo').click();
    expect(await page.locator('#heatmap tr.added').count()).toBe(0);
    await page.locator('#undo').click();
    expect(await page.locator('#edit-list li').count()).toBe(3);
    expect(Number(await cellText(4, ''))).toBeGreaterThan(0);
    await page.locator('#heatmap .theme[data-theme="4"]').click();
    await page.locator('#merge').selectOption('5');
    const table = themes();
    const parted = readCsv(join(out, 'assignments.csv'))
      .filter((a) => a.theme_id === table[6]?.theme_id)
      .slice(0, 2);
    await page.locator('#heatmap .theme[data-theme="6"]').click();
    for (const a of parted) await page.locator(`input[data-select="${a.statement_id}"]`).check();
    answers.push('Split off in the page');
    await page.locator('#split').click();
    expect(await page.locator('#edit-list li').count()).toBe(5);
    // Move a statement of theme 7 to review: out of every theme, the partner's count goes with it.
    const seven = readCsv(join(out, 'assignments.csv')).filter(
      (a) => a.theme_id === table[7]?.theme_id && (a.status === 'assigned' || a.status === 'pinned'),
    );
    const lone = seven.find((a) => seven.filter((b) => b.partner === a.partner).length === 1);
    if (!lone) throw new Error('no statement to move to review');
    const partners = Number(await cellText(7, ''));
    await page.locator('#heatmap .theme[data-theme="7"]').click();
    await page.locator(`select[data-move="${lone.statement_id}"]`).selectOption('review');
    await expect.poll(() => cellText(7, '')).toBe(String(partners - 1));
    expect(await page.locator('#edit-list li').last().innerText()).toBe(`Moved ${lone.statement_id} to review`);
  });

  it('downloads the codebook the command line reads, and the rerun shows every edit', async () => {
    const table = themes();
    const assignments = readCsv(join(out, 'assignments.csv'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('codebook.yaml');
    const path = join(dir, 'codebook.yaml');
    await download.saveAs(path);
    const again = join(dir, 'again');
    expect((await cli('run', '--input', input, '--codebook', path, '--out', again)).code).toBe(0);
    const edits = (
      JSON.parse(readFileSync(join(again, 'run.json'), 'utf8')) as {
        edits: Record<string, { statement?: string; id?: string; from?: string; into?: string; to?: string }[]>;
      }
    ).edits;
    const list = await page.locator('#edit-list li').allInnerTexts();
    const moved = /^Moved (\S+) to/.exec(list[0] ?? '')?.[1] ?? '';
    const gone = /^Excluded (\S+):/.exec(list[1] ?? '')?.[1] ?? '';
    const held = /^Moved (\S+) to review$/.exec(list[5] ?? '')?.[1] ?? '';
    expect(edits.unassigned).toEqual([held]);
    const parted = assignments.filter((a) => a.theme_id === table[6]?.theme_id).slice(0, 2);
    expect(edits.pinned).toEqual(
      [
        { statement: moved, theme: table[1]?.theme_id },
        ...parted.map((a) => ({ statement: a.statement_id ?? '', theme: 'split_off_in_the_page' })),
      ].sort((a, b) => (a.statement < b.statement ? -1 : 1)),
    );
    for (const a of parted)
      expect(readCsv(join(again, 'assignments.csv')).find((r) => r.statement_id === a.statement_id)).toMatchObject({
        theme_id: 'split_off_in_the_page',
        theme_label: 'Split off in the page',
        status: 'pinned',
      });
    expect(edits.excluded).toEqual([{ statement: gone, reason: 'a best practice, not a SWOT statement' }]);
    expect(edits.renamed).toEqual([{ id: table[3]?.theme_id, from: table[3]?.theme_label, to: 'Renamed in the page' }]);
    expect(edits.merged).toEqual([{ into: table[5]?.theme_id, from: table[4]?.theme_id }]);
    const after = new Map(readCsv(join(again, 'assignments.csv')).map((a) => [a.statement_id, a]));
    expect(after.get(moved)).toMatchObject({ theme_id: table[1]?.theme_id, status: 'pinned' });
    expect(after.has(gone)).toBe(false);
    expect(after.get(held)).toMatchObject({
      theme_id: '',
      status: 'unassigned',
      why: 'moved to review by the analyst: in no theme',
    });
    expect(readCsv(join(again, 'rejected.csv')).find((r) => r.reason?.includes('a best practice'))).toBeDefined();
    const rows = new Map(readCsv(join(again, 'theme-quadrant.csv')).map((r) => [r.theme_id, r]));
    expect(rows.get(table[3]?.theme_id ?? '')?.theme_label).toBe('Renamed in the page');
    expect(rows.has(table[4]?.theme_id ?? '')).toBe(false);
    // The merged theme's statements are in the theme that absorbed it.
    for (const a of assignments.filter((x) => x.theme_id === table[4]?.theme_id && x.status === 'assigned'))
      expect(after.get(a.statement_id)?.theme_id, a.statement_id).toBe(table[5]?.theme_id);
  });
});
