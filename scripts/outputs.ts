/**
 * Every report file of the reference runs, to compare two versions of swotlens byte by byte: the
 * bundled sample, the sample with the analyst's codebook and with meaning read from whole
 * sentences, and the first 1,000 statements of each public benchmark in ../shared/benchmarks
 * (skipped when absent). Each run is the built command,
 * as a user runs it; `run.json` is written without its timings and with the output folder as the
 * run's name, the parts that change from run to run.
 *
 *   npm run outputs -- /tmp/before        (on one commit)
 *   npm run outputs -- /tmp/after         (on another)
 *   diff -r /tmp/before /tmp/after
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SETS = ['stackoverflow', 'searchsnippets', 'biomedical', 'tweet', 'banking77'];

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: npm run outputs -- DIR\n');
  process.exit(2);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });

function run(name: string, args: string[]): void {
  const out = join(target as string, name);
  execFileSync(process.execPath, [join(ROOT, 'bin', 'swotlens.js'), 'run', ...args, '--out', out], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.timings;
  // The folder compared into is the one setting that differs between two versions' runs.
  (manifest.settings as Record<string, unknown>).out = name;
  writeFileSync(join(out, 'run.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(`${out}\n`);
}

run('sample', ['pipelines/inno-industry.yaml']);
run('sample-codebook', ['pipelines/inno-industry.yaml', '--codebook', 'test/fixtures/sample-gold/codebook.yaml']);
run('sample-sentences', ['pipelines/inno-industry.yaml', '--meaning', 'sentences']);
// The inputs' paths are in the outputs: the same folder on every run.
const inputs = join(tmpdir(), 'swotlens-reference-inputs');
mkdirSync(inputs, { recursive: true });
for (const set of SETS) {
  if (!existsSync(join(ROOT, '..', 'shared', 'benchmarks', set))) continue;
  const csv = join(inputs, `${set}-1000.csv`);
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(ROOT, 'scripts', 'benchmark-input.ts'),
      set,
      '1000',
      csv,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  run(set, ['--input', csv]);
}
