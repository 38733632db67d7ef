/**
 * The codebook: themes an analyst names, as YAML. Read with --codebook; every run writes its own
 * themes in the same form, to edit and pass back. Besides id, label, description and keywords, a
 * codebook carries the analyst's edits, applied on every run:
 *
 *   - rename: change a theme's `label` (its id stays);
 *   - merge: `merge: [other_id]` on a theme absorbs the other theme; the absorbed id stays as an alias;
 *   - split: `split:` on a theme lists two or more new themes (id, label, description or keywords)
 *     that divide its statements between them;
 *   - pin: `pin: { statement_id: theme_id }` puts a statement in a theme, whatever its words;
 *   - exclude: `exclude: [{ statement: id, reason: … }]` leaves a statement out, reported with its reason;
 *   - unassign: `unassign: [statement_id]` moves statements to review: analysed, in no theme.
 *
 * A codebook written by a run also lists each theme's `statements`: on the next run they keep
 * their theme unless an edit moves them.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { readYamlDocument } from '../config/yaml-file.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'theme ids are lower case letters, digits, _ and -');

const ThemeText = {
  /** Stable id: lower case letters, digits, `_` and `-`. Kept verbatim in every output. */
  id: Id,
  label: z.string().trim().min(1),
  description: z.string().optional(),
  keywords: z.array(z.string().min(1)).optional(),
};

export const CodebookTheme = z.strictObject({
  ...ThemeText,
  /** Ids of themes this one absorbed; references to them resolve here. */
  aliases: z.array(Id).optional(),
  /** Ids of themes to absorb on this run. */
  merge: z.array(Id).min(1).optional(),
  /** New themes that divide this one's statements between them. */
  split: z.array(z.strictObject(ThemeText)).min(2, 'a split needs at least two themes').optional(),
  /** Statements the theme held in the run that wrote this codebook. */
  statements: z.array(z.string().min(1)).optional(),
  /** The label the run that wrote this codebook gave the theme: a different `label` is a rename. */
  run_label: z.string().optional(),
  /** The broader area the theme belongs to; edit it to regroup themes. */
  parent: z.string().trim().min(1).optional(),
});
export type CodebookTheme = z.infer<typeof CodebookTheme>;

export const CodebookFile = z
  .strictObject({
    themes: z.array(CodebookTheme),
    /** Statement id → theme id. */
    pin: z.record(z.string().min(1), Id).optional(),
    exclude: z
      .array(
        z.strictObject({
          statement: z.string().min(1),
          reason: z.string().trim().min(1, 'say why the statement is excluded'),
        }),
      )
      .optional(),
    /** Statements the analyst moved to review: they stay in the analysis and join no theme. */
    unassign: z
      .array(z.string().min(1))
      .optional()
      .describe('Statements the analyst moved to review: they stay in the analysis and join no theme.'),
    /**
     * Statements the run that wrote this codebook left for review: no theme claims them before
     * discovery, and they do not seed new themes; they join a theme only if they fit it.
     */
    review: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Statements the run that wrote this codebook left for review: they join a theme only if they fit it, and seed no new theme.',
      ),
  })
  .superRefine((codebook, ctx) => {
    const defined = new Map<string, string>();
    const define = (id: string, path: (string | number)[], what: string): void => {
      const first = defined.get(id);
      if (first)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `theme id "${id}" is used twice (${first} and ${what}) — ids must be unique`,
        });
      else defined.set(id, what);
    };
    codebook.themes.forEach((theme, i) => {
      define(theme.id, ['themes', i, 'id'], `theme ${i + 1}`);
      theme.aliases?.forEach((alias, j) => define(alias, ['themes', i, 'aliases', j], `an alias of "${theme.id}"`));
      theme.split?.forEach((part, j) => define(part.id, ['themes', i, 'split', j, 'id'], `a part of "${theme.id}"`));
      if (theme.split && theme.merge)
        ctx.addIssue({
          code: 'custom',
          path: ['themes', i, 'split'],
          message: `theme "${theme.id}" cannot be split and merge others in one run — do one, run, then the other`,
        });
    });
    const ids = new Set(codebook.themes.map((t) => t.id));
    const absorbed = new Map<string, string>();
    codebook.themes.forEach((theme, i) => {
      theme.merge?.forEach((other, j) => {
        const path = ['themes', i, 'merge', j];
        if (other === theme.id)
          ctx.addIssue({ code: 'custom', path, message: `theme "${theme.id}" cannot merge itself` });
        else if (!ids.has(other))
          ctx.addIssue({
            code: 'custom',
            path,
            message: `theme "${theme.id}" merges "${other}", which is not a theme of this codebook`,
          });
        else if (absorbed.has(other))
          ctx.addIssue({
            code: 'custom',
            path,
            message: `theme "${other}" is merged into both "${absorbed.get(other)}" and "${theme.id}"`,
          });
        else if (codebook.themes.find((t) => t.id === other)?.merge)
          ctx.addIssue({
            code: 'custom',
            path,
            message: `theme "${other}" is merged into "${theme.id}" and merges others itself — merge in one step`,
          });
        absorbed.set(other, theme.id);
      });
    });
    const unassigned = new Set(codebook.unassign ?? []);
    for (const [statement, theme] of Object.entries(codebook.pin ?? {})) {
      if (unassigned.has(statement))
        ctx.addIssue({
          code: 'custom',
          path: ['pin', statement],
          message: `statement "${statement}" is both pinned to "${theme}" and in unassign — keep one`,
        });
      if (!defined.has(theme) || absorbed.has(theme)) {
        const known = absorbed.has(theme)
          ? `it is merged into "${absorbed.get(theme)}"`
          : 'no theme, alias or split part has that id';
        ctx.addIssue({
          code: 'custom',
          path: ['pin', statement],
          message: `statement "${statement}" is pinned to "${theme}", but ${known}`,
        });
      }
    }
  });
