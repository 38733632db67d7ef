/**
 * Settings of a run: the pipeline file (validated strictly), then the command-line flags on top.
 * Paths in a pipeline file are relative to the file; paths on the command line to the working
 * folder. All paths in the settings are relative to the working folder, so reports name files as
 * the analyst would type them.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { stop } from '../model/index.js';
import { readYamlFile } from './yaml-file.js';

export { readYamlDocument, readYamlFile, type YamlDocument } from './yaml-file.js';

const DEFAULT_MIN_STATEMENTS = 3;

/**
 * The settings whose default depends on where meaning comes from, chosen on swot-dev (`npm run
 * bench:quality`): the share of meaning by NMI against analysts A / B with the statements left for
 * review as one group (sentences: 0.578 / 0.575 at 0.2, 0.607 / 0.604 at 0.3, 0.623 / 0.616 at 0.4,
 * 0.631 / 0.618 at 0.5, 0.619 / 0.598 at 0.6, 0.582 / 0.573 at 0.7; before the partners' names
 * were left out of what the encoder reads); the score from which a statement is assigned: the
 * highest that still lets the report count as many statements as with words, so that what it
 * counts is more often right (analyst A: words 137 assigned, 63.5% carrying their theme's most
 * common label; sentences at 0.35: 211, 64.9%; at 0.4: 151, 70.9%; at 0.45: 103, 72.8% —
 * `BENCH_THEMES='{"meaning":"sentences","assignAt":0.45}' npm run bench:quality -- swot-dev-A`).
 */
const BY_MEANING = {
  words: { semantic: 0.15, assignAt: 0.35 },
  sentences: { semantic: 0.5, assignAt: 0.4 },
} as const;

export const ThemeSettings = z
  .strictObject({
    /** A discovered theme needs at least this many statements, or they are left unassigned. @default 3 */
    minStatements: z
      .number()
      .int()
      .min(2)
      .default(DEFAULT_MIN_STATEMENTS)
      .describe('A discovered theme needs at least this many statements, or they are left unassigned.'),
    /** Upper bound on the number of discovered themes; the number itself is chosen from the data. @default 40 */
    maxThemes: z
      .number()
      .int()
      .min(2)
      .max(500)
      .default(40)
      .describe('Upper bound on the number of discovered themes; the number itself is chosen from the data.'),
    /** Discover exactly this many themes instead of choosing the number from the data. */
    count: z
      .number()
      .int()
      .min(2)
      .max(500)
      .optional()
      .describe('Discover exactly this many themes instead of choosing the number from the data.'),
    /**
     * Where the meaning part of the similarity comes from: `words` (the mean of the topic words'
     * vectors; milliseconds) or `sentences` (each statement read whole by a sentence encoder: sees
     * "few young people stay" and "brain drain" as one topic; some 45–90 statements a second —
     * for projects of a few thousand statements at most). @default words
     */
    meaning: z
      .enum(['words', 'sentences'])
      .default('words')
      .describe(
        'Where the meaning part of the similarity comes from: words (word vectors, fast) or sentences (a sentence encoder, some 45–90 statements a second).',
      ),
    /**
     * Share of the similarity between statements that comes from meaning (the rest from shared
     * words). @default 0.15 with `meaning: words`, 0.5 with `meaning: sentences`
     */
    semantic: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'Share of the similarity that comes from meaning (the rest from shared words); default 0.15 with meaning: words, 0.5 with sentences.',
      ),
    /**
     * Similarity to the theme from which a statement is `assigned` (below: `borderline`).
     * @default 0.35 with `meaning: words`, 0.4 with `meaning: sentences`
     */
    assignAt: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'Similarity to the theme from which a statement is assigned (below: borderline); default 0.35 with meaning: words, 0.4 with sentences.',
      ),
    /** Similarity under which a statement is `unassigned`. @default 0.1 */
    borderlineAt: z.number().min(0).max(1).default(0.1).describe('Similarity under which a statement is unassigned.'),
    /**
     * A discovered theme whose statements fit it, on average, less than this (each compared with
     * the theme without itself) is dissolved: its statements go to another theme or to review. @default 0.15
     */
    coherenceFloor: z
      .number()
      .min(0)
      .max(1)
      .default(0.15)
      .describe(
        'A discovered theme whose statements fit it on average less than this (each without itself) is dissolved; its statements go to review.',
      ),
    /**
     * A bullet that raises two topics ("Strong universities; weak broadband") gets a second theme,
     * counted in both. @default true
     */
    compound: z
      .boolean()
      .default(true)
      .describe('Give a bullet that raises two topics a second theme, counted in both (false: one theme each).'),
  })
  .refine((t) => (t.assignAt ?? BY_MEANING[t.meaning].assignAt) >= t.borderlineAt, {
    message:
      'assignAt must be at least borderlineAt: a statement is assigned from assignAt, borderline from borderlineAt',
    path: ['assignAt'],
  });

