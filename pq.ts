import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readInputs } from './src/read/index.ts';
import { analyseTerms, bundledGlossary } from './src/terms/index.ts';
import { findThemes } from "./src/themes/index.ts";
import { represent } from "./src/represent/index.ts";
import { normalizedMutualInformation, adjustedRandIndex } from './src/themes/metrics.ts';
const gold = new Map((parse(readFileSync('test/fixtures/sample-gold/themes.csv'), { columns: true }) as any[]).map((r) => [r.statement_id, r.theme]));
const r = readInputs(['data/sample/inno-industry-swot.csv']);
const ta = analyseTerms(r.statements, bundledGlossary());
const opts = { minStatements: 3, maxThemes: 40, semantic: Number(process.env.SEM ?? 0.5), assignAt: Number(process.env.AT ?? 0.35), borderlineAt: Number(process.env.BT ?? 0.2) };
const ts = findThemes(r.statements, ta.statements, represent(ta.statements, opts), opts, bundledGlossary());
const g = r.statements.map((s) => gold.get(s.id) ?? '?');
const p = ts.assignments.map((a, i) => a.themeId ?? `un-${i}`);
console.log('themes', ts.themes.length, 'NMI', normalizedMutualInformation(g, p).toFixed(3), 'ARI', adjustedRandIndex(g, p).toFixed(3), 'unassigned', ts.assignments.filter(a => a.status === 'unassigned').length);
if (process.argv[2] === 'themes') for (const th of ts.themes) {
  const members = ts.assignments.map((a, i) => [a, r.statements[i]] as const).filter(([a]) => a.themeId === th.id);
  console.log(`\n## ${th.id} | ${th.label} | ${th.keywords.join(', ')} | n=${members.length}`);
  for (const [a, s] of members) console.log(`  ${a.status[0]} ${a.score.toFixed(2)} ${s.quadrant} ${gold.get(s.id)} ${s.text.slice(0, 80)}`);
}
if (process.argv[2] === 'senses') for (const o of ta.occurrences.filter(o => o.sense)) console.log(o.statementId, o.surface, o.sense, o.confidence, o.cues.join('; '));
if (process.argv[2] === 'defs') console.log(ta.definitions, ta.candidates);
