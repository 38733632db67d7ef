/**
 * YAML files the analyst writes (pipeline, codebook, glossary), validated with zod. An invalid
 * file stops the run with one line naming the file, the line of the offending key and what was
 * expected. Also the bundled vocabularies in `data/`, read and validated once per process.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isMap, isScalar, parse, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { dataPath } from './data-path.js';
import { type ProblemCode, StopError, stop, stopIfAny } from '../model/index.js';

/** An analyst's YAML file is a few kilobytes; a larger one is the wrong file. */
const MAX_YAML_BYTES = 20 * 1024 * 1024;
/** Aliases allowed in one file: enough for anchors an analyst writes, too few to expand into a bomb. */
const MAX_ALIASES = 100;

const cache = new Map<string, unknown>();

/** Reads `data/<name>` as YAML and checks it against `schema`; a broken bundled file is a bug, so it throws. */
export function readDataYaml<T>(name: string, schema: z.ZodType<T>): T {
  const cached = cache.get(name);
  if (cached !== undefined) return cached as T;
  const result = schema.safeParse(parse(readFileSync(dataPath(name), 'utf8')));
  if (!result.success) {
    throw new Error(`data/${name} is invalid: ${z.prettifyError(result.error)}`);
  }
  cache.set(name, result.data);
  return result.data;
}

function lineOf(node: Node | undefined, counter: LineCounter): number | undefined {
  return node?.range ? counter.linePos(node.range[0]).line : undefined;
}

/** The line of the key or value the issue points at, as near as the document allows. */
function issueLine(doc: Document, issue: z.core.$ZodIssue, counter: LineCounter): number | undefined {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === issue.keys[0]);
      if (pair && isScalar(pair.key)) return lineOf(pair.key, counter);
    }
  }
  return pathLine(doc, path, counter);
}

/** The line of the node at a path, or of its nearest ancestor that has one. */
function pathLine(doc: Document, path: readonly (string | number)[], counter: LineCounter): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const line = lineOf(node as Node | undefined, counter);
    if (line !== undefined) return line;
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  if (issue.code === 'unrecognized_keys') {
    return `unknown key "${issue.keys[0]}"${issue.path.length > 0 ? ` in ${issue.path.join('.')}` : ''}`;
  }
  return `${issue.message}${where}`;
}

export interface YamlFileOptions {
  /** Problem code used when the file is invalid. */
  code: ProblemCode;
  /** What the file is, for messages: "pipeline file", "codebook". */
  kind: string;
  /** Added to messages about unknown keys: where the format is documented. */
  hint: string;
}

export interface YamlDocument<T> {
  data: T;
  /** The line of the node at a path (a key's value, or an item of a list), for messages found after parsing. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Reads and validates a YAML file; stops with every problem in it, each at its line. */
export function readYamlDocument<T>(path: string, schema: z.ZodType<T>, options: YamlFileOptions): YamlDocument<T> {
  let text: string;
  try {
    const stats = statSync(path);
    if (stats.isDirectory())
      stop(
        options.code,
        { file: path },
        `is a folder, not a ${options.kind}`,
        `give the ${options.kind} itself (a .yaml file)`,
      );
    if (!stats.isFile())
      stop(options.code, { file: path }, `is not a regular file`, `give the ${options.kind} itself (a .yaml file)`);
    if (stats.size > MAX_YAML_BYTES)
      stop(
        options.code,
        { file: path },
        `is ${Math.round(stats.size / 1024 / 1024)} MB, too large for a ${options.kind}`,
        'check that the right file was given',
      );
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof StopError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      stop(
        options.code,
        { file: path },
        `the ${options.kind} cannot be opened (permission denied)`,
        'check its permissions',
      );
    stop(options.code, { file: path }, `${options.kind} not found`, 'check the path');
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  stopIfAny(
    doc.errors.map((error) => ({
      code: options.code,
      severity: 'error' as const,
      place: { file: path, line: counter.linePos(error.pos[0]).line },
      message: `is not valid YAML (${error.message.split('\n')[0]})`,
      hint: 'check the indentation and quoting on this line',
    })),
  );
  let value: unknown;
  try {
    // Aliases (`*name`) are capped: a few nested ones can otherwise expand to billions of nodes.
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    stop(
      options.code,
      { file: path },
      `uses YAML aliases (*name) too often to be expanded (${(error as Error).message.split('\n')[0]})`,
      `write the values out instead of repeating them through aliases (at most ${MAX_ALIASES})`,
    );
  }
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    // Every issue, each at its line: an unknown key is one problem per key.
    const issues = result.error.issues.flatMap((issue): z.core.$ZodIssue[] =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue],
    );
    const problems = issues.map((issue) => {
      const line = issueLine(doc, issue, counter);
      return {
        code: options.code,
        severity: 'error' as const,
        place: { file: path, ...(line !== undefined ? { line } : {}) },
        message: describe(issue),
        hint: options.hint,
      };
    });
    problems.sort((a, b) => (a.place.line ?? 0) - (b.place.line ?? 0));
    stopIfAny(problems);
    stop(options.code, { file: path }, `is not a valid ${options.kind}`, options.hint);
  }
  return {
    data: result.data,
    lineOf: (at) => pathLine(doc, at, counter),
  };
}

/** Reads and validates a YAML file; stops with the first problem, pointing at its line. */
export function readYamlFile<T>(path: string, schema: z.ZodType<T>, options: YamlFileOptions): T {
  return readYamlDocument(path, schema, options).data;
}
