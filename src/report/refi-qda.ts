/**
 * The run as a REFI-QDA project (`project.qdpx`: a zip holding `project.qde`, namespace
 * urn:QDA-XML:project:1.0, and one plain-text file per partner under `sources/`), to continue in
 * MAXQDA, NVivo, ATLAS.ti or QualCoder: the codebook (each theme a code with the GUID of
 * `codebook.qdc`); each partner's statements as one text source, a paragraph each, every statement
 * a `PlainTextSelection` (named by the statement's id) coded with its theme; partner and country as
 * variables of the source and of a case per partner; quadrant and dimension as cases holding their
 * statements' selections.
 *
 * Positions count Unicode code points, as the standard does. Same run, same bytes: GUIDs come from
 * ids, and the zip's entries carry a fixed date. The XML is deflated as it is written, in chunks,
 * so that 100,000 statements never stand in memory as one string: by Node's zlib (three times as
 * fast as fflate's own deflate), each chunk flushed to a byte boundary so that the chunks make one
 * deflate stream; fflate lays out the zip.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';
import { idOrder, QUADRANT_NAMES, QUADRANTS, type RunReport, type Statement } from '../model/index.js';
import { byCodePoint as compare } from '../order.js';
import { type Codebook, codesXml, escapeXml, guidOf } from '../themes/index.js';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** Local midnight, so that the zip's DOS date is the same in every time zone. */
const ZIP_DATE = new Date(2000, 0, 1);
const PARAGRAPH = '\n\n';
/** Characters gathered before they are encoded and deflated. */
const CHUNK = 1 << 20;

const VARIABLES = ['partner', 'country', 'quadrant', 'dimension'] as const;
type VariableName = (typeof VARIABLES)[number];

function variableValue(name: VariableName, value: string, pad: string): string {
  return `${pad}<VariableValue><VariableRef targetGUID="${guidOf('variable', name)}"/><TextValue>${escapeXml(value)}</TextValue></VariableValue>`;
}

/** The length of a text in Unicode code points (a surrogate pair counts once). */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A zip entry deflated by zlib, chunk by chunk: fflate's pass-through entry (it keeps the size
 * and the CRC) with its `process` step overridden, as fflate documents for custom compression.
 */
class ZlibDeflate extends ZipPassThrough {
  /** Bits 1 and 2 of the general purpose flag: deflated with the fastest setting. */
  readonly flag = 3;
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }
  override process(chunk: Uint8Array, final: boolean): void {
    const flush = final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
    this.ondata?.(null, deflateRawSync(chunk, { level: 1, finishFlush: flush }), final);
  }
}

/** One file of the zip, written in chunks of text and deflated as it goes. */
class ZipEntry {
  private readonly file: ZlibDeflate;
  private parts: string[] = [];
  private length = 0;
  constructor(
    zip: Zip,
    path: string,
    private readonly chunk: number,
  ) {
    this.file = new ZlibDeflate(path);
    this.file.mtime = ZIP_DATE;
    zip.add(this.file);
  }
  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.chunk) this.flush(false);
  }
  end(): void {
    this.flush(true);
  }
  private flush(final: boolean): void {
    this.file.push(Buffer.from(this.parts.join(''), 'utf8'), final);
    this.parts = [];
    this.length = 0;
  }
}

/**
 * Writes `project.qde` to `qde` and returns each partner's text by its path in the zip. Cases come
 * before sources in the schema, and name the selections by GUIDs derived from statement ids.
 */
