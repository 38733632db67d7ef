/**
 * The pipeline, stage after stage: read → normalise terms → represent → themes → compare partners.
 * Returns the report model; rendering and writing are the report stage's, printing the CLI's.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Background, startBackground } from './runtime/index.js';
import { compareRuns, comparePartners, compareTerms } from './compare/index.js';
import { checkThemeSettings, type Settings } from './config/index.js';
import { analysedStatements, idOrder, stop } from './model/index.js';
import { meaningsByText, represent, sentenceMeanings, withoutNames } from './represent/index.js';
import { checkLanguages, readInputs, readPrevious, type ReadResult } from './read/index.js';
import { analyseTerms, loadGlossary, type TermAnalysis } from './terms/index.js';
import {
  applyEdits,
  codebookText,
  findThemes,
  readCodebook,
  structureWarnings,
  type EditedCodebook,
} from './themes/index.js';
import type { ProgressReporter } from './model/index.js';
import { type RunReport, rejectedReason, type Stage, type Statement } from './model/index.js';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export async function runPipeline(settings: Settings, progress?: ProgressReporter): Promise<RunReport> {
  // The second thread (started early by bin/swotlens.js, or here) loads its libraries while this one reads.
  const background = startBackground();
  try {
    return await stages(settings, background, progress);
  } finally {
    await background.close();
  }
}

async function stages(settings: Settings, background: Background, progress?: ProgressReporter): Promise<RunReport> {
  const timings: RunReport['timings'] = {};
  const timed = async <T>(stage: Stage, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    timings[stage] = Math.round(performance.now() - start);
    progress?.('', 0, 0);
    return result;
  };
  const readStart = performance.now();

  const codebookFile = settings.codebook ? readCodebook(settings.codebook) : undefined;
  const codebook = codebookFile ? applyEdits(codebookFile) : undefined;
  const given = await readInputs(
    settings.inputs,
    {
      dimensions: settings.dimensions,
      ...(settings.partnerCountries ? { partnerCountries: settings.partnerCountries } : {}),
    },
    progress,
  );
  timings.read = Math.round(performance.now() - readStart);
  progress?.('', 0, 0);
  const read = codebook && settings.codebook ? excludeStatements(given, codebook, settings.codebook) : given;
  if (read.statements.length === 0) {
    const first = read.rejected[0];
    stop(
      'file-no-rows',
      { file: settings.inputs.join(', ') },
      'no statement could be read',
      first
        ? `every row was rejected; the first, line ${first.place.line}: ${rejectedReason(first)}`
        : 'the files have no rows below the header',
    );
  }
  checkThemeSettings(settings, read.statements.length);
  // Languages are checked beside the next stages; their warnings join the others at the end.
  const languages = checkLanguages(read.statements, background.detectLanguages);
  // Awaited below; if a stage before stops the run, its failure must not surface on its own.
  languages.catch(() => undefined);
  const glossary = loadGlossary(settings.glossary);
  const terms = await timed('terms', () => analyseTerms(read.statements, glossary, progress));
  const representation = await timed('represent', async () =>
    represent(terms.statements, {
      semantic: settings.themes.semantic,
      order: idOrder(read.statements),
      ...(settings.themes.meaning === 'sentences' && settings.themes.semantic > 0
        ? { sentences: await readSentences(read.statements, terms, codebook, background, progress) }
        : {}),
    }),
  );
  const themeSet = await timed('themes', () =>
    findThemes(
      { statements: read.statements, normalised: terms.statements, representation },
      { settings: settings.themes, glossary, codebook, progress, helper: background },
    ),
  );
  read.warnings.push(...(await languages), ...structureWarnings(themeSet, { file: settings.inputs.join(', ') }));
  const previous = settings.previous ? readPrevious(settings.previous) : undefined;
  const analysed = analysedStatements(read.statements, terms.statements, themeSet.assignments);
  const { comparison, terminology, changes } = await timed('compare', () => {
    const comparison = comparePartners(analysed, themeSet.themes, settings.consensus);
    return {
      comparison,
      terminology: compareTerms(terms, glossary),
      changes: previous ? compareRuns(previous, analysed, comparison, codebook?.resolve ?? new Map()) : undefined,
    };
  });
  return {
    version: VERSION,
    settings,
    ...(codebookFile && codebook ? { codebook: { file: codebookFile, edited: codebook } } : {}),
    files: read.files,
    skipped: read.skipped,
    statements: read.statements,
    analysed,
    rejected: read.rejected,
    warnings: read.warnings,
    terms,
    themes: themeSet.themes,
    themeSet,
    comparison,
    terminology,
    ...(changes ? { changes } : {}),
    timings,
  };
}

/**
 * `themes.meaning: sentences`: the meaning of every text the themes step compares — the
 * statements, their clauses, the codebook's themes — each read once, every other one on the second
 * thread. The words that say who wrote a statement (its partner's places and organisations) are
 * left out of what the encoder reads, as they are left out of the topic features: themes are about
 * topics, not about partners.
 */
