/** Shared by the tests: fixtures, temporary folders, and a CLI whose output is captured. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { main } from '../src/cli/main.js';
import { StopError } from '../src/model/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Path of a fixture file, relative to the repository root (the tests' working folder). */
export function fixture(...parts: string[]): string {
  return join('test', 'fixtures', ...parts);
}

export function temporaryDir(prefix = 'swotlens-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true }) as Record<string, string>[];
}

/** The one-line message of the StopError that `work` throws (it must throw one). */
export async function stopMessage(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof StopError) return error.message;
    throw error;
  }
  throw new Error('expected a stop');
}

/** Debian's Chromium, as the browser tests drive it: one place with the speed bench. */
export { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.js';
