import { analyse } from '../src/index.js';
const report = await analyse({ inputs: [process.argv[2] as string] } as never);
for (const c of report.comparison.themes)
  if (c.overrepresented.length) console.log(c.theme.label, c.statements, JSON.stringify(c.overrepresented));
