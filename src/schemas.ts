/**
 * JSON Schemas of the files an analyst writes, from the zod schemas that check them: what
 * `schemas/` ships (`npm run build:schemas` writes it; a test keeps it up to date).
 */
import { z } from 'zod';
import { PipelineFile } from './config/index.js';
import { GlossaryFile } from './terms/glossary-file.js';
import { CodebookFile } from './themes/codebook.js';

const FILES = {
  'pipeline.schema.json': [PipelineFile, 'swotlens pipeline file'],
  'codebook.schema.json': [CodebookFile, 'swotlens codebook'],
  'glossary.schema.json': [GlossaryFile, 'swotlens project glossary'],
} as const;

/** File name → the schema as it is written to `schemas/`. */
export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, [schema, title]] of Object.entries(FILES)) {
    const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    const json = { $schema, title, ...rest };
    out[name] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return out;
}
