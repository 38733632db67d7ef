/**
 * Theme quality against gold labels: NMI, ARI and accuracy on the public short-text sets in
 * ../shared/benchmarks and on the SWOT sample's gold themes, in two modes — the true number of
 * themes given, and chosen by swotlens — beside a plain TF-IDF + k-means baseline computed in the
 * same run (what an analyst would script with scikit-learn).
 *
 *   npm run bench:quality                  every set
 *   npm run bench:quality -- tweet 2000    one set, its first 2,000 items (taken evenly)
 *   npm run bench:quality -- swot-dev-A,swot-dev-B,swot-own    some sets
 *
 * swotlens runs as its users run it, through `analyse()` on the statements written as an input
 * file. Every statement read counts, unassigned ones under the theme they are nearest to; the
 * share of unassigned statements is printed beside.
 */
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { type Overrepresentation, standsOut } from '../src/compare/index.js';
import { analyse, codebookOf, type RunReport } from '../src/index.js';
import type { SettingsOverrides } from '../src/config/index.js';
import { formatCodebook, partitionQuality, readCodebook } from '../src/themes/index.js';
import { type AnalysedStatement, isEvidence } from '../src/model/index.js';
import { adjustedRandIndex, clusteringAccuracy, normalizedMutualInformation } from '../src/themes/metrics.js';
import { hasSklearn, PYTHON, tfidfKMeans } from './baseline.js';
import { loadBenchmark, type LabelledText } from './benchmarks.js';
import { readCsvFile } from './csv.js';

export interface Scores {
  nmi: number;
  ari: number;
  acc: number;
  themes: number;
  seconds: number;
  unassigned?: number;
  /** NMI with the statements left for review counted as one group, not under their nearest theme. */
  reviewNmi?: number;
  /** NMI and ARI over the statements given a theme (assigned or borderline) alone. */
  themedNmi?: number;
  themedAri?: number;
  /** The share of the statements in a theme that are in a loose one, and the chosen partition's silhouette (run.json's partition). */
  loose?: number;
  silhouette?: number | null;
  /**
   * The statements assigned (what the report counts as evidence) and the share of them whose gold
   * label is their theme's most common one among its assigned and borderline statements.
   */
  assigned?: number;
  assignedPure?: number;
  /** How much the themes follow the partners (NMI between theme and partner), and the gold labels do. */
  partnerNmi?: number;
  goldPartnerNmi?: number;
  /** How much the themes follow the side a statement is on (strength or opportunity, weakness or threat), and the gold labels do. */
  sideNmi?: number;
  goldSideNmi?: number;
}

/** Of the statements with status `assigned`, the share whose label is their theme's most common (over its assigned and borderline statements). */
function assignedPurity(assignments: readonly AnalysedStatement['assignment'][], labels: readonly string[]): number {
  const counts = new Map<string, Map<string, number>>();
  assignments.forEach((a, i) => {
    if (a.status === 'unassigned' || a.themeId === undefined) return;
    const theme = counts.get(a.themeId) ?? new Map<string, number>();
    counts.set(a.themeId, theme);
    theme.set(labels[i] as string, (theme.get(labels[i] as string) ?? 0) + 1);
  });
  const top = new Map(
    [...counts].map(([theme, c]) => [theme, [...c].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0]]),
  );
  let assigned = 0;
  let pure = 0;
  assignments.forEach((a, i) => {
    if (a.status !== 'assigned' || a.themeId === undefined) return;
    assigned++;
    if (top.get(a.themeId) === labels[i]) pure++;
  });
  return assigned === 0 ? 0 : pure / assigned;
}

export interface QualityRow {
  set: string;
  items: number;
  /** Statements swotlens read: a text given twice by one partner is read once. */
  read: number;
  labels: number;
  baseline: Scores;
  given: Scores;
  auto: Scores;
  /** scikit-learn's own NMI on the same texts (TfidfVectorizer + KMeans, its defaults), when it is installed. */
  sklearn?: number;
}

