/**
 * Sense accuracy of "cluster", two figures:
 *
 * 1. Real text: ../shared/corpora/cluster-senses (764 sentences from 240 web sites, rewritten, each
 *    with the sense two or three annotators agree on). Each site is a partner, so a partner's own
 *    usage applies as in a run; no country is given, so no country default does. The rules learn
 *    nothing from the corpus: this is an out-of-sample figure. Accuracy, macro-F1, recall per
 *    sense, accuracy among occurrences with confidence ≥ 0.7 and their share, and what decided.
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
import { analyseTerms, bundledGlossary } from '../src/terms/index.js';
import type { Concept } from '../src/terms/glossary.js';
import { findTerms } from '../src/terms/match.js';
import { tokenize } from '../src/terms/nlp.js';
import { CONTEXT_RULES, senseInContext } from '../src/terms/senses.js';
import { contextFeatures, predict, train } from './sense-model.js';
import { readCsvFile } from './csv.js';

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
  overall: number;
  bySense: Map<string, { n: number; correct: number }>;
  byEvidence: Map<string, { n: number; correct: number }>;
}

export const GOLD_SENSES = fileURLToPath(new URL('../test/fixtures/senses/gold.csv', import.meta.url));

export async function evaluateSenses(path = GOLD_SENSES): Promise<SenseScores> {
  const gold = new Map(readCsvFile(path).map((r) => [r.id as string, r]));
  const { statements } = await readInputs([path]);
  const analysis = analyseTerms(statements, bundledGlossary());
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
    `${errors.length} errors:`,
    ...errors.map((r) => `  ${r.id}  gold ${r.gold}, read ${r.predicted} (${r.cues || 'no occurrence'}): ${r.text}`),
  ].join('\n');
}

export const CORPUS = fileURLToPath(new URL('../../shared/corpora/cluster-senses/sentences.csv', import.meta.url));

export interface CorpusScores {
  sentences: number;
  accuracy: number;
  macroF1: number;
  recall: Map<string, { n: number; correct: number }>;
  /** Among occurrences with confidence ≥ 0.7: how many, and how many right. */
  confident: { n: number; correct: number };
  /** By what decided the sense (the first cue's kind). */
  decidedBy: Map<string, { n: number; correct: number }>;
}

