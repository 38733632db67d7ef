import { readInputs } from './src/read/index.ts';
import { normaliseStatements, bundledGlossary } from './src/terms/index.ts';
import { findThemes } from './src/themes/index.ts';
const t0 = Date.now();
const r = readInputs(['data/sample/inno-industry-swot.csv']);
const norm = normaliseStatements(r.statements, bundledGlossary());
const t1 = Date.now();
const ts = findThemes(r.statements, norm, { minStatements: 3, maxThemes: 40, assignAt: 0.3, borderlineAt: 0.12 });
console.log('ms', t1 - t0, Date.now() - t1);
console.log(ts.selection.map(s => `${s.k}:${s.silhouette}`).join(' '));
for (const th of ts.themes) {
  const members = ts.assignments.map((a, i) => [a, r.statements[i]] as const).filter(([a]) => a.themeId === th.id);
  console.log(`\n## ${th.id} | ${th.label} | ${th.keywords.join(', ')} | n=${members.length}`);
  for (const [a, s] of members.slice(0, 12)) console.log(`  ${a.status[0]} ${a.score.toFixed(2)} ${s.quadrant} ${s.text.slice(0, 90)}`);
}
const un = ts.assignments.filter(a => a.status === 'unassigned').length;
console.log('unassigned', un, 'borderline', ts.assignments.filter(a => a.status === 'borderline').length);