/** scikit-learn itself on the texts, k given, as scripts/sklearn_baseline.py runs it; undefined without it. */
function sklearnNmi(statements: readonly LabelledStatement[], k: number): number | undefined {
  if (!hasSklearn()) return undefined;
  const path = join(mkdtempSync(join(tmpdir(), 'swotlens-sklearn-')), 'statements.csv');
  writeFileSync(
    path,
    `${Papa.unparse([['statement', 'gold'], ...statements.map((s) => [s.text, s.label])], { newline: '\n' })}\n`,
  );
  const run = spawnSync(PYTHON, [fileURLToPath(new URL('sklearn_baseline.py', import.meta.url)), path, String(k)], {
    encoding: 'utf8',
  });
  return run.status === 0 ? (JSON.parse(run.stdout) as { nmi: number }).nmi : undefined;
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

/** A labelled statement as swotlens reads it: a row of an input file. */
interface LabelledStatement {
  id: string;
  partner: string;
  country: string;
  quadrant: string;
  text: string;
  label: string;
}

/** The SWOT sample with the themes an analyst drew (test/fixtures/sample-gold/themes.csv), as the sample has it. */
function swotSample(): LabelledStatement[] {
  const gold = new Map(
    readCsvFile(fileURLToPath(new URL('../test/fixtures/sample-gold/themes.csv', import.meta.url))).map((r) => [
      r.statement_id,
      r.theme,
    ]),
  );
  const rows = readCsvFile(fileURLToPath(new URL('../data/sample/inno-industry-swot.csv', import.meta.url)));
  return rows.flatMap((r): LabelledStatement[] => {
    const label = gold.get(r.id ?? '');
    return label
      ? [
          {
            id: r.id ?? '',
            partner: r.partner ?? '',
            country: r.country ?? '',
            quadrant: r.quadrant ?? '',
            text: r.statement ?? '',
            label,
          },
        ]
      : [];
  });
}

const SWOT_DEV = fileURLToPath(new URL('../../shared/corpora/swot-dev/', import.meta.url));

/**
 * The real development set (../shared/corpora/swot-dev): 363 SWOT items from 21 public strategies,
 * each region a partner, with one analyst's coding (A or B) as gold; undefined when absent.
 */
export function swotDev(coding: 'A' | 'B'): LabelledStatement[] | undefined {
  if (!existsSync(join(SWOT_DEV, 'statements.csv'))) return undefined;
  const gold = new Map(readCsvFile(join(SWOT_DEV, `coding-${coding}.csv`)).map((r) => [r.id, r.theme]));
  return readCsvFile(join(SWOT_DEV, 'statements.csv')).flatMap((r): LabelledStatement[] => {
    const label = gold.get(r.id ?? '');
    return label
      ? [
          {
            id: r.id ?? '',
            partner: r.region ?? '',
            // An EU-wide sector SWOT names no country: read as Belgian, where the EU sits.
            country: r.country === 'EU' ? 'BE' : (r.country ?? ''),
            quadrant: r.quadrant ?? '',
            text: r.statement ?? '',
            label,
          },
        ]
      : [];
  });
}

const SWOT_OWN = fileURLToPath(new URL('../test/fixtures/swot-own/statements.csv', import.meta.url));

/**
 * Our own real set (test/fixtures/swot-own): 132 SWOT items from nine public regional, innovation
 * and cluster strategies, rewritten, each source a partner, coded into 17 themes by one of us
 * before swotlens was run on it. Nothing was tuned on it: it is the held-out check.
 */
export function swotOwn(): LabelledStatement[] {
  return readCsvFile(SWOT_OWN).map((r) => ({
    id: r.id ?? '',
    partner: r.partner ?? '',
    country: r.country ?? '',
    quadrant: r.quadrant ?? '',
    text: r.statement ?? '',
    label: r.theme ?? '',
  }));
}

/** A benchmark's texts as statements of ten partners in one country, all strengths. */
function asStatements(items: readonly LabelledText[]): LabelledStatement[] {
  return items.map((item, i) => ({
    id: `b${String(i).padStart(6, '0')}`,
    // Codes, not words: a partner's name must not reach the text ("partner" is a word of SearchSnippets).
    partner: `P${i % 10}`,
    country: 'AT',
    quadrant: 'S',
    text: item.text,
    label: item.label,
  }));
}

/** Writes the statements as an input file, as an analyst would give them. */
export function inputFile(statements: readonly LabelledStatement[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'swotlens-quality-')), 'statements.csv');
  const rows = statements.map((s) => [s.id, s.partner, s.country, s.quadrant, s.text]);
  writeFileSync(
    path,
    `${Papa.unparse([['id', 'partner', 'country', 'quadrant', 'statement'], ...rows], { newline: '\n' })}\n`,
  );
  return path;
}