/** The rules on the real corpus; undefined when ../shared/corpora/cluster-senses is absent. */
export function evaluateCorpus(path = CORPUS): CorpusScores | undefined {
  if (!existsSync(path)) return undefined;
  const rows = readCsvFile(path).filter((r) => (r.gold ?? '') !== '');
  const statements: Statement[] = rows.map((r, i) => ({
    id: r.id ?? `s${i}`,
    source: 'sentences.csv',
    line: i + 2,
    partner: r.site ?? '',
    country: '',
    quadrant: 'S',
    dimension: '',
    text: r.sentence ?? '',
  }));
  const analysis = analyseTerms(statements, bundledGlossary());
  const first = new Map<string, (typeof analysis.occurrences)[number]>();
  for (const o of analysis.occurrences)
    if (o.term === 'cluster' && !first.has(o.statementId)) first.set(o.statementId, o);
  const senses = ['agglomeration', 'organisation', 'ecosystem', 'policy', 'other'];
  const recall = new Map(senses.map((sense) => [sense, { n: 0, correct: 0 }]));
  const predictedCount = new Map(senses.map((sense) => [sense, 0]));
  const confident = { n: 0, correct: 0 };
  const decidedBy = new Map<string, { n: number; correct: number }>();
  let correct = 0;
  for (const r of rows) {
    const o = first.get(r.id ?? '');
    const predicted = o?.sense || 'none';
    const right = predicted === r.gold;
    if (right) correct++;
    const t = recall.get(r.gold ?? '');
    if (t) {
      t.n++;
      if (right) t.correct++;
    }
    predictedCount.set(predicted, (predictedCount.get(predicted) ?? 0) + 1);
    if (o && o.confidence >= 0.7) {
      confident.n++;
      if (right) confident.correct++;
    }
    // The kind of what decided: the first cue without its words ('phrase "cluster policy"' → 'phrase').
    const by = o ? (o.cues[0] ?? o.by).replace(/\s*["“(:].*$/, '').trim() || o.by : 'no occurrence';
    const d = decidedBy.get(by) ?? { n: 0, correct: 0 };
    d.n++;
    if (right) d.correct++;
    decidedBy.set(by, d);
  }
  const f1s = senses.map((sense) => {
    const t = recall.get(sense) as { n: number; correct: number };
    const precision = t.correct / Math.max(1, predictedCount.get(sense) ?? 0);
    const rec = t.correct / Math.max(1, t.n);
    return precision + rec === 0 ? 0 : (2 * precision * rec) / (precision + rec);
  });
  return {
    sentences: rows.length,
    accuracy: correct / rows.length,
    macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length,
    recall,
    confident,
    decidedBy: new Map([...decidedBy].sort((a, b) => b[1].n - a[1].n)),
  };
}

export function reportCorpus(scores: CorpusScores | undefined): string {
  if (!scores) return 'Real text: skipped (../shared/corpora/cluster-senses is not there)';
  const share = (t: { n: number; correct: number }): string => (t.correct / Math.max(1, t.n)).toFixed(3);
  return [
    `Sense of "cluster" on real text (../shared/corpora/cluster-senses, ${scores.sentences} sentences, each site a partner, no country): accuracy ${scores.accuracy.toFixed(3)}, macro-F1 ${scores.macroF1.toFixed(3)}`,
    `confidence ≥ 0.7: ${scores.confident.n} occurrences (${((scores.confident.n / scores.sentences) * 100).toFixed(1)}%), ${share(scores.confident)} right`,
    '',
    formatTable('recall of sense', scores.recall),
    '',
    formatTable('decided by', scores.decidedBy),
  ].join('\n');
}

/**
 * The naive Bayes experiment of scripts/sense-model.ts, leave-one-site-out on the corpus: the model
 * alone, and after the rules that read a fixed phrase, a national term or a number (which stay
 * certain). Accuracy, macro-F1, and accuracy among predictions of probability ≥ 0.7 with their share.
 */
export function evaluateModel(path = CORPUS): string {
  if (!existsSync(path)) return 'Model: skipped (../shared/corpora/cluster-senses is not there)';
  const glossary = bundledGlossary();
  const concept = glossary.concepts.get('cluster') as Concept;
  const examples = readCsvFile(path).flatMap((r) => {
    if (!r.gold) return [];
    const tokens = tokenize(r.sentence ?? '');
    const matches = findTerms(tokens, glossary).filter((m) => m.concept === 'cluster');
    const match = matches[0];
    if (!match) return [{ site: r.site ?? '', sense: r.gold, features: [] as string[], rule: undefined }];
    const rule = senseInContext(tokens, match, concept, matches.slice(1), CONTEXT_RULES.slice(0, 3));
    return [{ site: r.site ?? '', sense: r.gold, features: contextFeatures(tokens, match), rule: rule?.sense }];
  });
  const sites = [...new Set(examples.map((e) => e.site))].sort();
  const results: { gold: string; model: string; probability: number; combined: string }[] = [];
  for (const site of sites) {
    const model = train(examples.filter((e) => e.site !== site && e.features.length > 0));
    for (const e of examples.filter((x) => x.site === site)) {
      const [best] = e.features.length > 0 ? predict(model, e.features) : [];
      const guess = best?.sense ?? 'none';
      results.push({ gold: e.sense, model: guess, probability: best?.probability ?? 0, combined: e.rule ?? guess });
    }
  }
  const senses = ['agglomeration', 'organisation', 'ecosystem', 'policy', 'other'];
  const figures = (pick: (r: (typeof results)[number]) => string): string => {
    const right = results.filter((r) => pick(r) === r.gold).length;
    const f1 =
      senses
        .map((sense) => {
          const tp = results.filter((r) => pick(r) === sense && r.gold === sense).length;
          const p = tp / Math.max(1, results.filter((r) => pick(r) === sense).length);
          const q = tp / Math.max(1, results.filter((r) => r.gold === sense).length);
          return p + q === 0 ? 0 : (2 * p * q) / (p + q);
        })
        .reduce((a, b) => a + b, 0) / senses.length;
    return `accuracy ${(right / results.length).toFixed(3)}, macro-F1 ${f1.toFixed(3)}`;
  };
  const sure = results.filter((r) => r.probability >= 0.7);
  return [
    `Naive Bayes over the context (scripts/sense-model.ts), leave-one-site-out over ${sites.length} sites, ${results.length} sentences:`,
    `  model alone: ${figures((r) => r.model)}; probability ≥ 0.7 for ${sure.length} (${((sure.length / results.length) * 100).toFixed(1)}%), ${(sure.filter((r) => r.model === r.gold).length / Math.max(1, sure.length)).toFixed(3)} right`,
    `  after the phrase, national-term and number rules: ${figures((r) => r.combined)}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${reportCorpus(evaluateCorpus())}\n\n${evaluateModel()}\n\n`);
  process.stdout.write(`${reportSenses(await evaluateSenses(process.argv[2] ?? GOLD_SENSES))}\n`);
}
