/**
 * Sense accuracy of "cluster", two figures:
 *
 * 1. Real text: ../shared/corpora/cluster-senses (764 sentences from 240 web sites, rewritten, each
 *    with the sense two or three annotators agree on), leave one site out: the sentences of each
 *    site go through the terms stage as one partner's statements (so a partner's own usage applies
 *    as in a run; no country is given) with a model trained on the other sites' sentences. The
 *    temperature and threshold are the bundled model's (fitted on ten folds by site). Accuracy,
 *    macro-F1, recall per sense, accuracy among occurrences with confidence ≥ 0.7 and their share,
 *    accuracy per confidence band, and what decided; then the same without a model (the cue rules).
 * 2. The repository's own gold set test/fixtures/senses/gold.csv: short statements by eight
 *    partners, each with the sense an analyst reads in it ("none" for traps where no cluster is
 *    meant, such as an EDIH) — the set the rules were tuned on (in-sample).
 *
 * The statements go through the real pipeline stages (read, terms), so partner priors apply as in a run.
 *
 *   npm run bench:senses [-- path/to/gold.csv]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Statement } from '../src/model/index.js';
import { readInputs } from '../src/read/index.js';
import { compareTerms } from '../src/compare/index.js';
import { analyseTerms, bundledGlossary, bundledSenseModels, type SenseModel } from '../src/terms/index.js';
import { trainSenseModel } from '../src/terms/sense-model.js';
import { readCsvFile } from './csv.js';
import { CORPUS, type CorpusExample, OWN_EXAMPLES, readSenseCorpus } from './sense-corpus.js';
import { asTraining } from './train-senses.js';

export interface SenseResult {
  id: string;
  text: string;
  gold: string;
  predicted: string;
  evidence: string;
  cues: string;
}

export interface SenseScores {
  results: SenseResult[];
  /** Per country: the sense most of its gold statements carry, and the dominant sense the run reads ('' when its evidence is short). */
  countries: { country: string; gold: string; read: string; undecided: string }[];
  overall: number;
  bySense: Map<string, { n: number; correct: number }>;
  byEvidence: Map<string, { n: number; correct: number }>;
}

export const GOLD_SENSES = fileURLToPath(new URL('../test/fixtures/senses/gold.csv', import.meta.url));

