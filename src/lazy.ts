/**
 * CommonJS libraries loaded on first use, for what most runs never need — a file that is not
 * UTF-8, a header or quadrant word that needs a fuzzy match, a progress bar: each costs about
 * ten milliseconds to load.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
