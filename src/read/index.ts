/**
 * Read and validate: input files and folders → statements, rejected rows and warnings.
 *
 *   file → bytes → table(s) (CSV/TSV text, Excel sheets) or Markdown lines → layout (header below
 *   title rows; one statement per row, or a SWOT grid with bullets in its cells) → items →
 *   validated statements
 *
 * An item that cannot be used goes to `rejected` with its line and reason; a file that cannot be
 * read at all stops the run with a `StopError`; a file in a folder that is not a SWOT format is
 * skipped and said so.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { stop, type Problem } from '../model/index.js';
import type { ProgressReporter, RejectedRow, Statement } from '../model/index.js';
import { type FileSummary, INPUT_EXTENSIONS, isInputFile, readFile, type Unit } from './formats.js';
import { cleanName, partnerKey, validateItem, type ItemContext } from './items.js';

export { decodeText } from './decode.js';
export { type FileSummary, FORMATS, type Format, type InputFormat } from './formats.js';
export { checkLanguages, detectLanguages, type LanguageDetector } from './languages.js';
export { readPrevious, type PreviousRun } from './previous.js';
export { splitBullets } from './layout.js';
export { parseCountry, parseQuadrant } from './values.js';

export interface ReadOptions {
  /** Partner name → ISO country code, for files without a country column. */
  partnerCountries?: Readonly<Record<string, string>>;
  /** The pipeline's dimensions, in order: a row may name one or give its number (1-based). */
  dimensions?: readonly string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ReadResult {
  statements: Statement[];
  rejected: RejectedRow[];
  /** Things to know about rows that were kept, and about files. */
  warnings: Problem[];
  files: FileSummary[];
  /** Files in an input folder that were not read. */
  skipped: SkippedFile[];
}

