/**
 * The run as a REFI-QDA project (`project.qdpx`: a zip holding `project.qde`, namespace
 * urn:QDA-XML:project:1.0, and one plain-text file per partner under `sources/`), to continue in
 * MAXQDA, NVivo, ATLAS.ti or QualCoder: the codebook (each theme a code with the GUID of
 * `codebook.qdc`); each partner's statements as one text source, a paragraph each, every statement
 * a `PlainTextSelection` coded with its theme; partner and country as variables of the source and
 * of a case per partner; quadrant and dimension as cases holding their statements' selections.
 *
 * Positions count Unicode code points, as the standard does. Same run, same bytes: GUIDs come from
 * ids, and the zip's entries carry a fixed date.
 */
import { zipSync } from 'fflate';
import { QUADRANT_NAMES, QUADRANTS, type RunReport, type Statement } from '../model/index.js';
import { byCodePoint as compare } from '../order.js';
import { type Codebook, codesXml, escapeXml, guidOf } from '../themes/index.js';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** Local midnight, so that the zip's DOS date is the same in every time zone. */
const ZIP_DATE = new Date(2000, 0, 1);
const PARAGRAPH = '\n\n';

const VARIABLES = ['partner', 'country', 'quadrant', 'dimension'] as const;
type VariableName = (typeof VARIABLES)[number];

function variableValue(name: VariableName, value: string, pad: string): string {
  return `${pad}<VariableValue><VariableRef targetGUID="${guidOf('variable', name)}"/><TextValue>${escapeXml(value)}</TextValue></VariableValue>`;
}

interface Selection {
  statement: Statement;
  guid: string;
  start: number;
  end: number;
  theme: string | undefined;
}

/** One partner's statements as one text: a paragraph each, with each statement's code-point range. */
function partnerText(statements: readonly Statement[], themeOf: ReadonlyMap<string, string>) {
  let text = '';
  let at = 0;
  const selections: Selection[] = statements.map((s, i) => {
    if (i > 0) {
      text += PARAGRAPH;
      at += PARAGRAPH.length;
    }
    const start = at;
    text += s.text;
    at += [...s.text].length;
    return { statement: s, guid: guidOf('selection', s.id), start, end: at, theme: themeOf.get(s.id) };
  });
  return { text, selections };
}

/** The project document (`project.qde`) and its sources, by path inside the zip. */
export function projectFiles(report: RunReport, codebook: Codebook): Map<string, string> {
  const user = guidOf('user', 'swotlens');
  const themeOf = new Map<string, string>();
  for (const { assignment: a } of report.analysed) if (a.themeId !== undefined) themeOf.set(a.statementId, a.themeId);
  const byPartner = new Map<string, Statement[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const s of report.statements) add(byPartner, s.partner, s);
  const partners = [...byPartner.keys()].sort(compare);
  const files = new Map<string, string>();
  const sources: string[] = [];
  const partnerCases: string[] = [];
  const byQuadrant = new Map<string, string[]>();
  const byDimension = new Map<string, string[]>();
  for (const partner of partners) {
    const statements = [...(byPartner.get(partner) ?? [])].sort((a, b) => compare(a.id, b.id));
    const source = guidOf('source', partner);
    const { text, selections } = partnerText(statements, themeOf);
    files.set(`sources/${source}.txt`, text);
    const country = statements[0]?.country ?? '';
    const lines = [
      `    <TextSource guid="${source}" name="${escapeXml(partner)}" plainTextPath="internal://${source}.txt" creatingUser="${user}">`,
    ];
    for (const sel of selections) {
      const s = sel.statement;
      const place = `${QUADRANT_NAMES[s.quadrant]}${s.dimension ? `, ${s.dimension}` : ''}; ${s.id}`;
      lines.push(
        `      <PlainTextSelection guid="${sel.guid}" name="${escapeXml(s.id)}" startPosition="${sel.start}" endPosition="${sel.end}" creatingUser="${user}">`,
        `        <Description>${escapeXml(place)}</Description>`,
        ...(sel.theme
          ? [
              `        <Coding guid="${guidOf('coding', `${s.id}\u0000${sel.theme}`)}" creatingUser="${user}"><CodeRef targetGUID="${guidOf('theme', sel.theme)}"/></Coding>`,
            ]
          : []),
        '      </PlainTextSelection>',
      );
      add(byQuadrant, s.quadrant, sel.guid);
      if (s.dimension) add(byDimension, s.dimension, sel.guid);
    }
    lines.push(variableValue('partner', partner, '      '));
    if (country) lines.push(variableValue('country', country, '      '));
    lines.push('    </TextSource>');
    sources.push(lines.join('\n'));
    partnerCases.push(
      [
        `    <Case guid="${guidOf('case-partner', partner)}" name="${escapeXml(partner)}">`,
        variableValue('partner', partner, '      '),
        ...(country ? [variableValue('country', country, '      ')] : []),
        `      <SourceRef targetGUID="${source}"/>`,
        '    </Case>',
      ].join('\n'),
    );
  }
  const selectionCase = (kind: 'quadrant' | 'dimension', name: string, value: string, refs: readonly string[]) =>
    [
      `    <Case guid="${guidOf(`case-${kind}`, value)}" name="${escapeXml(name)}">`,
      variableValue(kind, value, '      '),
      ...refs.map((r) => `      <SelectionRef targetGUID="${r}"/>`),
      '    </Case>',
    ].join('\n');
  const cases = [
    ...partnerCases,
    ...QUADRANTS.filter((q) => byQuadrant.has(q)).map((q) =>
      selectionCase('quadrant', QUADRANT_NAMES[q], QUADRANT_NAMES[q], byQuadrant.get(q) ?? []),
    ),
    ...[...byDimension.keys()]
      .sort(compare)
      .map((d) => selectionCase('dimension', `Dimension: ${d}`, d, byDimension.get(d) ?? [])),
  ];
  const variables = VARIABLES.map(
    (name) => `    <Variable guid="${guidOf('variable', name)}" name="${name}" typeOfVariable="Text"/>`,
  );
  const project = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Project xmlns="${PROJECT_NAMESPACE}" name="${escapeXml(report.settings.title)}" origin="swotlens ${escapeXml(report.version)}" creatingUserGUID="${user}">`,
    `  <Users>\n    <User guid="${user}" name="swotlens"/>\n  </Users>`,
    ...(codebook.themes.length > 0 ? [`  <CodeBook>\n${codesXml(codebook.themes, '    ')}\n  </CodeBook>`] : []),
    `  <Variables>\n${variables.join('\n')}\n  </Variables>`,
    ...(cases.length > 0 ? [`  <Cases>\n${cases.join('\n')}\n  </Cases>`] : []),
    ...(sources.length > 0 ? [`  <Sources>\n${sources.join('\n')}\n  </Sources>`] : []),
    '</Project>',
    '',
  ].join('\n');
  return new Map([['project.qde', project], ...files]);
}

/** The project as the `.qdpx` zip. */
export function projectQdpx(report: RunReport, codebook: Codebook): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, content] of projectFiles(report, codebook))
    entries[path] = [encoder.encode(content), { mtime: ZIP_DATE }];
  return zipSync(entries, { level: 6 });
}