/**
 * Theme settings to try instead of the defaults, as JSON in BENCH_THEMES (for example
 * `BENCH_THEMES='{"coherenceFloor":0.2}' npm run bench:quality`, or `{"meaning":"sentences"}`): how the defaults were chosen.
 */
const TRIED: NonNullable<SettingsOverrides['themes']> = JSON.parse(process.env.BENCH_THEMES ?? '{}');

/**
 * swotlens as its users run it, through `analyse()`: the statements it reads (a text given twice
 * by one partner is read once) scored against their gold labels.
 */
async function runSwotlens(
  input: string,
  gold: ReadonlyMap<string, string>,
  options: { count?: number; codebook?: string } = {},
): Promise<Scores & { report: RunReport }> {
  const started = performance.now();
  const report = await analyse({
    inputs: [input],
    themes: { ...TRIED, ...(options.count ? { count: options.count } : {}) },
    ...(options.codebook ? { codebook: options.codebook } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const kept = report.statements.flatMap((s, i) => (gold.has(s.id) ? [i] : []));
  const assignments = kept.map((i) => (report.analysed[i] as AnalysedStatement).assignment);
  const labels = kept.map((i) => gold.get(report.statements[i]?.id ?? '') as string);
  const predicted = assignments.map((a, i) => a.themeId ?? a.nearestThemeId ?? `none-${i}`);
  const unassigned = assignments.filter((a) => a.status === 'unassigned').length / Math.max(1, kept.length);
  // The stricter reading: statements left for review (unassigned) counted as one group of their own.
  const reviewed = assignments.map((a) => (a.status === 'unassigned' ? '(review)' : (a.themeId ?? '(review)')));
  const themed = assignments.flatMap((a, i) => (a.status === 'unassigned' ? [] : [i]));
  const partition = partitionQuality(report.themeSet);
  const sides = kept.map((i) => (['S', 'O'].includes(report.statements[i]?.quadrant ?? '') ? '+' : '-'));
  const partners = kept.map((i) => report.statements[i]?.partner ?? '');
  return {
    ...scores(labels, predicted, seconds, unassigned),
    reviewNmi: normalizedMutualInformation(labels, reviewed),
    themedNmi: normalizedMutualInformation(
      themed.map((i) => labels[i] as string),
      themed.map((i) => predicted[i] as string),
    ),
    themedAri: adjustedRandIndex(
      themed.map((i) => labels[i] as string),
      themed.map((i) => predicted[i] as string),
    ),
    loose: partition.lowCoherence,
    silhouette: partition.silhouette,
    partnerNmi: normalizedMutualInformation(partners, predicted),
    goldPartnerNmi: normalizedMutualInformation(partners, labels),
    sideNmi: normalizedMutualInformation(sides, predicted),
    goldSideNmi: normalizedMutualInformation(sides, labels),
    assigned: assignments.filter((a) => a.status === 'assigned').length,
    assignedPure: assignedPurity(assignments, labels),
    report,
  };
}

export async function measureSet(set: string, limit?: number): Promise<QualityRow | undefined> {
  let statements: LabelledStatement[];
  if (set === 'swot-sample') {
    statements = swotSample();
  } else if (set === 'swot-own') {
    statements = swotOwn();
  } else if (set === 'swot-dev-A' || set === 'swot-dev-B') {
    const dev = swotDev(set === 'swot-dev-A' ? 'A' : 'B');
    if (!dev) return undefined;
    statements = dev;
  } else {
    const all = loadBenchmark(set);
    if (!all) return undefined;
    const items =
      limit && limit < all.length
        ? Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)] as LabelledText)
        : all;
    statements = asStatements(items);
  }
  const gold = statements.map((s) => s.label);
  const k = new Set(gold).size;
  const started = performance.now();
  const baselineLabels = tfidfKMeans(
    statements.map((s) => s.text),
    k,
  );
  const baseline = scores(gold, baselineLabels, (performance.now() - started) / 1000);
  const sklearn = sklearnNmi(statements, k);
  const input = inputFile(statements);
  const byId = new Map(statements.map((s) => [s.id, s.label]));
  const given = await runSwotlens(input, byId, { count: k });
  const auto = await runSwotlens(input, byId);
  return {
    set,
    items: statements.length,
    read: auto.report.statements.length,
    labels: k,
    baseline,
    given,
    auto,
    ...(sklearn === undefined ? {} : { sklearn }),
  };
}

