/**
 * swotlens as a library: `analyse()` runs the pipeline — read → terms → represent → themes →
 * compare — and resolves to the run report that the command line renders; `renderReport()` and
 * `writeReport()` turn it into the report files.
 *
 *     import { analyse, renderReport, writeReport } from 'swotlens';
 *     const report = await analyse({ inputs: ['submissions/'], themes: { maxThemes: 20 } });
 *     for (const theme of report.themes) console.log(theme.id, theme.label);
 *     writeReport('reports/my-project', renderReport(report));
 *
 * A problem that stops the run (a broken file, an invalid setting) rejects with a `StopError`,
 * whose `problem` has the code, the place, the message and a hint; nothing is printed.
 */
import { z } from 'zod';
import { resolveSettings, SettingsOverrides } from './config/index.js';
import type { RunReport } from './model/index.js';
import { runPipeline } from './pipeline.js';
import { stop } from './model/index.js';
import type { ProgressReporter } from './model/index.js';

export type { Settings, ThemeSettings } from './config/index.js';
export type { RunReport } from './model/index.js';
export { VERSION } from './pipeline.js';
export { formatProblem, type Problem, type ProblemCode, StopError } from './model/index.js';
export { codebookOf, renderReport, writeReport } from './report/index.js';
export type { Assignment, Theme, ThemeSet } from './themes/index.js';
export type { Place, ProgressReporter, Quadrant, RejectedRow, Statement } from './model/index.js';

const AnalyseOptions = SettingsOverrides.extend({
  /** Input files or folders of them (CSV, TSV, .xlsx, Markdown); replaces a pipeline file's `inputs`. */
  inputs: z.array(z.string().min(1)).optional(),
  /** A pipeline file whose settings the other options override. */
  pipeline: z.string().min(1).optional(),
  /** Where `writeReport` is meant to write; `report.settings.out`. */
  out: z.string().min(1).optional(),
  codebook: z.string().min(1).optional(),
  glossary: z.string().min(1).optional(),
  /** An earlier run's output folder: the report says what changed (`report.changes`). */
  previous: z.string().min(1).optional(),
  /** Recorded in the settings; the command line then exits with 1 when a row was rejected. */
  strict: z.boolean().optional(),
});

export interface AnalyseOptions extends z.input<typeof AnalyseOptions> {
  /** Told how far long stages have come. */
  onProgress?: ProgressReporter;
}

/**
 * Reads and analyses the inputs. Paths are relative to the working folder (those in a pipeline
 * file, to the file). Every setting of a pipeline file may be given here; unknown or invalid
 * options reject with a `StopError` (code `config-invalid`) that names every one of them.
 */
export async function analyse(options: AnalyseOptions): Promise<RunReport> {
  const { onProgress, ...rest } = options;
  const parsed = AnalyseOptions.safeParse(rest);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : `${issue.path.join('.')}: ${issue.message}`,
    );
    stop('config-invalid', { file: 'analyse() options' }, issues.join('; '), 'see README, "As a library"');
  }
  const { inputs, pipeline, out, codebook, glossary, previous, strict, ...parsedOverrides } = parsed.data;
  // Theme settings as given, so that one left out keeps what the pipeline file says (parsing fills in defaults).
  const overrides = { ...parsedOverrides, ...(rest.themes ? { themes: rest.themes } : {}) };
  const settings = resolveSettings(
    pipeline,
    {
      ...(inputs ? { input: inputs } : {}),
      ...(out ? { out } : {}),
      ...(codebook ? { codebook } : {}),
      ...(glossary ? { glossary } : {}),
      ...(previous ? { previous } : {}),
      ...(strict !== undefined ? { strict } : {}),
    },
    process.cwd(),
    overrides,
  );
  return runPipeline(settings, onProgress);
}
