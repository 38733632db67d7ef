/**
 * The codebook in REFI-QDA's exchange format (`.qdc`, namespace urn:QDA-XML:codebook:1.0), read by
 * MAXQDA, NVivo, ATLAS.ti, QualCoder and Taguette: each theme a codable `Code` whose GUID is
 * derived from the theme's id, so that it stays the same from run to run. A code's description
 * carries the theme's description, its keywords and its id on lines of their own
 * ("Keywords: …", "swotlens id: …"), so that a codebook refined in a QDA tool — codes renamed,
 * described, added — comes back with `--codebook codebook.qdc`.
 */
import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { foldText, type Problem, StopError, stop, stopIfAny } from '../model/index.js';
import { type Codebook, CodebookFile } from './codebook.js';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const ID_LINE = 'swotlens id: ';
const KEYWORDS_LINE = 'Keywords: ';
const MAX_QDC_BYTES = 20 * 1024 * 1024;
const HINT = 'export the codebook again from the QDA tool (REFI-QDA codebook, .qdc), or pass a codebook.yaml';

/** A GUID derived from a kind and an id (SHA-1, laid out as a name-based UUID): the same id, the same GUID. */
export function guidOf(kind: string, id: string): string {
  const hex = hash('sha1', `swotlens:${kind}:${id}`, 'hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Text as XML character data or an attribute value; characters XML 1.0 cannot hold are left out. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** What a theme's code says of it. */
export interface CodeTheme {
  id: string;
  label: string;
  description?: string;
  keywords?: readonly string[];
}

function codeDescription(theme: CodeTheme): string {
  return [
    ...(theme.description ? [theme.description] : []),
    ...(theme.keywords && theme.keywords.length > 0 ? [`${KEYWORDS_LINE}${theme.keywords.join('; ')}`] : []),
    `${ID_LINE}${theme.id}`,
  ].join('\n');
}

/** The `<Codes>` element of a codebook or a project, indented by `pad`. */
export function codesXml(themes: readonly CodeTheme[], pad: string): string {
  const codes = themes.map(
    (t) =>
      `${pad}  <Code guid="${guidOf('theme', t.id)}" name="${escapeXml(t.label)}" isCodable="true">\n` +
      `${pad}    <Description>${escapeXml(codeDescription(t))}</Description>\n` +
      `${pad}  </Code>`,
  );
  return `${pad}<Codes>\n${codes.join('\n')}\n${pad}</Codes>`;
}

/** The codebook as a REFI-QDA `.qdc` document. */
export function formatQdc(codebook: Codebook, origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook xmlns="${CODEBOOK_NAMESPACE}" origin="${escapeXml(origin)}">\n${codesXml(codebook.themes, '  ')}\n</CodeBook>\n`;
}

/** A theme id from a code's name: lower case letters, digits and _. */
function idFromName(name: string): string {
  return (
    foldText(name)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'code'
  );
}

interface OpenCode {
  name: string;
  codable: boolean;
  description: string;
  line: number;
}

/**
 * Reads a REFI-QDA codebook: every codable code becomes a theme (codes nested under others
 * included; a code that is not codable only groups its children). The id comes from the code's
 * "swotlens id:" line where it has one, else from its name; keywords from its "Keywords:" line.
 */
export function readQdc(path: string): Codebook {
  let xml: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) stop('codebook-invalid', { file: path }, 'is not a regular file', 'give the .qdc file itself');
    if (stats.size > MAX_QDC_BYTES)
      stop('codebook-invalid', { file: path }, 'is too large for a codebook', 'check that the right file was given');
    xml = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof StopError) throw error;
    stop('codebook-invalid', { file: path }, 'cannot be read', 'check the path and its permissions');
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const problems: Problem[] = [];
  const open: OpenCode[] = [];
  const themes: Codebook['themes'] = [];
  const ids = new Set<string>();
  let inDescription = false;
  let root: string | undefined;
  const fail = (line: number, message: string): void => {
    problems.push({ code: 'codebook-invalid', severity: 'error', place: { file: path, line }, message, hint: HINT });
  };
  parser.on('error', (error) => {
    fail(parser.line, `is not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
    throw error;
  });
  parser.on('opentag', (tag) => {
    root ??= `${tag.uri} ${tag.local}`;
    if (tag.local === 'Code') {
      const name = tag.attributes.name?.value ?? '';
      if (name.trim() === '') fail(parser.line, 'a code has no name');
      open.push({
        name: name.trim(),
        codable: (tag.attributes.isCodable?.value ?? 'true') === 'true',
        description: '',
        line: parser.line,
      });
    } else if (tag.local === 'Description' && open.length > 0) {
      inDescription = true;
    }
  });
  parser.on('text', (text) => {
    const code = open[open.length - 1];
    if (inDescription && code) code.description += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'Description') inDescription = false;
    if (tag.local !== 'Code') return;
    const code = open.pop();
    if (!code?.codable || code.name === '') return;
    const lines = code.description.split(/\r?\n/);
    const given = lines
      .find((l) => l.startsWith(ID_LINE))
      ?.slice(ID_LINE.length)
      .trim();
    const keywords = lines
      .find((l) => l.startsWith(KEYWORDS_LINE))
      ?.slice(KEYWORDS_LINE.length)
      .split(';')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    const description = lines
      .filter((l) => !l.startsWith(ID_LINE) && !l.startsWith(KEYWORDS_LINE))
      .join('\n')
      .trim();
    let id = given || idFromName(code.name);
    for (let n = 2; ids.has(id); n++) id = `${given || idFromName(code.name)}_${n}`;
    ids.add(id);
    themes.push({
      id,
      label: code.name,
      ...(description ? { description } : {}),
      ...(keywords && keywords.length > 0 ? { keywords } : {}),
    });
  });
  try {
    parser.write(xml).close();
  } catch {
    // The error handler recorded where the XML broke.
  }
  if (problems.length === 0 && root !== `${CODEBOOK_NAMESPACE} CodeBook`)
    fail(1, `is not a REFI-QDA codebook (its root is not CodeBook in ${CODEBOOK_NAMESPACE})`);
  if (problems.length === 0 && themes.length === 0) fail(1, 'holds no codable code');
  stopIfAny(problems);
  const checked = CodebookFile.safeParse({ themes });
  if (!checked.success)
    stop('codebook-invalid', { file: path }, checked.error.issues[0]?.message ?? 'is not a usable codebook', HINT);
  return checked.data;
}