/**
 * The SWOT sample with the analyst's codebook (label and a one-line definition per theme, no
 * keywords): the share of statements that land in their gold theme.
 */
export async function measureCodebook(): Promise<{ statements: number; accuracy: number; codebookShare: number }> {
  const statements = swotSample();
  const codebookPath = fileURLToPath(new URL('../test/fixtures/sample-gold/codebook.yaml', import.meta.url));
  const codebook = readCodebook(codebookPath);
  const gold = new Map(statements.map((s) => [s.id, s.label]));
  const { report } = await runSwotlens(inputFile(statements), gold, { codebook: codebookPath });
  const codebookIds = new Set(codebook.themes.map((t) => t.id));
  const assigned = report.analysed.map(({ statement: s, assignment: a }) => [s.id, a.themeId] as const);
  const right = assigned.filter(([id, theme]) => theme !== undefined && gold.get(id) === theme).length;
  const inCodebook = assigned.filter(([, theme]) => theme !== undefined && codebookIds.has(theme)).length;
  return {
    statements: report.statements.length,
    accuracy: right / report.statements.length,
    codebookShare: inCodebook / report.statements.length,
  };
}

const f = (x: number): string => x.toFixed(3);

export function formatQuality(rows: readonly QualityRow[]): string {
  const header =
    'set              items  read labels | baseline TF-IDF+k-means (k given) | swotlens, k given            | swotlens, k chosen';
  const sub =
    '                                    |  NMI   ARI   ACC    s        |  NMI   ARI   ACC    s        |  NMI   ARI   ACC  themes unassigned    s';
  const lines = rows.map((r) =>
    [
      `${r.set.padEnd(16)} ${String(r.items).padStart(5)} ${String(r.read).padStart(5)} ${String(r.labels).padStart(6)} |`,
      ` ${f(r.baseline.nmi)} ${f(r.baseline.ari)} ${f(r.baseline.acc)} ${r.baseline.seconds.toFixed(1).padStart(5)}        |`,
      ` ${f(r.given.nmi)} ${f(r.given.ari)} ${f(r.given.acc)} ${r.given.seconds.toFixed(1).padStart(5)}        |`,
      ` ${f(r.auto.nmi)} ${f(r.auto.ari)} ${f(r.auto.acc)} ${String(r.auto.themes).padStart(6)} ${(`${((r.auto.unassigned ?? 0) * 100).toFixed(1)}%`).padStart(10)} ${r.auto.seconds.toFixed(1).padStart(5)}`,
    ].join(''),
  );
  const sklearn = rows.filter((r) => r.sklearn !== undefined);
  const own =
    sklearn.length === 0
      ? '\n(scikit-learn is not installed here: the baseline columns are its method, run in TypeScript — ten starts of greedy k-means++ and Lloyd, the lowest inertia kept)'
      : `\nscikit-learn itself on the same texts, k given (TfidfVectorizer + KMeans, its defaults): ${sklearn.map((r) => `${r.set} ${f(r.sklearn ?? 0)}`).join(', ')}`;
  return [header, sub, ...lines].join('\n') + own;
}

