/**
 * Theme quality against gold labels: NMI, ARI and accuracy on the public short-text sets in
 * ../shared/benchmarks and on the SWOT sample's gold themes, in two modes — the true number of
 * themes given, and chosen by swotlens — beside a plain TF-IDF + k-means baseline computed in the
 * same run (what an analyst would script with scikit-learn).
 *
 *   npm run bench:quality                  every set
 *   npm run bench:quality -- tweet 2000    one set, its first 2,000 items (taken evenly)
 *
 * Every statement counts, unassigned ones under the theme they are nearest to; the share of
 * unassigned statements is printed beside.
 */
import { fileURLToPath } from 'node:url';
import { ThemeSettings } from '../src/config/index.js';
import { represent } from '../src/represent/index.js';
import { analyseTerms, bundledGlossary } from '../src/terms/index.js';
import { applyEdits, findThemes, readCodebook } from '../src/themes/index.js';
import { adjustedRandIndex, clusteringAccuracy, normalizedMutualInformation } from '../src/themes/metrics.js';
import type { Statement } from '../src/model/index.js';
import { tfidfKMeans } from './baseline.js';
import { loadBenchmark, type LabelledText } from './benchmarks.js';
import { readCsvFile } from './csv.js';

export interface Scores {
  nmi: number;
  ari: number;
  acc: number;
  themes: number;
  seconds: number;
  unassigned?: number;
}

export interface QualityRow {
  set: string;
  items: number;
  labels: number;
  baseline: Scores;
  given: Scores;
  auto: Scores;
}

const SETS = ['stackoverflow', 'searchsnippets', 'biomedical', 'tweet', 'banking77'];

function scores(gold: readonly string[], predicted: readonly string[], seconds: number, unassigned?: number): Scores {
  return {
    nmi: normalizedMutualInformation(gold, predicted),
    ari: adjustedRandIndex(gold, predicted),
    acc: clusteringAccuracy(gold, predicted),
    themes: new Set(predicted).size,
    seconds,
    ...(unassigned === undefined ? {} : { unassigned }),
  };
}

/** The SWOT sample with the themes an analyst drew (test/fixtures/sample-gold/themes.csv). */
function swotSample(): { items: LabelledText[]; statements: Statement[] } {
  const gold = new Map(
    readCsvFile(fileURLToPath(new URL('../test/fixtures/sample-gold/themes.csv', import.meta.url))).map((r) => [
      r.statement_id,
      r.theme,
    ]),
  );
  const rows = readCsvFile(fileURLToPath(new URL('../data/sample/inno-industry-swot.csv', import.meta.url)));
  const statements: Statement[] = [];
  const items: LabelledText[] = [];
  for (const [i, r] of rows.entries()) {
    const label = gold.get(r.id ?? '');
    if (!label) continue;
    statements.push({
      id: r.id ?? '',
      source: 'sample',
      line: i + 2,
      partner: r.partner ?? '',
      country: r.country ?? '',
      quadrant: 'S',
      dimension: '',
      text: r.statement ?? '',
    });
    items.push({ text: r.statement ?? '', label });
  }
  return { items, statements };
}

function asStatements(items: readonly LabelledText[]): Statement[] {
  return items.map((item, i) => ({
    id: `b${String(i).padStart(6, '0')}`,
    source: 'bench',
    line: i + 2,
    partner: `Partner ${i % 10}`,
    country: 'AT',
    quadrant: 'S',
    dimension: '',
    text: item.text,
  }));
}

async function runSwotlens(statements: readonly Statement[], gold: readonly string[], count?: number): Promise<Scores> {
  const started = performance.now();
  const settings = ThemeSettings.parse(count ? { count } : {});
  const glossary = bundledGlossary();
  const terms = analyseTerms(statements, glossary);
  const themeSet = await findThemes(
    {
      statements,
      normalised: terms.statements,
      representation: represent(terms.statements, { semantic: settings.semantic }),
    },
    { settings, glossary },
  );
  const predicted = themeSet.assignments.map((a, i) => a.themeId ?? a.nearestThemeId ?? `none-${i}`);
  const unassigned = themeSet.assignments.filter((a) => a.status === 'unassigned').length / statements.length;
  return scores(gold, predicted, (performance.now() - started) / 1000, unassigned);
}

