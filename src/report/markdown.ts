/** report.md: the analyst's report as plain text, from the report model. */
import { MIN_EVIDENCE, STANDS_OUT_AT, type TermUsage } from '../compare/index.js';
import { type RunReport, rejectedReason } from '../model/index.js';
import { hasEdits, type ReportDocument } from './document.js';
import { formatProblem } from '../model/index.js';
import {
  borderlineWords,
  consensusWords,
  hollowWords,
  LOW_COHERENCE,
  plural,
  polarityText,
  standingWords,
} from './words.js';
import { QUADRANT_NAMES, QUADRANTS, type Statement } from '../model/index.js';

/** Rows shown in a list before "… and N more"; the CSV files always have them all. */
const LIST_LIMIT = 25;

/**
 * Text that came from an input (statements, names, labels, paths, reasons), made inert: HTML tags
 * and Markdown markup show as the characters they are, in any Markdown viewer.
 */
export function md(text: string | number): string {
  return String(text)
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^[#+=-]/, '\\$&');
}

/** Input text as inline code: a fence longer than any run of backticks inside it. */
export function code(text: string | number): string {
  const value = String(text).replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A table cell: on one line, its pipes escaped (those md() escaped already left as they are). */
function cell(text: string | number): string {
  return String(text)
    .replace(/(?<!\\)\|/g, '\\|')
    .replace(/\s+/g, ' ');
}

function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  align: readonly ('l' | 'r')[],
): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '—' : names.map(md).join(', ');
}

function quote(s: Statement): string {
  return `“${md(s.text)}” — ${md(s.partner)} (${md(s.country)}), ${QUADRANT_NAMES[s.quadrant].toLowerCase()}`;
}

function more(total: number, shown: number, file: string): string[] {
  return total > shown ? [`- … and ${total - shown} more in ${code(file)}`] : [];
}

/** "agglomeration in IT; organisation in AT, DE, PL" (countries with a dominant sense read) */
function sensesByCountry(t: TermUsage): string {
  const bySense = new Map<string, string[]>();
  for (const c of t.countries) if (c.dominant) bySense.set(c.dominant, [...(bySense.get(c.dominant) ?? []), c.country]);
  return [...bySense]
    .sort((a, b) => a[1].length - b[1].length)
    .map(([sense, countries]) => `${md(sense)} in ${countries.map(md).join(', ')}`)
    .join('; ');
}

function terminologySection(doc: ReportDocument): string[] {
  const { terminology } = doc.run;
  const byId = doc.statementById;
  const out: string[] = ['## Terminology', ''];
  if (terminology.terms.length === 0) out.push('No statement uses a term with several senses.', '');
  for (const t of terminology.terms) {
    out.push(`### “${md(t.label)}” by country`, '');
    out.push(
      `Statements in which each sense is read — from the statement's own words or from the partner's usage elsewhere; a sense only assumed from the glossary (the country's usual sense) or guessed below the model's threshold counts nowhere (“Unread”). The dominant sense of a country needs ${MIN_EVIDENCE} statements and more than any other sense (a meaning unrelated to the concept, such as a computing cluster, is no usage and counts in none); it is in bold, marked “differs” where it is not the sense read most in the other countries.`,
      '',
    );
    out.push(
      table(
        ['Country', 'Partners', ...t.senses.map(md), 'Unread', 'Dominant'],
        t.countries.map((c) => [
          md(c.country),
          c.partners.length,
          ...t.senses.map((s) => c.senses.find((u) => u.sense === s)?.statements ?? 0),
          c.unread,
          c.dominant ? `**${md(c.dominant)}**${c.conflict ? ' (differs)' : ''}` : c.undecided,
        ]),
        ['l', 'r', ...t.senses.map((): 'r' => 'r'), 'r', 'l'],
      ),
      '',
    );
    for (const c of t.countries) {
      for (const use of c.senses) {
        const s = byId.get(use.example);
        if (s) out.push(`- ${md(c.country)}, ${md(use.sense)} (${use.statements}): ${quote(s)}`);
      }
    }
    out.push('');
  }
  const { conflicts } = doc;
  out.push('### Conflicts', '');
  if (conflicts.length === 0) out.push('No term has a dominant sense that differs between countries.');
  for (const t of conflicts) out.push(`- **${md(t.label)}**: ${sensesByCountry(t)}.`);
  out.push('');
  out.push('### Variant zoo', '', 'One concept, written differently across partners.', '');
  if (terminology.zoo.length === 0) out.push('Every concept is written one way.');
  for (const z of terminology.zoo.slice(0, LIST_LIMIT)) {
    out.push(
      `- **${md(z.label)}** (${code(z.term)}): ${z.variants.map((v) => `${md(v.surface)} (${v.countries.map(md).join(', ')})`).join('; ')}`,
    );
  }
  out.push(...more(terminology.zoo.length, LIST_LIMIT, 'terms.csv'), '');
  out.push('### Abbreviations defined in the statements', '');
  if (terminology.definitions.length === 0) out.push('No statement spells out an abbreviation.');
  for (const d of terminology.definitions) {
    out.push(
      `- **${md(d.short)}** = ${md(d.long)} (${code(d.statementId)})${d.known ? '' : d.concept.startsWith('abbr_') ? ' — not in the glossary' : ` — read as ${code(d.concept)}`}`,
    );
  }
  out.push('');
  out.push(
    '### Glossary candidates',
    '',
    'Abbreviations neither the glossary nor the statements explain: add them to a project glossary (`--glossary`).',
    '',
  );
  if (terminology.candidates.length === 0) out.push('None.');
  for (const c of terminology.candidates.slice(0, LIST_LIMIT)) {
    const s = byId.get(c.example);
    out.push(
      `- **${md(c.short)}** — ${plural(c.statements, 'statement')}, ${plural(c.partners.length, 'partner')}${s ? `: ${quote(s)}` : ''}`,
    );
  }
  out.push(...more(terminology.candidates.length, LIST_LIMIT, 'run.json'));
  return out;
}

