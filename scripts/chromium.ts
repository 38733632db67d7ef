/**
 * Debian's Chromium as the browser tests and the speed bench drive it (see the machine notes: no
 * background networking), and the time a report page takes to open in it.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Milliseconds from navigation to the end of the load event of `report.html` (its script has run by
 * then: it is inline), median of `runs` fresh pages; undefined without Chromium.
 */
export async function pageOpens(path: string, runs = 3): Promise<number | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      times.push(
        await page.evaluate(
          () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        ),
      );
      await page.close();
    }
    return times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
  } finally {
    await browser.close();
  }
}