function writeProject(report: RunReport, codebook: Codebook, qde: ZipEntry): Map<string, string> {
  const user = guidOf('user', 'swotlens');
  const themeOf = new Map<string, string>();
  for (const { assignment: a } of report.analysed) if (a.themeId !== undefined) themeOf.set(a.statementId, a.themeId);
  const themeGuids = new Map(codebook.themes.map((t) => [t.id, guidOf('theme', t.id)]));
  const byPartner = new Map<string, Statement[]>();
  // In id order (sorted once per run), so each partner's statements come sorted.
  for (const i of idOrder(report.statements)) {
    const s = report.statements[i] as Statement;
    add(byPartner, s.partner, s);
  }
  const partners = [...byPartner.keys()].sort(compare);
  const selectionGuid = new Map<string, string>();
  const byQuadrant = new Map<string, string[]>();
  const byDimension = new Map<string, string[]>();
  for (const partner of partners)
    for (const s of byPartner.get(partner) ?? []) {
      const guid = guidOf('selection', s.id);
      selectionGuid.set(s.id, guid);
      add(byQuadrant, s.quadrant, guid);
      if (s.dimension) add(byDimension, s.dimension, guid);
    }
  const countryOf = (partner: string): string => byPartner.get(partner)?.[0]?.country ?? '';

  qde.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  qde.write(
    `<Project xmlns="${PROJECT_NAMESPACE}" name="${escapeXml(report.settings.title)}" origin="swotlens ${escapeXml(report.version)}" creatingUserGUID="${user}">\n`,
  );
  qde.write(`  <Users>\n    <User guid="${user}" name="swotlens"/>\n  </Users>\n`);
  if (codebook.themes.length > 0) qde.write(`  <CodeBook>\n${codesXml(codebook.themes, '    ')}\n  </CodeBook>\n`);
  qde.write('  <Variables>\n');
  for (const name of VARIABLES)
    qde.write(`    <Variable guid="${guidOf('variable', name)}" name="${name}" typeOfVariable="Text"/>\n`);
  qde.write('  </Variables>\n');
  if (partners.length > 0) {
    qde.write('  <Cases>\n');
    for (const partner of partners) {
      const country = countryOf(partner);
      qde.write(`    <Case guid="${guidOf('case-partner', partner)}" name="${escapeXml(partner)}">\n`);
      qde.write(`${variableValue('partner', partner, '      ')}\n`);
      if (country) qde.write(`${variableValue('country', country, '      ')}\n`);
      qde.write(`      <SourceRef targetGUID="${guidOf('source', partner)}"/>\n    </Case>\n`);
    }
    const selectionCase = (kind: 'quadrant' | 'dimension', name: string, value: string, refs: readonly string[]) => {
      qde.write(`    <Case guid="${guidOf(`case-${kind}`, value)}" name="${escapeXml(name)}">\n`);
      qde.write(`${variableValue(kind, value, '      ')}\n`);
      for (const ref of refs) qde.write(`      <SelectionRef targetGUID="${ref}"/>\n`);
      qde.write('    </Case>\n');
    };
    for (const q of QUADRANTS)
      if (byQuadrant.has(q)) selectionCase('quadrant', QUADRANT_NAMES[q], QUADRANT_NAMES[q], byQuadrant.get(q) ?? []);
    for (const d of [...byDimension.keys()].sort(compare))
      selectionCase('dimension', `Dimension: ${d}`, d, byDimension.get(d) ?? []);
    qde.write('  </Cases>\n  <Sources>\n');
  }
  const texts = new Map<string, string>();
  for (const partner of partners) {
    const source = guidOf('source', partner);
    qde.write(
      `    <TextSource guid="${source}" name="${escapeXml(partner)}" plainTextPath="internal://${source}.txt" creatingUser="${user}">\n`,
    );
    const text: string[] = [];
    let at = 0;
    for (const s of byPartner.get(partner) ?? []) {
      if (text.length > 0) {
        text.push(PARAGRAPH);
        at += PARAGRAPH.length;
      }
      const start = at;
      text.push(s.text);
      at += codePoints(s.text);
      const theme = themeOf.get(s.id);
      const coding = theme
        ? `<Coding guid="${guidOf('coding', `${s.id}\u0000${theme}`)}"><CodeRef targetGUID="${themeGuids.get(theme) ?? guidOf('theme', theme)}"/></Coding>`
        : '';
      qde.write(
        `      <PlainTextSelection guid="${selectionGuid.get(s.id)}" name="${escapeXml(s.id)}" startPosition="${start}" endPosition="${at}">${coding}</PlainTextSelection>\n`,
      );
    }
    qde.write(`${variableValue('partner', partner, '      ')}\n`);
    const country = countryOf(partner);
    if (country) qde.write(`${variableValue('country', country, '      ')}\n`);
    qde.write('    </TextSource>\n');
    texts.set(`sources/${source}.txt`, text.join(''));
  }
  if (partners.length > 0) qde.write('  </Sources>\n');
  qde.write('</Project>\n');
  return texts;
}

/**
 * The project as the `.qdpx` zip: `project.qde` first, then the partners' texts, deflated `chunk`
 * characters at a time.
 */
export function projectQdpx(report: RunReport, codebook: Codebook, chunk = CHUNK): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  const qde = new ZipEntry(zip, 'project.qde', chunk);
  const texts = writeProject(report, codebook, qde);
  qde.end();
  for (const [path, text] of texts) {
    const entry = new ZipEntry(zip, path, chunk);
    entry.write(text);
    entry.end();
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