function changesSection(report: RunReport): string[] {
  const c = report.changes;
  if (!c) return [];
  const label = (id: string): string => report.comparison.themes.find((t) => t.theme.id === id)?.theme.label ?? id;
  const out = ['## What changed', '', `Since the run in ${code(c.previous)}.`, ''];
  out.push(
    `- Partners: ${c.partners.new.length > 0 ? `new ${list(c.partners.new)}` : 'no new partner'}${c.partners.missing.length > 0 ? `; missing ${list(c.partners.missing)}` : ''}.`,
  );
  out.push(
    `- Statements: ${c.statements.new} new, ${c.statements.gone} gone; of those in both runs, ${c.statements.kept} kept their theme and ${c.statements.moved.length} moved.`,
  );
  if (c.themes.new.length > 0)
    out.push(`- New themes: ${c.themes.new.map((t) => `${md(t.label)} (${code(t.id)})`).join('; ')}.`);
  if (c.themes.vanished.length > 0)
    out.push(`- Vanished themes: ${c.themes.vanished.map((t) => `${md(t.label)} (${code(t.id)})`).join('; ')}.`);
  if (c.themes.merged.length > 0)
    out.push(
      `- Merged: ${c.themes.merged.map((m) => `${code(m.id)} into ${md(label(m.into))} (${code(m.into)})`).join('; ')}.`,
    );
  if (c.themes.renamed.length > 0)
    out.push(`- Renamed: ${c.themes.renamed.map((r) => `${code(r.id)} “${md(r.from)}” → “${md(r.to)}”`).join('; ')}.`);
  if (c.counts.length > 0) {
    out.push('', 'Distinct partners that changed:', '');
    out.push(
      table(
        ['Theme', 'Column', 'Before', 'After'],
        c.counts.map((x) => [`${md(x.label)} (${code(x.themeId)})`, md(x.column), x.before, x.after]),
        ['l', 'l', 'r', 'r'],
      ),
    );
  }
  if (c.statements.moved.length > 0) {
    out.push('', 'Statements that moved:', '');
    for (const m of c.statements.moved.slice(0, LIST_LIMIT))
      out.push(`- ${code(m.statementId)}: ${m.from ? md(m.from) : 'unassigned'} → ${m.to ? md(m.to) : 'unassigned'}`);
    out.push(...more(c.statements.moved.length, LIST_LIMIT, 'changes.json'));
  }
  return out;
}

/** The analyst's edits the codebook carries, as this run applied them. */
function editsSection(doc: ReportDocument): string[] {
  const e = doc.edits;
  if (!hasEdits(e)) return [];
  const label = (id: string): string => doc.labels.get(id) ?? id;
  const out = ['## Your edits', '', `Applied from the codebook ${code(doc.run.settings.codebook ?? '')}.`, ''];
  if (e.renamed.length > 0)
    out.push(`- Renamed: ${e.renamed.map((r) => `${code(r.id)} “${md(r.from)}” → “${md(r.to)}”`).join('; ')}.`);
  if (e.merged.length > 0)
    out.push(
      `- Merged: ${e.merged.map((m) => `${code(m.from)} into ${md(label(m.into))} (${code(m.into)})`).join('; ')}.`,
    );
  if (e.split.length > 0)
    out.push(
      `- Split: ${e.split.map((x) => `${code(x.from)} into ${x.into.map((id) => `${md(label(id))} (${code(id)})`).join(', ')}`).join('; ')}.`,
    );
  if (e.pinned.length > 0)
    out.push(`- Pinned: ${e.pinned.map((p) => `${code(p.statement)} to ${md(label(p.theme))}`).join('; ')}.`);
  if (e.excluded.length > 0)
    out.push(`- Excluded: ${e.excluded.map((x) => `${code(x.statement)} (${md(x.reason)})`).join('; ')}.`);
  if (e.unassigned.length > 0) out.push(`- Moved to review: ${e.unassigned.map(code).join(', ')}.`);
  return out;
}