export async function benchQuality(
  sets: readonly string[] = [...SETS, 'swot-sample', 'swot-dev-A', 'swot-dev-B', 'swot-own'],
  limit?: number,
): Promise<string> {
  const rows: QualityRow[] = [];
  const skipped: string[] = [];
  for (const set of sets) {
    const row = await measureSet(set, limit);
    if (row) rows.push(row);
    else skipped.push(set);
  }
  const notes =
    skipped.length > 0
      ? `\nskipped (not found under ../shared/benchmarks or ../shared/corpora): ${skipped.join(', ')}`
      : '';
  const codebook = sets.includes('swot-sample') ? await measureCodebook() : undefined;
  const codebookLine = codebook
    ? `\nswot-sample with the analyst's codebook (21 themes, label and one-line definition, no keywords): ${(codebook.accuracy * 100).toFixed(1)}% of ${codebook.statements} statements in their gold theme; ${(codebook.codebookShare * 100).toFixed(1)}% in some codebook theme`
    : '';
  const dev = rows.filter((r) => r.set.startsWith('swot-dev') || r.set === 'swot-own');
  const devLines = dev.map(
    (r) =>
      `\n${r.set}, k chosen, statements left for review counted as one group: NMI ${f(r.auto.reviewNmi ?? 0)}, ` +
      `${((1 - (r.auto.unassigned ?? 0)) * 100).toFixed(1)}% of the statements given a theme; ` +
      `on those alone NMI ${f(r.auto.themedNmi ?? 0)}, ARI ${f(r.auto.themedAri ?? 0)}; ` +
      `${((r.auto.loose ?? 0) * 100).toFixed(1)}% of them in loose themes (coherence under 0.25), silhouette ${r.auto.silhouette === null || r.auto.silhouette === undefined ? 'not chosen' : f(r.auto.silhouette)}; ` +
      `of the ${r.auto.assigned ?? 0} assigned (what the report counts), ${((r.auto.assignedPure ?? 0) * 100).toFixed(1)}% carry their theme's most common label; ` +
      `themes follow the partners at NMI ${f(r.auto.partnerNmi ?? 0)} (the gold themes ${f(r.auto.goldPartnerNmi ?? 0)}), ` +
      `the side (strength or opportunity, weakness or threat) at ${f(r.auto.sideNmi ?? 0)} (${f(r.auto.goldSideNmi ?? 0)})` +
      (r.set === 'swot-own' ? ' (held out: nothing was tuned on it)' : ' (the two analysts agree at NMI 0.908)'),
  );
  const naming = sets.some((set) => set.startsWith('swot-dev')) ? await measureNaming() : undefined;
  const namingLine =
    naming === undefined
      ? ''
      : `\nswot-dev with partners named by short codes instead of their names: ARI ${f(naming)} between the two runs' themes`;
  const rerun = sets.some((set) => set.startsWith('swot-dev')) ? await measureRerun() : undefined;
  const rerunLine =
    rerun === undefined
      ? ''
      : `\nswot-dev run again with its own codebook.yaml: ${rerun.kept} of ${rerun.statements} statements in the same theme (review as one); ${rerun.ids ? 'the same themes, every id kept' : 'the themes differ'}`;
  const labelLines: string[] = [];
  for (const coding of ['A', 'B'] as const) {
    if (!sets.includes(`swot-dev-${coding}`)) continue;
    const l = await measureLabels(coding);
    if (l)
      labelLines.push(
        `\nswot-dev labels naming analyst ${coding}'s theme (a word of its name or definition): ${l.named} of ${l.themes} themes, holding ${(l.statements * 100).toFixed(1)}% of the statements in a theme`,
      );
  }
  for (const set of ['swot-dev-A', 'swot-dev-B', 'swot-own'] as const) {
    if (!sets.includes(set)) continue;
    const c = await measureAnalystCodebook(set);
    if (c)
      labelLines.push(
        `\n${set} with its analyst's own ${c.themes} themes as the codebook (name and definition): ${(c.accuracy * 100).toFixed(1)}% of ${c.statements} statements in that analyst's theme; ${(c.codebookShare * 100).toFixed(1)}% in some codebook theme; of the ${c.evidence} assigned (what the report counts), ${((c.evidenceRight / Math.max(1, c.evidence)) * 100).toFixed(1)}% in that theme` +
          (set === 'swot-own' ? ' (held out)' : ''),
      );
  }
  const standing = sets.some((set) => set.startsWith('swot-dev')) ? await measureStandsOut() : undefined;
  const standingLines = (standing ?? []).map(
    (s) =>
      `\nswot-dev, what stands out (partners or countries raising a theme beyond their share, q ≤ 0.1): swotlens ${s.ours} findings, ${s.matched} of them also in analyst ${s.coding}'s coding; it finds ${s.recalled} of the ${s.theirs} found on that coding`,
  );
  return `${formatQuality(rows)}${notes}${codebookLine}${devLines.join('')}${namingLine}${rerunLine}${labelLines.join('')}${standingLines.join('')}`;
}

