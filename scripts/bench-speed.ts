/**
 * Speed at 1,000, 20,000 and 100,000 statements: the StackOverflow titles of ../shared/benchmarks
 * as statements of ten partners (repeated with small rewordings past 20,000), each run as a new
 * user would — `node bin/swotlens.js run --input … --out …` in a process of its own — with wall
 * time, peak memory (GNU time) and the time of each stage (run.json); beside it, in the same run,
 * scikit-learn's TfidfVectorizer + KMeans with the true number of themes, as a whole process
 * (Debian's python3-sklearn under /usr/bin/python3; skipped with a note when it is missing).
 * Then the time its report.html takes to open in Chromium (load event, inline script run; median of
 * three fresh pages; skipped without Chromium). Each is run three times, the two tools in turn, and the median run is reported: a shared
 * machine's speed drifts by a tenth from minute to minute, and both tools should see the same.
 *
 *   npm run bench:speed                       all three sizes
 *   npm run bench:speed -- 1000 20000         only these
 *   npm run bench:speed -- --runs 1 20000     one run each
 *   npm run bench:speed -- --meaning sentences 1000   with meaning read from whole sentences
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { normalizedMutualInformation } from '../src/themes/metrics.js';
import { hasSklearn, PYTHON } from './baseline.js';
import { pageOpens } from './chromium.js';
import { readCsvFile } from './csv.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIME = '/usr/bin/time';

interface Measure {
  seconds: number;
  peakMiB?: number;
}

/** Runs a command under GNU time (when there is one) and returns its wall time and peak memory. */
function measure(command: string, args: string[]): Measure & { stdout: string } {
  const started = performance.now();
  if (existsSync(TIME)) {
    const run = spawnSync(TIME, ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const kb = Number(run.stderr.trim().split('\n').pop());
    return { seconds, peakMiB: kb / 1024, stdout: run.stdout };
  }
  const stdout = execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { seconds: (performance.now() - started) / 1000, stdout };
}

/** The run with the median wall time. */
function median<T extends Measure>(runs: readonly T[]): T {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor((runs.length - 1) / 2)] as T;
}

export async function benchSpeed(
  sizes: readonly number[] = [1000, 20000, 100000],
  runs = 3,
  meaning: 'words' | 'sentences' = 'words',
): Promise<string> {
  if (!existsSync(join(ROOT, '..', 'shared', 'benchmarks', 'stackoverflow', 'data.tsv')))
    return 'skipped: ../shared/benchmarks/stackoverflow is not there';
  const dir = mkdtempSync(join(tmpdir(), 'swotlens-speed-'));
  const sklearn = hasSklearn();
  const rows: string[] = [];
  for (const n of sizes) {
    const input = join(dir, `so-${n}.csv`);
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(ROOT, 'scripts', 'benchmark-input.ts'),
        'stackoverflow',
        String(n),
        input,
      ],
      { stdio: 'ignore' },
    );
    const out = join(dir, `out-${n}`);
    const oursRuns: (Measure & { timings: Record<string, number> })[] = [];
    const theirRuns: (Measure & { stdout: string })[] = [];
    for (let r = 0; r < runs; r++) {
      const ours = measure(process.execPath, [
        join(ROOT, 'bin', 'swotlens.js'),
        'run',
        '--input',
        input,
        '--out',
        out,
        ...(meaning === 'words' ? [] : ['--meaning', meaning]),
      ]);
      oursRuns.push({
        ...ours,
        timings: (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { timings: Record<string, number> })
          .timings,
      });
      if (sklearn) theirRuns.push(measure(PYTHON, [join(ROOT, 'scripts', 'sklearn_baseline.py'), input, '20']));
    }
    const ours = median(oursRuns);
    const run = {
      ...(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { counts: { themes: number } }),
      timings: ours.timings,
    };
    const gold = new Map(readCsvFile(input).map((r) => [r.id, r.gold]));
    const assigned = readCsvFile(join(out, 'assignments.csv'));
    const nmi = normalizedMutualInformation(
      assigned.map((r) => gold.get(r.statement_id ?? '') ?? ''),
      assigned.map((r, i) => r.theme_id || r.nearest_theme_id || `none-${i}`),
    );
    const stages = ['read', 'terms', 'represent', 'themes', 'compare', 'render']
      .map((s) => `${s} ${((run.timings[s] ?? 0) / 1000).toFixed(1)}`)
      .join(', ');
    let theirs = 'scikit-learn not installed (apt-get install python3-sklearn)';
    let ratio = '';
    if (sklearn) {
      const sk = median(theirRuns);
      const result = JSON.parse(sk.stdout) as { nmi: number };
      theirs = `${sk.seconds.toFixed(2).padStart(6)} s ${sk.peakMiB ? `${sk.peakMiB.toFixed(0).padStart(5)} MiB` : ''}  NMI ${result.nmi.toFixed(3)}`;
      ratio = `${(ours.seconds / sk.seconds).toFixed(2)}×`;
    }
    const opens = await pageOpens(join(out, 'report.html'));
    const page = opens === undefined ? 'page: no chromium' : `page opens ${(opens / 1000).toFixed(2)} s`;
    rows.push(
      `${String(n).padStart(7)}  ${ours.seconds.toFixed(2).padStart(6)} s ${ours.peakMiB ? `${ours.peakMiB.toFixed(0).padStart(5)} MiB` : '        '}  NMI ${nmi.toFixed(3)} (${run.counts.themes} themes)  [${stages}]  ${page}  |  ${theirs}  ${ratio}`,
    );
  }
  return [
    `statements  swotlens: wall, peak memory, NMI against the 20 tags, seconds per stage, report.html opening in Chromium  |  scikit-learn TF-IDF + k-means (k = 20): wall, peak, NMI  ratio   (median of ${runs} runs each)`,
    ...rows,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, meaning: { type: 'string', default: 'words' } },
    allowPositionals: true,
  });
  const sizes = positionals.map(Number).filter((n) => n > 0);
  process.stdout.write(
    `${await benchSpeed(
      sizes.length > 0 ? sizes : undefined,
      Math.max(1, Number(values.runs) || 1),
      values.meaning === 'sentences' ? 'sentences' : 'words',
    )}\n`,
  );
}
