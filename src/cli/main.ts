/**
 * The command line: a thin wrapper over the pipeline. The only place that prints.
 *
 * Exit codes: 0 done; 1 an input could not be read or the report could not be written (or, with
 * --strict, a row was rejected); 2 the command, the pipeline file, the codebook, the glossary or
 * the output folder is wrong; 3 an internal error (a bug).
 */
import type { SingleBar } from 'cli-progress';
import { lazy } from '../lazy.js';
import { Command, CommanderError, Option } from 'commander';
import { resolveSettings, type Flags, type Settings } from '../config/index.js';
import { analyse } from '../index.js';
import type { RunReport } from '../model/index.js';
import { VERSION } from '../pipeline.js';
import { formatProblem, StopError, type Problem } from '../model/index.js';
import { checkLanguages, readInputs } from '../read/index.js';
import { plural, renderReport, runJson, writeReport } from '../report/index.js';
import { type ProgressReporter, type RejectedRow, rejectedReason } from '../model/index.js';

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Warnings and rejections printed before "… and N more". */
const PRINT_LIMIT = 10;

const USAGE_CODES = new Set<Problem['code']>([
  'config-invalid',
  'codebook-invalid',
  'glossary-invalid',
  'previous-invalid',
  'out-invalid',
]);

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function rejectedLine(r: RejectedRow): string {
  return `${r.place.file}:${r.place.line}  rejected  ${rejectedReason(r).replace(/\s*[\r\n]+\s*/g, ' ')}  ${r.code}`;
}

function warningLine(p: Problem): string {
  return `${formatProblem(p)}  ${p.code}`;
}

function printSome(io: Io, lines: readonly string[], where: string): void {
  for (const line of lines.slice(0, PRINT_LIMIT)) io.err(`${line}\n`);
  if (lines.length > PRINT_LIMIT) io.err(`… and ${lines.length - PRINT_LIMIT} more in ${where}\n`);
}

const progressBars = lazy<typeof import('cli-progress')>('cli-progress');

/**
 * Progress bars on stderr, when it is a terminal, for stages that run longer than a second; a
 * no-op otherwise.
 */
function terminalProgress(): { report: ProgressReporter | undefined; finish: () => void } {
  if (!process.stderr.isTTY) return { report: undefined, finish: () => undefined };
  let stage = '';
  let started = 0;
  let bar: SingleBar | undefined;
  const finish = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    report: (name, done, total) => {
      if (name !== stage) {
        finish();
        stage = name;
        started = performance.now();
      }
      if (name === '') return;
      if (!bar && performance.now() - started > 1000) {
        const { Presets, SingleBar: Bar } = progressBars();
        bar = new Bar(
          {
            format: `${name.padEnd(8)} [{bar}] {value}/{total}`,
            stream: process.stderr,
            clearOnComplete: true,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, done);
      }
      if (bar) {
        bar.setTotal(Math.max(total, done));
        bar.update(done);
      }
    },
    finish,
  };
}

async function run(pipeline: string | undefined, flags: Flags, io: Io): Promise<number> {
  const progress = terminalProgress();
  let report: RunReport;
  try {
    report = await analyse({
      ...(pipeline ? { pipeline } : {}),
      ...(flags.input?.length ? { inputs: flags.input } : {}),
      ...(flags.out ? { out: flags.out } : {}),
      ...(flags.codebook ? { codebook: flags.codebook } : {}),
      ...(flags.glossary ? { glossary: flags.glossary } : {}),
      ...(flags.previous ? { previous: flags.previous } : {}),
      ...(flags.strict !== undefined ? { strict: flags.strict } : {}),
      ...(flags.compound === false || flags.meaning
        ? {
            themes: {
              ...(flags.compound === false ? { compound: false } : {}),
              ...(flags.meaning ? { meaning: flags.meaning } : {}),
            },
          }
        : {}),
      ...(progress.report ? { onProgress: progress.report } : {}),
    });
  } finally {
    progress.finish();
  }
  const { settings } = report;
  const started = performance.now();
  const files = renderReport(report);
  report.timings.render = Math.round(performance.now() - started);
  files.set('run.json', runJson(report));
  writeReport(settings.out, files);

  for (const s of report.skipped) io.err(`${s.path}: skipped, ${s.reason}\n`);
  printSome(io, report.warnings.map(warningLine), `${settings.out}/run.json`);
  printSome(io, report.rejected.map(rejectedLine), `${settings.out}/rejected.csv`);
  const a = report.themeSet.assignments;
  const unassigned = a.filter((x) => x.status === 'unassigned').length;
  const borderline = a.filter((x) => x.status === 'borderline').length;
  io.out(
    `read ${plural(report.statements.length, 'statement')} from ${plural(report.comparison.partners.length, 'partner')}` +
      (report.rejected.length > 0
        ? `; ${plural(report.rejected.length, 'row')} rejected (${settings.out}/rejected.csv)`
        : '') +
      '\n',
  );
  const flagged = report.analysed.filter((x) => x.terms.flags.includes('quadrant')).length;
  const compound = a.filter((x) => x.themeId2 !== undefined).length;
  io.out(
    `${plural(report.themeSet.themes.length, 'theme')}; ${borderline} borderline and ${unassigned} unassigned statements to review` +
      (flagged > 0
        ? `; ${plural(flagged, 'statement')} worded against ${flagged === 1 ? 'its' : 'their'} quadrant`
        : '') +
      (compound > 0 ? `; ${plural(compound, 'bullet')} with two topics` : '') +
      '\n',
  );
  if (report.changes) {
    const c = report.changes;
    io.out(
      `since ${c.previous}: ${plural(c.partners.new.length, 'new partner')}, ${plural(c.themes.new.length, 'new theme')}, ${plural(c.themes.vanished.length, 'vanished theme')}, ${c.statements.kept} statements kept their theme, ${c.statements.moved.length} moved (${settings.out}/changes.json)\n`,
    );
  }
  io.out(`report: ${settings.out}/report.html, ${settings.out}/report.md\n`);
  return settings.strict && report.rejected.length > 0 ? EXIT.input : EXIT.ok;
}