/**
 * Whether what stands out holds: over-representations found on swotlens' themes of the real
 * development set against those found, by the same test, on each analyst's coding. A finding of
 * swotlens matches one of the analyst's for the same partner or country when at least half of its
 * statements are in the analyst's theme.
 */
export async function measureStandsOut(): Promise<
  { coding: 'A' | 'B'; ours: number; matched: number; theirs: number; recalled: number }[] | undefined
> {
  const statements = swotDev('A');
  if (!statements) return undefined;
  const report = await analyse({ themes: TRIED, inputs: [inputFile(statements)] });
  const group = (by: Overrepresentation['by'], s: { partner: string; country: string }): string =>
    by === 'partner' ? `p:${s.partner}` : `c:${s.country}`;
  /** Per finding (theme, partner or country): the ids of its statements in the theme. */
  const members = (
    found: Map<string, Overrepresentation[]>,
    themeOf: (id: string) => string | undefined,
    all: readonly LabelledStatement[],
  ) =>
    [...found].flatMap(([theme, list]) =>
      list.map(
        (o) =>
          new Set(
            all
              .filter(
                (s) =>
                  themeOf(s.id) === theme && group(o.by, s) === (o.by === 'partner' ? `p:${o.name}` : `c:${o.name}`),
              )
              .map((s) => s.id),
          ),
      ),
    );
  const evidence = new Map(
    report.analysed.flatMap(({ statement: s, assignment: a }) =>
      a.themeId !== undefined && (a.status === 'assigned' || a.status === 'pinned') ? [[s.id, a.themeId] as const] : [],
    ),
  );
  const ours = members(
    new Map(report.comparison.themes.map((c) => [c.theme.id, c.overrepresented])),
    (id) => evidence.get(id),
    statements,
  );
  return (['A', 'B'] as const).flatMap((coding) => {
    const coded = swotDev(coding) ?? [];
    const gold = new Map(coded.map((s) => [s.id, s.label]));
    const analysed = coded.map((s) => ({
      statement: { partner: s.partner, country: s.country },
      assignment: { themeId: s.label, status: 'assigned' as const },
    }));
    const theirs = members(
      standsOut(analysed as never, [...new Set(gold.values())]).found,
      (id) => gold.get(id),
      coded,
    );
    const overlaps = (a: Set<string>, b: Set<string>): boolean =>
      [...a].filter((id) => b.has(id)).length * 2 >= a.size && a.size > 0;
    return [
      {
        coding,
        ours: ours.length,
        matched: ours.filter((a) => theirs.some((b) => overlaps(a, b))).length,
        theirs: theirs.length,
        recalled: theirs.filter((b) => ours.some((a) => overlaps(a, b))).length,
      },
    ];
  });
}