/** The gold statements through the terms stage, with the bundled models unless others are given. */
export async function evaluateSenses(
  path = GOLD_SENSES,
  models: ReadonlyMap<string, SenseModel> = bundledSenseModels(),
): Promise<SenseScores> {
  const gold = new Map(readCsvFile(path).map((r) => [r.id as string, r]));
  const { statements } = await readInputs([path]);
  const analysis = analyseTerms(statements, bundledGlossary(), undefined, models);
  const usage = compareTerms(analysis, bundledGlossary()).terms.find((t) => t.term === 'cluster');
  const goldByCountry = new Map<string, Map<string, number>>();
  for (const s of statements) {
    const sense = gold.get(s.id)?.sense;
    if (!sense || sense === 'none') continue;
    const counts = goldByCountry.get(s.country) ?? new Map<string, number>();
    counts.set(sense, (counts.get(sense) ?? 0) + 1);
    goldByCountry.set(s.country, counts);
  }
  const countries = [...goldByCountry]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([country, counts]) => ({
      country,
      gold: [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '',
      read: usage?.countries.find((c) => c.country === country)?.dominant ?? '',
      undecided: usage?.countries.find((c) => c.country === country)?.undecided ?? 'no statement',
    }));
  const results = statements.map((s): SenseResult => {
    const first = analysis.occurrences.find((o) => o.statementId === s.id && o.term === 'cluster');
    const row = gold.get(s.id);
    return {
      id: s.id,
      text: s.text,
      gold: row?.sense ?? '?',
      predicted: first?.sense ?? 'none',
      evidence: row?.evidence ?? '',
      cues: first?.cues.join('; ') ?? '',
    };
  });
  const tally = (key: (r: SenseResult) => string): Map<string, { n: number; correct: number }> => {
    const out = new Map<string, { n: number; correct: number }>();
    for (const r of results) {
      const t = out.get(key(r)) ?? { n: 0, correct: 0 };
      t.n++;
      if (r.gold === r.predicted) t.correct++;
      out.set(key(r), t);
    }
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  return {
    results,
    countries,
    overall: results.filter((r) => r.gold === r.predicted).length / results.length,
    bySense: tally((r) => r.gold),
    byEvidence: tally((r) => r.evidence),
  };
}

function formatTable(title: string, rows: Map<string, { n: number; correct: number }>): string {
  const lines = [`${title.padEnd(16)} ${'n'.padStart(5)} ${'correct'.padStart(8)} ${'accuracy'.padStart(9)}`];
  for (const [key, t] of rows)
    lines.push(
      `${key.padEnd(16)} ${String(t.n).padStart(5)} ${String(t.correct).padStart(8)} ${(t.correct / t.n).toFixed(3).padStart(9)}`,
    );
  return lines.join('\n');
}

export function reportSenses(scores: SenseScores): string {
  const errors = scores.results.filter((r) => r.gold !== r.predicted);
  return [
    `Sense of "cluster": ${scores.results.length} gold statements, accuracy ${scores.overall.toFixed(3)}`,
    '',
    formatTable('gold sense', scores.bySense),
    '',
    formatTable('evidence', scores.byEvidence),
    '',
    `dominant sense per country (statements with a sense read from the text or the partner's usage, at least two): ` +
      `${scores.countries.filter((c) => c.read === c.gold).length} of ${scores.countries.length} countries as in the gold`,
    ...scores.countries.map((c) => `  ${c.country}  gold ${c.gold}, read ${c.read || `(${c.undecided})`}`),
    '',
    `${errors.length} errors:`,
    ...errors.map((r) => `  ${r.id}  gold ${r.gold}, read ${r.predicted} (${r.cues || 'no occurrence'}): ${r.text}`),
  ].join('\n');
}

const SENSES = ['agglomeration', 'organisation', 'ecosystem', 'policy', 'other'];

type Tally = { n: number; correct: number };

export interface CorpusScores {
  sentences: number;
  accuracy: number;
  macroF1: number;
  recall: Map<string, Tally>;
  /** Among occurrences with confidence ≥ 0.7: how many, and how many right. */
  confident: Tally;
  /** By confidence band. */
  bands: Map<string, Tally>;
  /** By what the sense rests on: text, partner, uncertain, assumed. */
  basis: Map<string, Tally>;
  /** By what decided the sense (the first cue's kind). */
  decidedBy: Map<string, Tally>;
}

interface Outcome {
  gold: string;
  predicted: string;
  confidence: number;
  basis: string;
  by: string;
}

function count(map: Map<string, Tally>, key: string, right: boolean): void {
  const t = map.get(key) ?? { n: 0, correct: 0 };
  t.n++;
  if (right) t.correct++;
  map.set(key, t);
}

const BANDS = [0.9, 0.7, 0.5, 0];

function score(outcomes: readonly Outcome[]): CorpusScores {
  const recall = new Map(SENSES.map((sense) => [sense, { n: 0, correct: 0 }]));
  const predictedCount = new Map<string, number>();
  const confident = { n: 0, correct: 0 };
  const bands = new Map<string, Tally>(
    BANDS.map((b, i) => [`${b.toFixed(1)}–${i === 0 ? '1.0' : BANDS[i - 1]?.toFixed(1)}`, { n: 0, correct: 0 }]),
  );
  const basis = new Map<string, Tally>();
  const decidedBy = new Map<string, Tally>();
  let correct = 0;
  for (const o of outcomes) {
    const right = o.predicted === o.gold;
    if (right) correct++;
    const t = recall.get(o.gold);
    if (t) {
      t.n++;
      if (right) t.correct++;
    }
    predictedCount.set(o.predicted, (predictedCount.get(o.predicted) ?? 0) + 1);
    if (o.confidence >= 0.7) {
      confident.n++;
      if (right) confident.correct++;
    }
    const band = BANDS.findIndex((b) => o.confidence >= b);
    count(bands, [...bands.keys()][band] ?? '', right);
    count(basis, o.basis, right);
    count(decidedBy, o.by, right);
  }
  const f1s = SENSES.map((sense) => {
    const t = recall.get(sense) as Tally;
    const precision = t.correct / Math.max(1, predictedCount.get(sense) ?? 0);
    const rec = t.correct / Math.max(1, t.n);
    return precision + rec === 0 ? 0 : (2 * precision * rec) / (precision + rec);
  });
  const byCount = (m: Map<string, Tally>): Map<string, Tally> =>
    new Map([...m].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)));
  return {
    sentences: outcomes.length,
    accuracy: correct / Math.max(1, outcomes.length),
    macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length,
    recall,
    confident,
    bands,
    basis: byCount(basis),
    decidedBy: byCount(decidedBy),
  };
}