async function validate(paths: readonly string[], strict: boolean, io: Io): Promise<number> {
  const pipelines = paths.filter((p) => /\.ya?ml$/i.test(p));
  const inputs = paths.filter((p) => !/\.ya?ml$/i.test(p));
  let settings: Settings | undefined;
  if (pipelines.length > 1)
    throw new StopError({
      code: 'config-invalid',
      severity: 'error',
      place: { file: pipelines[1] as string },
      message: 'validate takes one pipeline file at most',
      hint: 'validate pipeline files one at a time',
    });
  if (pipelines[0]) settings = resolveSettings(pipelines[0], inputs.length > 0 ? { input: inputs } : {});
  const files = settings?.inputs ?? inputs;
  const result = await readInputs(files, {
    dimensions: settings?.dimensions ?? [],
    ...(settings?.partnerCountries ? { partnerCountries: settings.partnerCountries } : {}),
  });
  result.warnings.push(...(await checkLanguages(result.statements)));
  for (const f of result.files) {
    const delimiter = f.delimiter === '' ? '' : `, delimiter ${f.delimiter === '\t' ? 'tab' : `"${f.delimiter}"`}`;
    const encoding = f.encoding === '' ? '' : `, ${f.encoding}`;
    const layout = f.layout === 'wide' ? ', a column per quadrant' : '';
    const unit = f.layout === 'wide' ? 'bullet' : f.layout === 'markdown' ? 'line' : 'row';
    io.out(
      `${f.path}  ${f.format}${encoding}${delimiter}${layout}: ${plural(f.rows, unit)}, ${f.statements} to analyse, ${f.rejected} rejected${f.ignoredColumns.length > 0 ? `; ignored columns: ${f.ignoredColumns.join(', ')}` : ''}\n`,
    );
  }
  for (const s of result.skipped) io.out(`${s.path}  skipped: ${s.reason}\n`);
  for (const r of result.rejected) io.out(`${rejectedLine(r)}\n`);
  for (const w of result.warnings) io.out(`${warningLine(w)}\n`);
  const partners = new Set(result.statements.map((s) => s.partner)).size;
  io.out(
    `${plural(result.files.length, 'file')}: ${plural(result.statements.length, 'statement')} from ${plural(partners, 'partner')} would be analysed, ${plural(result.rejected.length, 'row')} rejected, ${plural(result.warnings.length, 'warning')}\n`,
  );
  return strict && result.rejected.length > 0 ? EXIT.input : EXIT.ok;
}

/**
 * Text for a terminal: control characters that came from an input (an escape sequence in a
 * statement could clear the screen or retitle the window) shown as `\x1b`, line breaks and tabs kept.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[], terminal: Io = processIo): Promise<number> {
  const io: Io = { out: (text) => terminal.out(printable(text)), err: (text) => terminal.err(printable(text)) };
  let code: number = EXIT.ok;
  const program = new Command('swotlens')
    .description('Compare SWOT analyses across the partners of a policy project.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError();
  program
    .command('run')
    .description('analyse SWOT statements and write the report')
    .argument('[pipeline]', 'pipeline file (YAML); flags override what it says')
    .option('-i, --input <file>', 'input file (CSV, TSV, .xlsx, Markdown) or folder of them (repeatable)', collect, [])
    .option('-o, --out <dir>', 'output folder (default: reports/<pipeline name>)')
    .option('--codebook <file>', "the analyst's themes (YAML), matched before discovery")
    .option('--glossary <file>', 'a project glossary (YAML), added to the bundled one')
    .option('--previous <dir>', "a previous run's output folder: write changes.json and what changed")
    .option('--strict', 'exit with 1 when any row is rejected')
    .option('--no-compound', 'give every bullet one theme, also one that raises two topics')
    .addOption(
      new Option(
        '--meaning <from>',
        'where the meaning part of the similarity comes from: words (fast) or sentences (a sentence encoder, some 45–90 statements a second)',
      ).choices(['words', 'sentences']),
    )
    .action(async (pipeline: string | undefined, options: Flags) => {
      code = await run(pipeline, options, io);
    });
  program
    .command('validate')
    .description(
      'read and check input files without analysing them; a pipeline file brings its inputs, dimensions and partners',
    )
    .argument('<files...>', 'input files or folders, or a pipeline file')
    .option('--strict', 'exit with 1 when any row is rejected')
    .action(async (files: string[], options: { strict?: boolean }) => {
      code = await validate(files, options.strict ?? false, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof StopError) {
      for (const problem of error.problems) io.err(`swotlens: ${formatProblem(problem)}\n`);
      return USAGE_CODES.has(error.problem.code) ? EXIT.usage : EXIT.input;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `swotlens: internal error: ${message.split('\n')[0]} — please report it with the command you ran${process.env.SWOTLENS_DEBUG ? '' : ' (set SWOTLENS_DEBUG=1 for details)'}\n`,
    );
    if (process.env.SWOTLENS_DEBUG && error instanceof Error) io.err(`${error.stack ?? ''}\n`);
    return EXIT.internal;
  }
}
