/**
 * The rule of docs/architecture.md, checked: each folder of src/ imports only the folders the
 * table there allows, so that a step that reaches into another fails the build, not a review.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SHARED = ['word-vectors', 'order', 'lazy'];
const STEPS = ['config', 'read', 'terms', 'represent', 'themes', 'compare', 'report'];

/** Folder → what its code may import (folders, or root modules by name). */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  config: ['model'],
  read: ['model', 'config'],
  terms: ['model', 'config'],
  represent: ['model', 'config', 'terms'],
  themes: ['model', 'config', 'terms', 'represent'],
  compare: ['model', 'read', 'terms', 'themes'],
  report: ['model', 'config', 'compare', 'themes'],
  runtime: ['model', 'read', 'represent', 'themes'],
  cli: ['model', 'index', 'pipeline', ...STEPS],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import of every file in src/, as folder (or root module) to folder (or root module). */
function imports(): Import[] {
  const src = join(ROOT, 'src');
  const unit = (file: string): string => {
    const rel = relative(src, file);
    return rel.includes('/') ? (rel.split('/')[0] as string) : rel.replace(/\.(ts|js)$/, '');
  };
  const out: Import[] = [];
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(import|export)(\s+type)?\s[^;]*?from '(\.[^']+)';/gms)) {
      const target = join(dirname(file), (match[3] as string).replace(/\.js$/, '.ts'));
      out.push({ from: unit(file), to: unit(target), typeOnly: match[2] !== undefined });
    }
  }
  return out;
}

describe('the architecture', () => {
  it('holds: every folder imports only what docs/architecture.md allows', () => {
    const found = imports();
    expect(found.length).toBeGreaterThan(100);
    const wrong = found.filter(({ from, to, typeOnly }) => {
      const allowed = ALLOWED[from];
      if (allowed === undefined || from === to || SHARED.includes(to)) return false;
      if (from === 'model' && typeOnly) return false;
      return !allowed.includes(to);
    });
    expect([...new Set(wrong.map((w) => `${w.from} → ${w.to}`))]).toEqual([]);
  });

  it('keeps the model free of any step at run time', () => {
    const runtime = imports().filter(
      (i) => i.from === 'model' && !i.typeOnly && i.to !== 'model' && !SHARED.includes(i.to),
    );
    expect(runtime).toEqual([]);
  });
});
