/**
 * Sense accuracy of "cluster" on the gold set test/fixtures/senses/gold.csv: short statements by
 * eight partners, each with the sense an analyst reads in it ("none" for traps where no cluster is
 * meant, such as an EDIH). The statements go through the real pipeline stages (read, terms), so
 * partner priors apply as in a run.
 *
 *   npm run bench:senses [-- path/to/gold.csv]
 */
import { fileURLToPath } from 'node:url';
import { readInputs } from '../src/read/index.js';
import { analyseTerms, bundledGlossary } from '../src/terms/index.js';
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${reportSenses(await evaluateSenses(process.argv[2] ?? GOLD_SENSES))}\n`);
}