export type Codebook = z.infer<typeof CodebookFile>;

/** A codebook file: YAML, as every run writes it (see qdc.ts for the REFI-QDA `.qdc`). */
export function readYamlCodebook(path: string): Codebook {
  return readYamlDocument(path, CodebookFile, {
    code: 'codebook-invalid',
    kind: 'codebook',
    hint: 'see README, "Codebook": a theme has id, label, and optionally description, keywords, aliases, merge, split, statements; pin, exclude and unassign stand beside themes',
  }).data;
}

/** A theme after the edits: what the run matches statements against. */
export interface EditedTheme {
  id: string;
  label: string;
  description?: string;
  keywords?: string[];
  aliases: string[];
  /** Statements remembered from the previous run (its own and those of themes it absorbed). */
  remembered: string[];
  /** When this theme is a part of a split: the theme it was split from. */
  splitFrom?: string;
  /** Its broader area, as the codebook gives it. */
  parent?: string;
}

export interface EditedCodebook {
  themes: EditedTheme[];
  /** Statement id → theme id (aliases resolved). */
  pins: Map<string, string>;
  /** Statement id → the analyst's reason. */
  excluded: Map<string, string>;
  /** Any id the codebook knows (themes, aliases, parts) → the theme that now answers for it. */
  resolve: Map<string, string>;
  merges: { into: string; from: string }[];
  splits: { from: string; into: string[] }[];
  /** Statements the run that wrote the codebook left for review. */
  review: Set<string>;
  /** Statements the analyst moved to review: in no theme. */
  unassigned: Set<string>;
}

/** Applies merges and splits; resolves aliases in pins. */
export function applyEdits(codebook: Codebook): EditedCodebook {
  const byId = new Map(codebook.themes.map((t) => [t.id, t]));
  const absorbedInto = new Map<string, string>();
  for (const theme of codebook.themes) for (const other of theme.merge ?? []) absorbedInto.set(other, theme.id);
  const themes: EditedTheme[] = [];
  const resolve = new Map<string, string>();
  const merges: EditedCodebook['merges'] = [];
  const splits: EditedCodebook['splits'] = [];
  for (const theme of codebook.themes) {
    if (absorbedInto.has(theme.id)) continue;
    const absorbed = (theme.merge ?? []).map((id) => byId.get(id)).filter((t): t is CodebookTheme => t !== undefined);
    const aliases = [...(theme.aliases ?? []), ...absorbed.flatMap((t) => [t.id, ...(t.aliases ?? [])])];
    const remembered = [...(theme.statements ?? []), ...absorbed.flatMap((t) => t.statements ?? [])];
    for (const t of absorbed) merges.push({ into: theme.id, from: t.id });
    if (theme.split) {
      splits.push({ from: theme.id, into: theme.split.map((p) => p.id) });
      for (const part of theme.split) {
        themes.push({
          ...part,
          aliases: [],
          remembered: [],
          splitFrom: theme.id,
          ...(theme.parent ? { parent: theme.parent } : {}),
        });
        resolve.set(part.id, part.id);
      }
      // The parent's statements are divided among the parts; its old names resolve to none.
      themes.forEach((t) => t.splitFrom === theme.id && (t.remembered = remembered));
      continue;
    }
    themes.push({
      id: theme.id,
      label: theme.label,
      ...(theme.description ? { description: theme.description } : {}),
      ...(theme.keywords ? { keywords: theme.keywords } : {}),
      aliases,
      remembered,
      ...(theme.parent ? { parent: theme.parent } : {}),
    });
    resolve.set(theme.id, theme.id);
    for (const alias of aliases) resolve.set(alias, theme.id);
  }
  const pins = new Map<string, string>();
  for (const [statement, theme] of Object.entries(codebook.pin ?? {})) {
    const target = resolve.get(theme);
    if (target) pins.set(statement, target);
  }
  const excluded = new Map((codebook.exclude ?? []).map((e) => [e.statement, e.reason]));
  return {
    themes,
    pins,
    excluded,
    resolve,
    merges,
    splits,
    review: new Set(codebook.review ?? []),
    unassigned: new Set(codebook.unassign ?? []),
  };
}

/** The analyst's edits a codebook carries, as a run applies them. */
export interface CodebookEdits {
  renamed: { id: string; from: string; to: string }[];
  merged: { into: string; from: string }[];
  split: { from: string; into: string[] }[];
  pinned: { statement: string; theme: string }[];
  excluded: { statement: string; reason: string }[];
  /** Statements the analyst moved to review. */
  unassigned: string[];
}

/** What the analyst changed in a codebook the run wrote: renames (against `run_label`), merges, splits, pins, exclusions, moves to review. */
export function editsOf(codebook: Codebook, edited: EditedCodebook): CodebookEdits {
  return {
    renamed: codebook.themes
      .filter((t) => t.run_label !== undefined && t.run_label !== t.label)
      .map((t) => ({ id: t.id, from: t.run_label as string, to: t.label })),
    merged: edited.merges,
    split: edited.splits,
    pinned: [...edited.pins]
      .map(([statement, theme]) => ({ statement, theme }))
      .sort((a, b) => (a.statement < b.statement ? -1 : a.statement > b.statement ? 1 : 0)),
    excluded: [...edited.excluded].map(([statement, reason]) => ({ statement, reason })),
    unassigned: [...edited.unassigned].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

/** The codebook as YAML, with a header saying how to use it. */
export function formatCodebook(codebook: Codebook, header: string): string {
  const comment = header
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  return `${comment}\n${stringify(codebook, { lineWidth: 0 })}`;
}
