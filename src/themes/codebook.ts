/**
 * The codebook: themes an analyst names, as YAML. Read with --codebook; every run writes its own
 * themes in the same form, to edit and pass back.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.js';

export const CodebookFile = z.strictObject({
  themes: z.array(
    z.strictObject({
      /** Stable id: lower case letters, digits, `_` and `-`. Kept verbatim in every output. */
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'theme ids are lower case letters, digits, _ and -'),
      label: z.string().min(1),
      description: z.string().optional(),
      keywords: z.array(z.string().min(1)).optional(),
    }),
  ),
}).superRefine((codebook, ctx) => {
  const seen = new Set<string>();
  codebook.themes.forEach((theme, i) => {
    if (seen.has(theme.id)) ctx.addIssue({ code: 'custom', path: ['themes', i, 'id'], message: `theme id "${theme.id}" is used twice — ids must be unique` });
    seen.add(theme.id);
  });
});
export type Codebook = z.infer<typeof CodebookFile>;
export type CodebookTheme = Codebook['themes'][number];

export function readCodebook(path: string): Codebook {
  return readYamlFile(path, CodebookFile, {
    code: 'codebook-invalid',
    kind: 'codebook',
    hint: 'each theme has id, label, and optionally description and keywords (see README, "Codebook")',
  });
}

/** The codebook as YAML, with a header saying how to use it. */
export function formatCodebook(codebook: Codebook, header: string): string {
  const comment = header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n');
  return `${comment}\n${stringify(codebook, { lineWidth: 0 })}`;
}