export async function measureSet(set: string, limit?: number): Promise<QualityRow | undefined> {
  let items: LabelledText[];
  let statements: Statement[];
  if (set === 'swot-sample') {
    ({ items, statements } = swotSample());
  } else {
    const all = loadBenchmark(set);
    if (!all) return undefined;
    items =
      limit && limit < all.length
        ? Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)] as LabelledText)
        : all;
    statements = asStatements(items);
  }
  const gold = items.map((i) => i.label);
  const k = new Set(gold).size;
  const started = performance.now();
  const baselineLabels = tfidfKMeans(
    items.map((i) => i.text),
    k,
  );
  const baseline = scores(gold, baselineLabels, (performance.now() - started) / 1000);
  return {
    set,
    items: items.length,
    labels: k,
    baseline,
    given: await runSwotlens(statements, gold, k),
    auto: await runSwotlens(statements, gold),
  };
}

const f = (x: number): string => x.toFixed(3);

/**
 * The SWOT sample with the analyst's codebook (label and a one-line definition per theme, no
 * keywords): the share of statements that land in their gold theme.
 */
export async function measureCodebook(): Promise<{ statements: number; accuracy: number; codebookShare: number }> {
  const { items, statements } = swotSample();
  const codebook = readCodebook(fileURLToPath(new URL('../test/fixtures/sample-gold/codebook.yaml', import.meta.url)));
  const settings = ThemeSettings.parse({});
  const glossary = bundledGlossary();
  const terms = analyseTerms(statements, glossary);
  const themeSet = await findThemes(
    {
      statements,
      normalised: terms.statements,
      representation: represent(terms.statements, { semantic: settings.semantic }),
    },
    { settings, glossary, codebook: applyEdits(codebook) },
  );
  const codebookIds = new Set(codebook.themes.map((t) => t.id));
  const right = themeSet.assignments.filter((a, i) => a.themeId === items[i]?.label).length;
  const inCodebook = themeSet.assignments.filter((a) => a.themeId !== undefined && codebookIds.has(a.themeId)).length;
  return {
    statements: statements.length,
    accuracy: right / statements.length,
    codebookShare: inCodebook / statements.length,
  };
}

export function formatQuality(rows: readonly QualityRow[]): string {
  const header =
    'set              items labels | baseline TF-IDF+k-means (k given) | swotlens, k given            | swotlens, k chosen';
  const sub =
    '                              |  NMI   ARI   ACC    s        |  NMI   ARI   ACC    s        |  NMI   ARI   ACC  themes unassigned    s';
  const lines = rows.map((r) =>
    [
      `${r.set.padEnd(16)} ${String(r.items).padStart(5)} ${String(r.labels).padStart(6)} |`,
      ` ${f(r.baseline.nmi)} ${f(r.baseline.ari)} ${f(r.baseline.acc)} ${r.baseline.seconds.toFixed(1).padStart(5)}        |`,
      ` ${f(r.given.nmi)} ${f(r.given.ari)} ${f(r.given.acc)} ${r.given.seconds.toFixed(1).padStart(5)}        |`,
      ` ${f(r.auto.nmi)} ${f(r.auto.ari)} ${f(r.auto.acc)} ${String(r.auto.themes).padStart(6)} ${(`${((r.auto.unassigned ?? 0) * 100).toFixed(1)}%`).padStart(10)} ${r.auto.seconds.toFixed(1).padStart(5)}`,
    ].join(''),
  );
  return [header, sub, ...lines].join('\n');
}

export async function benchQuality(
  sets: readonly string[] = [...SETS, 'swot-sample'],
  limit?: number,
): Promise<string> {
  const rows: QualityRow[] = [];
  const skipped: string[] = [];
  for (const set of sets) {
    const row = await measureSet(set, limit);
    if (row) rows.push(row);
    else skipped.push(set);
  }
  const notes = skipped.length > 0 ? `\nskipped (not found under ../shared/benchmarks): ${skipped.join(', ')}` : '';
  const codebook = sets.includes('swot-sample') ? await measureCodebook() : undefined;
  const codebookLine = codebook
    ? `\nswot-sample with the analyst's codebook (21 themes, label and one-line definition, no keywords): ${(codebook.accuracy * 100).toFixed(1)}% of ${codebook.statements} statements in their gold theme; ${(codebook.codebookShare * 100).toFixed(1)}% in some codebook theme`
    : '';
  return `${formatQuality(rows)}${notes}${codebookLine}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [set, limit] = process.argv.slice(2);
  process.stdout.write(`${await benchQuality(set ? [set] : undefined, limit ? Number(limit) : undefined)}\n`);
}