/** Partners and countries that raise a theme notably more than their number of statements predicts. */
function standsOutSection(doc: ReportDocument): string[] {
  const out = ['## What stands out', ''];
  out.push(
    `Partners and countries (of two or more partners) that raise a theme notably more than their number of statements predicts: a one-sided Fisher exact test per theme and partner or country, counting assigned and pinned statements, with the Benjamini–Hochberg correction over all ${doc.run.comparison.standsOutTests} tests; shown at q ≤ ${STANDS_OUT_AT}.`,
    '',
  );
  if (doc.standsOut.length === 0) out.push('No partner or country raises a theme notably more than its share.');
  for (const { theme, finding } of doc.standsOut)
    out.push(`- **${md(theme.theme.label)}** — ${md(standingWords(finding))}.`);
  return out;
}

export function renderMarkdown(doc: ReportDocument): string {
  const report = doc.run;
  const { comparison, themeSet, settings } = report;
  const byId = doc.statementById;
  const total = comparison.partners.length;
  const { counts } = doc;
  const out: string[] = [];

  out.push(`# ${md(settings.title)}`, '');
  out.push(
    `${plural(report.statements.length, 'statement')} from ${plural(total, 'partner')} in ${plural(report.files.length, 'file')}; ` +
      `${plural(report.rejected.length, 'row')} not read (see [Rows not read](#rows-not-read)). ` +
      `${plural(themeSet.themes.length, 'theme')}; ${counts.assigned} statements assigned, ${counts.pinned > 0 ? `${counts.pinned} pinned, ` : ''}${counts.borderline} borderline, ${counts.unassigned} unassigned.` +
      (doc.review.quadrant.length > 0
        ? ` ${plural(doc.review.quadrant.length, 'statement')} worded against ${doc.review.quadrant.length === 1 ? 'its' : 'their'} quadrant (see [For review](#for-review)).`
        : ''),
    '',
  );
  out.push(`Partners: ${comparison.partners.map((p) => `${md(p.name)} (${md(p.country)})`).join('; ')}.`, '');
  for (const t of doc.conflicts) {
    out.push(
      `**Terminology:** “${md(t.label)}” does not mean the same everywhere — ${sensesByCountry(t)}. See [Terminology](#terminology) before comparing themes that use it.`,
      '',
    );
  }

  if (report.changes) out.push(...changesSection(report), '');
  if (hasEdits(doc.edits)) out.push(...editsSection(doc), '');

  out.push('## Themes by quadrant', '');
  out.push(
    'Each number counts **distinct partners** that raised the theme in that quadrant with a statement assigned to it; *Statements* counts those statements (borderline ones are not counted). *Coherence* is how well the statements fit the theme, each compared with the theme without itself (0–1); under ' +
      `${LOW_COHERENCE} the theme is loose and marked ⚠.`,
    '',
  );
  out.push(
    table(
      ['Theme', 'S', 'W', 'O', 'T', 'Partners', 'Statements', 'Coherence'],
      comparison.themes
        .filter((c) => !doc.hollow.includes(c))
        .map((c) => [
          `${md(c.theme.label)} (${code(c.theme.id)})`,
          ...QUADRANTS.map((q) => c.partners[q].length),
          c.allPartners.length,
          c.statements,
          `${c.theme.coherence.toFixed(2)}${c.theme.coherence < LOW_COHERENCE ? ' ⚠' : ''}`,
        ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  if (doc.hollow.length > 0) out.push(hollowWords(doc.hollow.map((c) => ({ ...c, label: md(c.theme.label) }))), '');

  out.push('## Broader areas', '');
  out.push(
    `The themes grouped into ${plural(doc.areas.length, 'broader area')} by how close their centres are (the area is \`parent\` in \`codebook.yaml\`: edit it to regroup). Partners with an assigned statement in any theme of the area.`,
    '',
    table(
      ['Area', 'Themes', ...QUADRANTS, 'Partners'],
      doc.areas.map((a) => [
        `**${md(a.name)}**`,
        a.themes.map((c) => md(c.theme.label)).join('; '),
        ...QUADRANTS.map((q) => String(a.partners[q].length)),
        String(a.total),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );

  const { consensus, divergent } = doc;
  out.push(`## Consensus themes`, '');
  out.push(
    `Raised on one side — as a strength or opportunity, or as a weakness or threat — by at least ${comparison.consensusPartners} of ${total} partners (${Math.round(comparison.consensusShare * 100)}%), counting statements assigned to the theme.`,
    '',
  );
  if (consensus.length === 0) out.push('No theme reaches the consensus threshold.');
  for (const c of consensus) {
    const borderline = borderlineWords(c.borderline);
    out.push(
      `- **${md(c.theme.label)}** — ${consensusWords(c, total)}: ${QUADRANTS.map((q) => `${q} ${c.partners[q].length}`).join(', ')}.${borderline ? ` ${borderline}.` : ''}`,
    );
  }
  out.push('');

  out.push('## Divergent themes', '');
  out.push('An assigned strength for some partners and an assigned weakness for others.', '');
  if (divergent.length === 0) out.push('No theme is a strength for one partner and a weakness for another.');
  for (const c of divergent) {
    out.push(`- **${md(c.theme.label)}** — strength for ${list(c.partners.S)}; weakness for ${list(c.partners.W)}.`);
  }
  out.push('');

  out.push('## Who could learn from whom', '');
  out.push(
    'Per theme, a partner that lists it as a strength (and not as a weakness) beside one that lists it as a weakness (and not as a strength), each with the statement that fits the theme best.',
    '',
  );
  if (comparison.learningPairs.length === 0)
    out.push('No learning pairs: no theme is a strength for one partner and a weakness for another.');
  for (const row of doc.learning) {
    out.push(`### ${md(row.theme.theme.label)}`, '');
    out.push(
      table(
        ['Can share (strength)', 'Wants to learn (weakness)'],
        row.pairs.map(({ strength, weakness }) => [
          `**${md(strength.partner)}**: ${md(strength.text)}`,
          `**${md(weakness.partner)}**: ${md(weakness.text)}`,
        ]),
        ['l', 'l'],
      ),
      '',
    );
    if (row.total > row.pairs.length)
      out.push(`… and ${row.total - row.pairs.length} more pairs in ${code('themes.json')}.`, '');
  }
  out.push('');

  out.push(...standsOutSection(doc), '');

  out.push(...terminologySection(doc), '');

  out.push('## Themes in detail', '');
  for (const c of comparison.themes) {
    out.push(`### ${md(c.theme.label)}`, '');
    out.push(
      `${code(c.theme.id)} · ${c.theme.origin} · ${plural(c.allPartners.length, 'partner')} · ${plural(c.statements, 'statement')} · coherence ${c.theme.coherence.toFixed(2)} · label words in ${Math.round(c.theme.labelCoverage * 100)}% of its statements${c.consensus ? ' · consensus' : ''}${c.divergent ? ' · divergent' : ''}`,
      '',
    );
    const borderline = borderlineWords(c.borderline);
    if (borderline)
      out.push(`${borderline[0]?.toUpperCase()}${borderline.slice(1)}: ${list(c.borderline.partners)}.`, '');
    if (c.theme.description) out.push(md(c.theme.description), '');
    if (c.theme.keywords.length > 0) out.push(`Keywords: ${list(c.theme.keywords)}`, '');
    for (const q of QUADRANTS) {
      if (c.partners[q].length > 0)
        out.push(`- ${QUADRANT_NAMES[q]} (${c.partners[q].length}): ${list(c.partners[q])}`);
    }
    if (c.overrepresented.length > 0)
      out.push(`- Stands out: ${c.overrepresented.map((o) => md(standingWords(o))).join('; ')}`);
    const dimensions = Object.entries(c.byDimension).filter(([name]) => name !== '');
    if (dimensions.length > 0) {
      out.push(
        `- By dimension (distinct partners S/W/O/T): ${dimensions.map(([name, n]) => `${md(name)} ${QUADRANTS.map((q) => n[q]).join('/')}`).join('; ')}`,
      );
    }
    const reps = c.theme.representatives.map((id) => byId.get(id)).filter((s): s is Statement => s !== undefined);
    if (reps.length > 0)
      out.push('', 'Representative statements:', '', ...reps.map((s) => `> ${quote(s)}`).flatMap((l) => [l, '']));
    else out.push('', 'No statement in this run fits this theme.', '');
  }

  out.push('## For review', '');
  const { unassigned, borderline } = doc.review;
  out.push(
    `### Unassigned (${unassigned.length})`,
    '',
    'Statements no theme fits well enough; they are in no count above.',
    '',
  );
  for (const s of unassigned.slice(0, LIST_LIMIT)) out.push(`- ${quote(s)} · ${code(`${s.source}:${s.line}`)}`);
  out.push(...more(unassigned.length, LIST_LIMIT, 'assignments.csv'), '');
  out.push(
    `### Borderline (${borderline.length})`,
    '',
    'Statements shown with a theme they fit only weakly; they are in no count above.',
    '',
  );
  for (const { statement, assignment } of borderline.slice(0, LIST_LIMIT)) {
    out.push(
      `- ${quote(statement)} → *${md(doc.labels.get(assignment.themeId ?? '') ?? '')}* (score ${assignment.score.toFixed(2)})`,
    );
  }
  out.push(...more(borderline.length, LIST_LIMIT, 'assignments.csv'), '');
  const { compound } = doc.review;
  out.push(
    `### Two topics in one bullet (${compound.length})`,
    '',
    'Bullets whose clauses fit two themes ("strong universities; weak broadband"): each is counted in both (flag `compound` and `theme_id_2` in `assignments.csv`; `themes.compound: false` in a pipeline file, or `--no-compound`, turns this off).',
    '',
  );
  for (const { statement, assignment } of compound.slice(0, LIST_LIMIT))
    out.push(
      `- ${quote(statement)} → *${md(doc.labels.get(assignment.themeId ?? '') ?? '')}* and *${md(doc.labels.get(assignment.themeId2 ?? '') ?? '')}*`,
    );
  out.push(...more(compound.length, LIST_LIMIT, 'assignments.csv'), '');
  const { quadrant } = doc.review;
  out.push(
    `### In the wrong quadrant? (${quadrant.length})`,
    '',
    'Statements whose own words say the opposite of their quadrant — a strength or opportunity worded as a problem, a weakness or threat worded as an asset (flag `quadrant` in `assignments.csv`). Check where the partner meant them.',
    '',
  );
  for (const { statement, polarity } of quadrant.slice(0, LIST_LIMIT))
    out.push(`- ${quote(statement)}: ${md(polarityText(polarity))} · ${code(`${statement.source}:${statement.line}`)}`);
  out.push(...more(quadrant.length, LIST_LIMIT, 'assignments.csv'), '');

  out.push('## Rows not read', '');
  if (report.rejected.length === 0) out.push('Every row was read.');
  for (const r of report.rejected.slice(0, LIST_LIMIT))
    out.push(`- ${code(`${r.place.file}:${r.place.line}`)} ${md(rejectedReason(r))}`);
  out.push(...more(report.rejected.length, LIST_LIMIT, 'rejected.csv'), '');

  out.push('## Run', '');
  out.push(
    table(
      ['Input', 'Format', 'Layout', 'Items', 'Statements', 'Rejected', 'Ignored columns'],
      report.files.map((f) => [
        md(f.path),
        [f.format, f.encoding].filter(Boolean).join(', '),
        f.layout,
        f.rows,
        f.statements,
        f.rejected,
        list(f.ignoredColumns),
      ]),
      ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
    ),
    '',
  );
  if (report.skipped.length > 0) {
    out.push('Not read:', '', ...report.skipped.map((s) => `- ${code(s.path)}: ${md(s.reason)}`), '');
  }
  const chosen = themeSet.selection.find((s) => s.k === themeSet.chosenK);
  out.push(
    `swotlens ${report.version}${settings.pipeline ? ` · pipeline ${code(settings.pipeline)}` : ''}${settings.codebook ? ` · codebook ${code(settings.codebook)}` : ''} · ` +
      `consensus at ${Math.round(settings.consensus * 100)}% · themes need ${settings.themes.minStatements} statements · ` +
      `assigned from score ${settings.themes.assignAt}, borderline from ${settings.themes.borderlineAt} · ` +
      `meaning from ${settings.themes.meaning}, share ${settings.themes.semantic}` +
      (chosen
        ? ` · discovery chose ${chosen.k} themes by silhouette (${chosen.silhouette}, tried ${themeSet.selection.length} candidates); themes under ${settings.themes.minStatements} statements are dissolved`
        : ''),
    '',
  );
  if (report.warnings.length > 0) {
    out.push(`Warnings (${report.warnings.length}):`, '');
    for (const w of report.warnings.slice(0, LIST_LIMIT)) out.push(`- ${md(formatProblem(w))}`);
    out.push(...more(report.warnings.length, LIST_LIMIT, 'run.json'), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
