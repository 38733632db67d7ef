/**
 * Compound bullets (a bullet that raises two topics gets a second theme) on real SWOT statements:
 * how many of the statements their authors wrote are read as compound, and — 30 compound bullets
 * made by joining two statements of one partner and quadrant that the analyst coded into different
 * themes ("…; …"), added to the set — how many are found, and how many get exactly the two themes
 * the same run gives their halves.
 *
 *   npm run bench:compound
 */
import { fileURLToPath } from 'node:url';
import { analyse } from '../src/index.js';
import { inputFile, swotDev, swotOwn } from './bench-quality.js';

type Labelled = NonNullable<ReturnType<typeof swotDev>>[number];

export async function measureCompound(
  statements: readonly Labelled[],
): Promise<{ statements: number; natural: number; made: number; found: number; right: number }> {
  const made: (Labelled & { halves: [string, string] })[] = [];
  const byKey = new Map<string, Labelled[]>();
  for (const s of statements) {
    const key = `${s.partner}\u0000${s.quadrant}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  for (const list of byKey.values()) {
    for (let i = 0; i + 1 < list.length && made.length < 30; i += 2) {
      const a = list[i] as Labelled;
      const b = list.slice(i + 1).find((x) => x.label !== a.label);
      if (!b) continue;
      made.push({
        ...a,
        id: `X${String(made.length + 1).padStart(2, '0')}`,
        text: `${a.text.replace(/[.;]\s*$/, '')}; ${b.text.charAt(0).toLowerCase()}${b.text.slice(1)}`,
        halves: [a.id, b.id],
      });
    }
  }
  const report = await analyse({ inputs: [inputFile([...statements, ...made])] });
  const themeOf = new Map(report.analysed.map((x) => [x.statement.id, x.assignment]));
  const natural = report.analysed.filter(
    (x) => !x.statement.id.startsWith('X') && x.assignment.themeId2 !== undefined,
  ).length;
  let found = 0;
  let right = 0;
  for (const m of made) {
    const a = themeOf.get(m.id);
    if (a?.themeId2 === undefined) continue;
    found++;
    const halves = new Set(m.halves.map((id) => themeOf.get(id)?.themeId ?? themeOf.get(id)?.nearestThemeId));
    if (halves.has(a.themeId) && halves.has(a.themeId2)) right++;
  }
  return { statements: statements.length, natural, made: made.length, found, right };
}

export async function benchCompound(): Promise<string> {
  const lines = ["set        statements  read as compound   30 made by joining two: found  with both halves' themes"];
  for (const [name, statements] of [
    ['swot-dev', swotDev('A')],
    ['swot-own', swotOwn()],
  ] as const) {
    if (!statements) {
      lines.push(`${name}: skipped (../shared/corpora/swot-dev is not there)`);
      continue;
    }
    const c = await measureCompound(statements);
    lines.push(
      `${name.padEnd(10)}${String(c.statements).padStart(11)}  ${String(c.natural).padStart(16)}   ${`${c.found} of ${c.made}`.padStart(30)}  ${String(c.right).padStart(16)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.stdout.write(`${await benchCompound()}\n`);