export const PipelineFile = z.strictObject({
  /** Names the report folder: `reports/<name>/`. Letters, digits, `_` and `-`. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'name: letters, digits, _ and - only')
    .describe('Names the report folder: reports/<name>/. Letters, digits, _ and -.'),
  title: z.string().min(1).optional().describe('The title of the report.'),
  inputs: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Input files or folders (CSV, TSV, .xlsx, Markdown), relative to this file.'),
  out: z.string().min(1).optional().describe('The output folder, relative to this file; default reports/<name>/.'),
  codebook: z.string().min(1).optional().describe("The analyst's themes (YAML), matched before discovery."),
  /** A project glossary, added to the bundled one. */
  glossary: z.string().min(1).optional().describe('A project glossary (YAML), added to the bundled one.'),
  /** The dimensions of the SWOT, in order; an input row may give a dimension by number (1-based). */
  dimensions: z
    .array(z.string().min(1))
    .optional()
    .describe('The dimensions of the SWOT, in order; an input row may give a dimension by number (1-based).'),
  /** Partner → ISO country code, for inputs without a country column. */
  partners: z
    .record(z.string(), z.string().min(2))
    .optional()
    .describe('Partner → ISO country code, for inputs without a country column.'),
  themes: ThemeSettings.optional().describe('How themes are discovered and statements assigned.'),
  compare: z
    .strictObject({
      /** Share of all partners that makes a theme a consensus theme. @default 0.5 */
      consensus: z
        .number()
        .gt(0)
        .max(1)
        .default(0.5)
        .describe('Share of all partners that makes a theme a consensus theme.'),
    })
    .optional()
    .describe('How partners are compared.'),
});
export type PipelineFile = z.infer<typeof PipelineFile>;

/** Theme settings with every default filled in, those that depend on where meaning comes from among them. */
export type ThemeSettings = Omit<z.infer<typeof ThemeSettings>, 'semantic' | 'assignAt'> & {
  semantic: number;
  assignAt: number;
};

/** Theme settings as a pipeline file or a program gives them (any key may be missing), with the defaults filled in. */
export function themeSettings(given: z.input<typeof ThemeSettings> = {}): ThemeSettings {
  return withDefaults(ThemeSettings.parse(given));
}

/** The defaults that depend on where meaning comes from, filled in, each in its place among the settings. */
function withDefaults(parsed: z.infer<typeof ThemeSettings>): ThemeSettings {
  const { minStatements, maxThemes, count, meaning, semantic, assignAt, ...rest } = parsed;
  return {
    minStatements,
    maxThemes,
    ...(count !== undefined ? { count } : {}),
    meaning,
    semantic: semantic ?? BY_MEANING[meaning].semantic,
    assignAt: assignAt ?? BY_MEANING[meaning].assignAt,
    ...rest,
  };
}

export interface Settings {
  name: string;
  title: string;
  /** The pipeline file, when there is one. */
  pipeline?: string;
  inputs: string[];
  out: string;
  codebook?: string;
  glossary?: string;
  /** A previous run's output folder, to report what changed. */
  previous?: string;
  dimensions: string[];
  partnerCountries?: Record<string, string>;
  themes: ThemeSettings;
  consensus: number;
  strict: boolean;
}

export interface Flags {
  input?: string[];
  out?: string;
  codebook?: string;
  glossary?: string;
  previous?: string;
  strict?: boolean;
  /** false with --no-compound: every bullet one theme. */
  compound?: boolean;
  /** --meaning: where the meaning part of the similarity comes from. */
  meaning?: 'words' | 'sentences';
}

/** What `swotlens run` may be given in place of a pipeline file by mistake: a table of statements. */
const STATEMENTS_FILE = /\.(?:csv|tsv|txt|xlsx|xls|md)$/i;

const HINT =
  'the pipeline keys are name, title, inputs, out, codebook, glossary, dimensions, partners, themes, compare (see README, "Pipeline file")';

/** The settings a program gives `analyse()` beside or instead of a pipeline file: its keys, all optional. */
export const SettingsOverrides = PipelineFile.omit({
  inputs: true,
  out: true,
  codebook: true,
  glossary: true,
}).partial();
/** As given: a theme setting a program leaves out keeps what the pipeline file says. */
export type SettingsOverrides = z.input<typeof SettingsOverrides>;

/**
 * Reads the pipeline file (if any) and lays the flags over it; `overrides` (from a program, already
 * validated) replace what the file says, key by key, and theme settings one by one.
 */
