/**
 * Where the bundled data lives (`data/`). Its own module, without YAML or zod: the second thread
 * imports it and needs neither (config/yaml-file.ts reads the files).
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of a file in the package's `data/` folder (works from `src/` and `dist/`). */
export function dataPath(name: string): string {
  return fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
}