async function readSentences(
  statements: readonly Statement[],
  terms: TermAnalysis,
  codebook: EditedCodebook | undefined,
  background: Background,
  progress?: ProgressReporter,
): Promise<{ texts: string[]; meanings: Map<string, Float32Array> }> {
  const texts = statements.map((s) => s.text);
  const topic = (text: string): [string, string] => [text, withoutNames(text, terms.names)];
  const meanings = await meaningsByText(
    [
      ...texts.map(topic),
      ...terms.statements.flatMap((s) => s.parts.map((c) => topic(c.text))),
      ...(codebook?.themes ?? []).map(codebookText).map((text): [string, string] => [text, text]),
    ],
    async (readings) => {
      // The two halves are about as long, and a text's meaning does not depend on the texts read with it.
      const halves = [readings.filter((_, i) => i % 2 === 0), readings.filter((_, i) => i % 2 === 1)] as const;
      const [mine, theirs] = await Promise.all([
        sentenceMeanings(halves[0], progress),
        background.readMeanings(halves[1]),
      ]);
      return readings.map((_, i) => (i % 2 === 0 ? mine[i / 2] : theirs[(i - 1) / 2]) as Float32Array);
    },
  );
  return { texts, meanings };
}

/**
 * The read result without the statements the analyst excluded in the codebook: they go to the
 * rejected rows with the reason given (a new result; the read step's own is left as it was);
 * pins and exclusions that name no statement of this run are reported.
 */
function excludeStatements(given: ReadResult, codebook: EditedCodebook, path: string): ReadResult {
  const read: ReadResult = {
    ...given,
    rejected: [...given.rejected],
    warnings: [...given.warnings],
    files: given.files.map((f) => ({ ...f })),
  };
  const present = new Set(given.statements.map((s) => s.id));
  read.statements = given.statements.filter((s) => {
    const reason = codebook.excluded.get(s.id);
    if (reason === undefined) return true;
    read.rejected.push({
      code: 'row-excluded',
      severity: 'error',
      place: { file: s.source, line: s.line },
      message: `excluded in the codebook: ${reason}`,
      raw: s.text,
    });
    const file = read.files.find((f) => f.path === s.source);
    if (file) {
      file.statements--;
      file.rejected++;
    }
    return false;
  });
  for (const [id, what] of [
    ...[...codebook.excluded.keys()].map((id) => [id, 'excluded'] as const),
    ...[...codebook.pins.keys()].map((id) => [id, 'pinned'] as const),
    ...[...codebook.unassigned].map((id) => [id, 'moved to review'] as const),
  ]) {
    if (!present.has(id)) {
      read.warnings.push({
        code: 'codebook-statement-unknown',
        severity: 'warning',
        place: { file: path },
        message: `statement "${id}" is ${what} in the codebook but is not in this run's inputs`,
        hint: 'check the id, or remove the entry',
      });
    }
  }
  return read;
}
