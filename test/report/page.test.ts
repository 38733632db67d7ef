import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePage, scriptModule } from '../../scripts/build-page.js';
import { ROOT } from '../helpers.js';

describe("the report page's script", () => {
  it('is the bundle of src/report/page/app.ts (npm run build:page writes it)', async () => {
    const committed = readFileSync(join(ROOT, 'src', 'report', 'page', 'script.ts'), 'utf8');
    expect(committed, 'run npm run build:page').toBe(scriptModule(await bundlePage()));
  });
});