/**
 * Whether themes depend on how partners are named: the real development set with each region
 * as a partner, and again with the regions as short codes (P01, P02 …); the ARI between the two
 * runs' themes (statements left for review as one group). 1 is no dependence at all.
 */
export async function measureNaming(): Promise<number | undefined> {
  const named = swotDev('A');
  if (!named) return undefined;
  const codes = new Map(
    [...new Set(named.map((s) => s.partner))].map((p, i) => [p, `P${String(i + 1).padStart(2, '0')}`]),
  );
  const coded = named.map((s) => ({ ...s, partner: codes.get(s.partner) ?? s.partner }));
  const themesOf = async (statements: readonly LabelledStatement[]): Promise<Map<string, string>> => {
    const report = await analyse({ themes: TRIED, inputs: [inputFile(statements)] });
    return new Map(report.analysed.map(({ statement: s, assignment: a }) => [s.id, a.themeId ?? '(review)']));
  };
  const a = await themesOf(named);
  const b = await themesOf(coded);
  const ids = [...a.keys()].filter((id) => b.has(id));
  return adjustedRandIndex(
    ids.map((id) => a.get(id) as string),
    ids.map((id) => b.get(id) as string),
  );
}

/**
 * Whether a run's own codebook passed back on the same statements reproduces the run: the real
 * development set run once, then again with the codebook the first run wrote. The share of
 * statements in the same theme (review as one), and whether every theme id is kept.
 */
export async function measureRerun(): Promise<{ kept: number; statements: number; ids: boolean } | undefined> {
  const statements = swotDev('A');
  if (!statements) return undefined;
  const input = inputFile(statements);
  const first = await analyse({ themes: TRIED, inputs: [input] });
  const path = join(mkdtempSync(join(tmpdir(), 'swotlens-rerun-')), 'codebook.yaml');
  writeFileSync(path, formatCodebook(codebookOf(first), ''));
  const again = await analyse({ themes: TRIED, inputs: [input], codebook: path });
  const themeOf = (r: RunReport): Map<string, string> =>
    new Map(r.analysed.map(({ statement: s, assignment: a }) => [s.id, `${a.themeId ?? '(review)'}`]));
  const a = themeOf(first);
  const b = themeOf(again);
  const ids = new Set(again.themes.map((t) => t.id));
  return {
    kept: [...a].filter(([id, theme]) => b.get(id) === theme).length,
    statements: a.size,
    ids: first.themes.every((t) => ids.has(t.id)) && again.themes.length === first.themes.length,
  };
}

/**
 * An analyst's themes as the coding's table gives them: swot-dev's themes-A.md / themes-B.md, or
 * swot-own's README; the name is the id in words.
 */
function analystThemes(
  set: 'swot-dev-A' | 'swot-dev-B' | 'swot-own',
): { id: string; name: string; definition: string }[] {
  const table =
    set === 'swot-own'
      ? readFileSync(fileURLToPath(new URL('../test/fixtures/swot-own/README.md', import.meta.url)), 'utf8')
      : readFileSync(join(SWOT_DEV, `themes-${set.slice(-1)}.md`), 'utf8');
  return table.split('\n').flatMap((line) => {
    const row = line.match(/^\| `?([a-z0-9_-]+)`? \| ([^|]+) \|/);
    const id = row?.[1] ?? '';
    if (!row || !/[a-z]/.test(id) || id === 'slug' || id === 'theme') return [];
    return [{ id, name: id.replace(/[-_]/g, ' '), definition: (row[2] as string).trim() }];
  });
}

/**
 * An analyst's own themes as the codebook, each theme's name as its label and its definition as
 * its description, no keywords: how many statements land in the theme that analyst gave them. The
 * definitions are the tables of swot-dev's themes-A.md / themes-B.md, or of swot-own's README
 * (held out: nothing was chosen on it).
 */
