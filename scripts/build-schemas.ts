/**
 * JSON Schemas of the files an analyst writes — pipeline, codebook, glossary — generated from the
 * zod schemas that check them, into `schemas/`, so that an editor with a YAML language server
 * completes and checks them while they are typed. A test fails when they are out of date.
 *
 *   npm run build:schemas
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from '../src/schemas.js';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = fileURLToPath(new URL(`../schemas/${name}`, import.meta.url));
  writeFileSync(path, schema);
  process.stderr.write(`${path}\n`);
}