/** One site's sentences through the terms stage as one partner's statements, with the given models. */
function runSite(examples: readonly CorpusExample[], models: ReadonlyMap<string, SenseModel>): Outcome[] {
  const statements: Statement[] = examples.map((e, i) => ({
    id: e.id,
    source: 'sentences.csv',
    line: i + 2,
    partner: e.site,
    country: '',
    quadrant: 'S',
    dimension: '',
    text: e.sentence,
  }));
  const analysis = analyseTerms(statements, bundledGlossary(), undefined, models);
  const first = new Map<string, (typeof analysis.occurrences)[number]>();
  for (const o of analysis.occurrences)
    if (o.term === 'cluster' && !first.has(o.statementId)) first.set(o.statementId, o);
  return examples.map((e): Outcome => {
    const o = first.get(e.id);
    // The kind of what decided: the first cue without its words ('phrase "cluster policy"' → 'phrase').
    const by = o ? (o.cues[0] ?? o.by).replace(/\s*["“(:0-9].*$/, '').trim() || o.by : 'no occurrence';
    return {
      gold: e.gold,
      predicted: o?.sense || 'none',
      confidence: o?.confidence ?? 0,
      basis: o?.basis || 'none',
      by,
    };
  });
}

/**
 * The terms stage on the real corpus, each site's sentences with a model trained on the other
 * sites' and our own sentences (data/sense-examples.csv, none from a corpus site), as the bundled
 * model is trained — or, with `withModel` false, with the cue rules and no model; undefined when
 * ../shared/corpora/cluster-senses is absent.
 */
export function evaluateCorpus(path = CORPUS, withModel = true): CorpusScores | undefined {
  const examples = readSenseCorpus(path, bundledGlossary());
  if (examples.length === 0) return undefined;
  const own = withModel ? readSenseCorpus(OWN_EXAMPLES, bundledGlossary()) : [];
  const bundled = bundledSenseModels().get('cluster') as SenseModel;
  const outcomes: Outcome[] = [];
  for (const [site, mine] of bySite(examples)) {
    let models = new Map<string, SenseModel>();
    if (withModel) {
      const train = [...examples, ...own].filter((e) => e.site !== site && e.features);
      const model = trainSenseModel('cluster', bundled.senses, train.map(asTraining));
      models = new Map([['cluster', { ...model, temperature: bundled.temperature, threshold: bundled.threshold }]]);
    }
    outcomes.push(...runSite(mine, models));
  }
  return score(outcomes);
}

/** The sentences of each site, sites in code-point order: a site is one partner of a run. */
function bySite(examples: readonly CorpusExample[]): [string, CorpusExample[]][] {
  const sites = new Map<string, CorpusExample[]>();
  for (const e of examples) sites.set(e.site, [...(sites.get(e.site) ?? []), e]);
  return [...sites].sort(([a], [b]) => (a < b ? -1 : 1));
}

export const HELD_OUT = fileURLToPath(new URL('../test/fixtures/senses/real.csv', import.meta.url));

/**
 * Real sentences the model never saw (test/fixtures/senses/real.csv: found on public pages,
 * rewritten, with their addresses), through the terms stage with the bundled model, each site a
 * partner: the figure that says how the shipped model does on text written elsewhere.
 */
export function evaluateHeldOut(
  path = HELD_OUT,
  keep: (e: CorpusExample) => boolean = () => true,
  models: ReadonlyMap<string, SenseModel> = bundledSenseModels(),
): CorpusScores {
  const examples = readSenseCorpus(path, bundledGlossary()).filter(keep);
  return score(bySite(examples).flatMap(([, mine]) => runSite(mine, models)));
}

export function reportCorpus(scores: CorpusScores | undefined, title: string): string {
  if (!scores) return `${title}: skipped (../shared/corpora/cluster-senses is not there)`;
  const share = (t: Tally): string => (t.correct / Math.max(1, t.n)).toFixed(3);
  return [
    `${title}: ${scores.sentences} sentences, accuracy ${scores.accuracy.toFixed(3)}, macro-F1 ${scores.macroF1.toFixed(3)}`,
    `confidence ≥ 0.7: ${scores.confident.n} occurrences (${((scores.confident.n / scores.sentences) * 100).toFixed(1)}%), ${share(scores.confident)} right`,
    '',
    formatTable('recall of sense', scores.recall),
    '',
    formatTable('confidence', scores.bands),
    '',
    formatTable('basis', scores.basis),
    '',
    formatTable('decided by', scores.decidedBy),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(
    `${reportCorpus(evaluateCorpus(), 'Sense of "cluster" on real text, leave one site out (../shared/corpora/cluster-senses, each site a partner, no country)')}\n\n`,
  );
  process.stdout.write(`${reportCorpus(evaluateCorpus(CORPUS, false), 'The same without a model (cue rules)')}\n\n`);
  process.stdout.write(
    `${reportCorpus(evaluateHeldOut(), 'Held out: real sentences the model was not trained on (test/fixtures/senses/real.csv, each site a partner, bundled model)')}\n\n`,
  );
  const line = (title: string, scores: CorpusScores): string =>
    `${title}: ${scores.sentences} sentences, accuracy ${scores.accuracy.toFixed(3)}, macro-F1 ${scores.macroF1.toFixed(3)}; ` +
    `confidence ≥ 0.7: ${scores.confident.n}, ${(scores.confident.correct / Math.max(1, scores.confident.n)).toFixed(3)} right\n`;
  const rules = new Map<string, SenseModel>();
  // The corpus's sites only: its rows need no reading as sentences here.
  const corpusSites = new Set(existsSync(CORPUS) ? readCsvFile(CORPUS).map((r) => r.site) : []);
  process.stdout.write(
    [
      line(
        'The same without a model (cue rules)',
        evaluateHeldOut(HELD_OUT, () => true, rules),
      ),
      ...(corpusSites.size > 0
        ? [
            line(
              '  from sites the corpus does not hold',
              evaluateHeldOut(HELD_OUT, (e) => !corpusSites.has(e.site)),
            ),
          ]
        : []),
      line(
        '  batch 1, which our training sentences were chosen against',
        evaluateHeldOut(HELD_OUT, (e) => e.batch === '1'),
      ),
      line(
        '  batch 2, collected after and never used for a choice',
        evaluateHeldOut(HELD_OUT, (e) => e.batch === '2'),
      ),
      line(
        '  batch 2 by the cue rules',
        evaluateHeldOut(HELD_OUT, (e) => e.batch === '2', rules),
      ),
      line(
        '  batch 3, collected a session later from new sites, never used for a choice',
        evaluateHeldOut(HELD_OUT, (e) => e.batch === '3'),
      ),
      line(
        '  batches 2 and 3 together',
        evaluateHeldOut(HELD_OUT, (e) => e.batch === '2' || e.batch === '3'),
      ),
      line(
        '  batches 2 and 3 by the cue rules',
        evaluateHeldOut(HELD_OUT, (e) => e.batch === '2' || e.batch === '3', rules),
      ),
    ].join(''),
  );
  process.stdout.write('\n');
  process.stdout.write(`${reportSenses(await evaluateSenses(process.argv[2] ?? GOLD_SENSES))}\n`);
}