export async function measureAnalystCodebook(set: 'swot-dev-A' | 'swot-dev-B' | 'swot-own'): Promise<
  | {
      themes: number;
      statements: number;
      accuracy: number;
      codebookShare: number;
      evidence: number;
      evidenceRight: number;
    }
  | undefined
> {
  const own = set === 'swot-own';
  const statements = own ? swotOwn() : swotDev(set === 'swot-dev-A' ? 'A' : 'B');
  if (!statements) return undefined;
  const themes = analystThemes(set).map(({ id, name, definition }) => ({
    id,
    label: name[0]?.toUpperCase() + name.slice(1),
    description: definition,
  }));
  const path = join(mkdtempSync(join(tmpdir(), 'swotlens-analyst-codebook-')), 'codebook.yaml');
  writeFileSync(path, JSON.stringify({ themes }));
  const report = await analyse({ themes: TRIED, inputs: [inputFile(statements)], codebook: path });
  const gold = new Map(statements.map((s) => [s.id, s.label]));
  const ids = new Set(themes.map((t) => t.id));
  const placed = report.analysed.map(({ statement: s, assignment: a }) => [s.id, a.themeId] as const);
  const right = placed.filter(([id, theme]) => theme !== undefined && gold.get(id) === theme).length;
  const inCodebook = placed.filter(([, theme]) => theme !== undefined && ids.has(theme)).length;
  // What the report counts as evidence: statements assigned (or pinned), not borderline.
  const evidence = report.analysed.filter(({ assignment: a }) => isEvidence(a.status));
  return {
    themes: themes.length,
    statements: placed.length,
    accuracy: right / placed.length,
    codebookShare: inCodebook / placed.length,
    evidence: evidence.length,
    evidenceRight: evidence.filter(({ statement: st, assignment: a }) => gold.get(st.id) === a.themeId).length,
  };
}

/**
 * Whether labels name what an analyst would: per discovered theme of the real development set, its
 * majority theme in one analyst's coding, and whether the label shares a word (its first five
 * letters) with that theme's name or definition (themes-A.md / themes-B.md). The themes that do,
 * and the share of the statements they hold.
 */
export async function measureLabels(
  coding: 'A' | 'B',
): Promise<{ named: number; themes: number; statements: number } | undefined> {
  const statements = swotDev(coding);
  if (!statements) return undefined;
  const STOP = new Set([
    'and',
    'of',
    'for',
    'in',
    'on',
    'to',
    'with',
    'by',
    'at',
    'from',
    'or',
    'the',
    'their',
    'other',
  ]);
  const stems = (text: string): Set<string> =>
    new Set(
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 2 && !STOP.has(w))
        .map((w) => w.slice(0, 5)),
    );
  const vocabulary = new Map(
    analystThemes(`swot-dev-${coding}`).map((t) => [t.id, stems(`${t.name} ${t.definition}`)] as const),
  );
  const gold = new Map(statements.map((s) => [s.id, s.label]));
  const report = await analyse({ themes: TRIED, inputs: [inputFile(statements)] });
  const held = new Map<string, string[]>();
  for (const a of report.themeSet.assignments)
    if (a.themeId) held.set(a.themeId, [...(held.get(a.themeId) ?? []), gold.get(a.statementId) ?? '']);
  let named = 0;
  let covered = 0;
  let all = 0;
  for (const t of report.themes) {
    const labels = held.get(t.id) ?? [];
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const major = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
    all += labels.length;
    if ([...stems(t.label)].some((w) => vocabulary.get(major)?.has(w))) {
      named++;
      covered += labels.length;
    }
  }
  return { named, themes: report.themes.length, statements: all === 0 ? 0 : covered / all };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [set, limit] = process.argv.slice(2);
  process.stdout.write(`${await benchQuality(set ? set.split(',') : undefined, limit ? Number(limit) : undefined)}\n`);
}