export function resolveSettings(
  pipelinePath: string | undefined,
  flags: Flags,
  cwd = process.cwd(),
  overrides: SettingsOverrides = {},
): Settings {
  if (pipelinePath && STATEMENTS_FILE.test(pipelinePath))
    stop(
      'config-invalid',
      { file: pipelinePath },
      'is a file of statements, not a pipeline file',
      `name it with --input: swotlens run --input ${pipelinePath} --out reports/${basename(pipelinePath).replace(/\.[^.]+$/, '')}`,
    );
  const read: PipelineFile | undefined = pipelinePath
    ? readYamlFile(pipelinePath, PipelineFile, { code: 'config-invalid', kind: 'pipeline file', hint: HINT })
    : undefined;
  const file:
    | (Omit<Partial<PipelineFile>, 'themes' | 'compare'> & Pick<SettingsOverrides, 'themes' | 'compare'>)
    | undefined =
    read || Object.keys(overrides).length > 0
      ? {
          ...read,
          ...overrides,
          ...(read?.themes || overrides.themes ? { themes: { ...read?.themes, ...overrides.themes } } : {}),
        }
      : undefined;
  const themes = ThemeSettings.safeParse(file?.themes ?? {});
  if (!themes.success) {
    const issue = themes.error.issues[0];
    stop(
      'config-invalid',
      { file: pipelinePath ?? 'settings' },
      `${issue?.message ?? 'invalid'} (at themes.${issue?.path.join('.') ?? ''})`,
      HINT,
    );
  }
  const base = pipelinePath ? dirname(resolve(cwd, pipelinePath)) : cwd;
  const fromFile = (path: string): string => display(resolve(base, path), cwd);
  const fromFlag = (path: string): string => display(resolve(cwd, path), cwd);

  const inputs = flags.input?.length ? flags.input.map(fromFlag) : (file?.inputs ?? []).map(fromFile);
  if (inputs.length === 0) {
    stop(
      'config-invalid',
      { file: pipelinePath ?? 'command line' },
      'no input files',
      'name them under `inputs:` in the pipeline file or with --input FILE',
    );
  }
  const name = file?.name ?? 'swotlens';
  const out = flags.out ? fromFlag(flags.out) : file?.out ? fromFile(file.out) : `reports/${name}`;
  const input = inputs.find((i) => resolve(cwd, i) === resolve(cwd, out));
  if (input !== undefined)
    stop(
      'out-invalid',
      { file: flags.out ? 'command line' : (pipelinePath ?? 'command line') },
      `the output folder ${out} is also an input folder`,
      'write the report to a folder of its own with --out',
    );
  const codebook = flags.codebook ? fromFlag(flags.codebook) : file?.codebook ? fromFile(file.codebook) : undefined;
  const glossary = flags.glossary ? fromFlag(flags.glossary) : file?.glossary ? fromFile(file.glossary) : undefined;
  return {
    name,
    title: file?.title ?? (read || file?.name ? name : 'SWOT comparison'),
    ...(pipelinePath ? { pipeline: display(resolve(cwd, pipelinePath), cwd) } : {}),
    inputs,
    out,
    ...(codebook ? { codebook } : {}),
    ...(glossary ? { glossary } : {}),
    ...(flags.previous ? { previous: fromFlag(flags.previous) } : {}),
    dimensions: file?.dimensions ?? [],
    ...(file?.partners ? { partnerCountries: file.partners } : {}),
    themes: withDefaults(themes.data),
    consensus: file?.compare?.consensus ?? 0.5,
    strict: flags.strict ?? false,
  };
}

/**
 * Theme settings that cannot work with this many statements stop the run, instead of giving no
 * themes without a word.
 */
export function checkThemeSettings(settings: Settings, statements: number): void {
  const { count, minStatements } = settings.themes;
  const file = settings.pipeline ?? 'settings';
  if (count !== undefined && count >= statements) {
    stop(
      'config-invalid',
      { file },
      `themes.count is ${count}, but only ${statements} statements were read`,
      'lower themes.count well below the number of statements, or remove it to let swotlens choose',
    );
  }
  if (count !== undefined && count * minStatements > statements) {
    stop(
      'config-invalid',
      { file },
      `themes.count ${count} × themes.minStatements ${minStatements} needs ${count * minStatements} statements, but ${statements} were read`,
      `lower themes.count to at most ${Math.floor(statements / minStatements)}, or themes.minStatements`,
    );
  }
  // A small input with the default is no error: its statements stay for review.
  if (minStatements > DEFAULT_MIN_STATEMENTS && minStatements * 2 > statements) {
    stop(
      'config-invalid',
      { file },
      `themes.minStatements is ${minStatements}: with ${statements} statements no two themes can be found`,
      `lower themes.minStatements to at most ${Math.max(2, Math.floor(statements / 2))}`,
    );
  }
}

/** A path as the analyst would type it from `cwd`: relative below it, absolute elsewhere. */
function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return absolute;
  return rel.split(sep).join('/');
}