/** A file larger than this is not a partner's SWOT submission (100,000 statements take about 20 MB). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function tooLarge(path: string, size: number): never {
  stop(
    'file-too-large',
    { file: path },
    `is ${megabytes(size)}; swotlens reads files of up to ${megabytes(MAX_INPUT_BYTES)}`,
    'split it into several files, one per partner',
  );
}

/** Every file given, and every supported file in a folder given (sorted by name; not recursive). */
function expand(paths: readonly string[], skipped: SkippedFile[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM')
        stop('file-unreadable', { file: path }, 'cannot be opened (permission denied)', 'check its permissions');
      if (code === 'ELOOP' || isLink(path))
        stop(
          'file-missing',
          { file: path },
          'is a link to a file that is not there',
          'give the file itself, or mend the link',
        );
      stop(
        'file-missing',
        { file: path },
        'file not found',
        'check the path, or run from the folder the path is relative to',
      );
    }
    if (stats.isFile()) {
      if (stats.size > MAX_INPUT_BYTES) tooLarge(path, stats.size);
      files.push(path);
      continue;
    }
    if (!stats.isDirectory())
      stop(
        'file-unreadable',
        { file: path },
        `is ${kindOf(stats)}, not a file`,
        'give a CSV, TSV, .xlsx or Markdown file, or a folder of them',
      );
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (error) {
      stop(
        'file-unreadable',
        { file: path },
        `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        'check its permissions',
      );
    }
    let found = 0;
    for (const entry of entries) {
      const full = join(path, entry).split('\\').join('/');
      let entryStats: Stats | undefined;
      try {
        entryStats = statSync(full);
      } catch {
        entryStats = undefined;
      }
      if (entry.startsWith('.') || entry.startsWith('~$')) {
        skipped.push({ path: full, reason: entry.startsWith('~$') ? 'an Office lock file' : 'a hidden file' });
      } else if (!entryStats) {
        skipped.push({ path: full, reason: isLink(full) ? 'a link to a file that is not there' : 'cannot be opened' });
      } else if (entryStats.isDirectory()) {
        skipped.push({ path: full, reason: 'a folder (folders are not read recursively)' });
      } else if (!entryStats.isFile()) {
        skipped.push({ path: full, reason: `${kindOf(entryStats)}, not a file` });
      } else if (!isInputFile(entry)) {
        skipped.push({ path: full, reason: `not a supported format (${INPUT_EXTENSIONS.join(' ')})` });
      } else {
        if (entryStats.size > MAX_INPUT_BYTES) tooLarge(full, entryStats.size);
        files.push(full);
        found++;
      }
    }
    if (found === 0)
      stop(
        'file-missing',
        { file: path },
        'the folder holds no .csv, .tsv, .txt, .xlsx or .md file',
        "put the partners' submissions in it, or give the files themselves",
      );
  }
  return files;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    stop(
      'file-unreadable',
      { file: path },
      `cannot be read (${code})`,
      code === 'EACCES' || code === 'EPERM'
        ? 'check its permissions'
        : 'check that the file is whole and on a disk this machine reaches',
    );
  }
}

async function readUnits(path: string, options: ReadOptions): Promise<Unit[]> {
  const bytes = readBytes(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return readFile({ path, bytes, sha256, extension: extname(path).toLowerCase() }, options);
}

/** Reads every file in order; ids and duplicates are checked across all of them. */
export async function readInputs(
  paths: readonly string[],
  options: ReadOptions = {},
  progress?: ProgressReporter,
): Promise<ReadResult> {
  const result: ReadResult = { statements: [], rejected: [], warnings: [], files: [], skipped: [] };
  const files = expand(paths, result.skipped);
  const seenContent = new Map<string, string>();
  const seenIds = new Map<string, string>();
  for (const path of files) {
    for (const unit of await readUnits(path, options)) {
      result.warnings.push(...unit.warnings);
      const context: ItemContext = {
        source: unit.table.source,
        ...(options.partnerCountries ? { partnerCountries: options.partnerCountries } : {}),
        ...(options.dimensions ? { dimensions: options.dimensions } : {}),
        warnings: result.warnings,
        seenContent,
        seenIds,
      };
      for (const [n, item] of unit.items.entries()) {
        if (progress && n % 5000 === 0) progress('read', n, unit.items.length);
        const outcome = validateItem(item, context);
        if ('raw' in outcome) {
          result.rejected.push(outcome);
          unit.summary.rejected++;
        } else {
          result.statements.push(outcome);
          unit.summary.statements++;
        }
      }
      result.files.push(unit.summary);
    }
  }
  unifyPartners(result.statements, result.warnings);
  return result;
}

/** A name with its invisible characters made visible, for a message: "Sty\u200Bria" → "Sty<U+200B>ria". */
function visible(name: string): string {
  return name.replace(
    /[\p{Cf}\u180e]/gu,
    (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/**
 * One partner, however its name is written: spellings that differ only in case, Unicode form or
 * invisible characters are one partner, named by its most used spelling (the first seen on a tie),
 * with a warning that lists them. A partner given two countries is said so too.
 */
function unifyPartners(statements: Statement[], warnings: Problem[]): void {
  interface Group {
    spellings: Map<string, number>;
    written: Set<string>;
    countries: Map<string, number>;
    first: Statement;
  }
  const groups = new Map<string, Group>();
  for (const s of statements) {
    const key = partnerKey(s.partner);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { spellings: new Map(), written: new Set(), countries: new Map(), first: s }));
    const clean = cleanName(s.partner);
    group.spellings.set(clean, (group.spellings.get(clean) ?? 0) + 1);
    group.written.add(s.partner);
    group.countries.set(s.country, (group.countries.get(s.country) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  for (const [key, group] of groups) {
    let name = '';
    let most = 0;
    for (const [spelling, count] of group.spellings) if (count > most) [name, most] = [spelling, count];
    names.set(key, name);
    const place = { file: group.first.source, line: group.first.line };
    if (group.written.size > 1) {
      const others = [...group.written].filter((w) => w !== name).map((w) => `"${visible(w)}"`);
      warnings.push({
        code: 'partner-merged',
        severity: 'warning',
        place,
        message: `partner "${name}" is also written ${others.join(', ')}: counted as one partner`,
        hint: 'write the name the same way everywhere to silence this',
      });
    }
    if (group.countries.size > 1) {
      const counts = [...group.countries]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([c, n]) => `${c} (${n} ${n === 1 ? 'statement' : 'statements'})`);
      warnings.push({
        code: 'partner-countries',
        severity: 'warning',
        place,
        message: `partner "${name}" comes with ${group.countries.size} countries: ${counts.join(', ')}`,
        hint: 'correct the country column, or name the two partners differently',
      });
    }
  }
  for (const s of statements) s.partner = names.get(partnerKey(s.partner)) ?? s.partner;
}
