/** The report's CSV and JSON files, formatted from the report model. */
import Papa from 'papaparse';
import { type RunReport, rejectedReason } from '../model/index.js';
import type { ReportDocument } from './document.js';
import { explainAssignment } from './explain.js';
import { polarityText } from './words.js';
import { type Assignment, editsOf, partitionQuality } from '../themes/index.js';
import { QUADRANTS } from '../model/index.js';

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, a leading tab
 * or carriage return), unless it is a plain number such as a negative margin.
 */
export const FORMULA_START = /^(?![-+]?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

/**
 * RFC 4180 CSV with a header row, a line feed after every row (papaparse: the fastest of the
 * writers tried, with the fewest allocations). A cell that starts like a formula gets a leading
 * apostrophe, as OWASP recommends against CSV injection: Excel shows the text and runs nothing.
 */
function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${Papa.unparse([header as string[], ...(rows as (string | number)[][])], { newline: '\n', escapeFormulae: FORMULA_START })}\n`;
}

/**
 * `theme_id, theme_label, S, W, O, T, partners, statements, …` — S..T and partners count distinct
 * partners with an assigned or pinned statement; borderline statements are in their own column.
 */
export function themeQuadrantCsv(report: RunReport): string {
  return csv(
    [
      'theme_id',
      'theme_label',
      'S',
      'W',
      'O',
      'T',
      'partners',
      'statements',
      'origin',
      'consensus',
      'divergent',
      'coherence',
      'consensus_as',
      'borderline',
      'label_coverage',
      'area',
    ],
    report.comparison.themes.map((c) => [
      c.theme.id,
      c.theme.label,
      ...QUADRANTS.map((q) => c.partners[q].length),
      c.allPartners.length,
      c.statements,
      c.theme.origin,
      c.consensus ? 'yes' : 'no',
      c.divergent ? 'yes' : 'no',
      c.theme.coherence,
      c.consensusAs ?? '',
      c.borderline.statements,
      c.theme.labelCoverage,
      c.theme.area,
    ]),
  );
}

/** Why a statement is where it is, in words (the report page says the same: report/explain.ts). */
export function explain(a: Assignment, label: string | undefined, held = false): string {
  return explainAssignment(a.status, a.score, a.margin, a.matched.join(', '), label, held);
}

export function assignmentsCsv(doc: ReportDocument): string {
  const report = doc.run;
  const held = report.codebook?.edited.unassigned;
  const { labels } = doc;
  return csv(
    [
      'statement_id',
      'source',
      'line',
      'partner',
      'country',
      'quadrant',
      'dimension',
      'theme_id',
      'theme_label',
      'score',
      'status',
      'statement',
      'margin',
      'why',
      'cell',
      'nearest_theme_id',
      'flags',
      'polarity',
      'theme_id_2',
    ],
    report.analysed.map(({ statement: s, assignment: a, terms }) => {
      const label = a.themeId ? labels.get(a.themeId) : undefined;
      return [
        s.id,
        s.source,
        s.line,
        s.partner,
        s.country,
        s.quadrant,
        s.dimension,
        a.themeId ?? '',
        label ?? '',
        a.score.toFixed(3),
        a.status,
        s.text,
        a.margin.toFixed(3),
        explain(a, label, held?.has(s.id)),
        s.cell ?? '',
        a.nearestThemeId ?? '',
        [...terms.flags, ...(a.themeId2 === undefined ? [] : ['compound'])].join(';'),
        polarityText(terms.polarity),
        a.themeId2 ?? '',
      ];
    }),
  );
}

export function rejectedCsv(report: RunReport): string {
  return csv(
    ['source', 'line', 'reason', 'raw', 'code'],
    report.rejected.map((r) => [r.place.file, r.place.line, rejectedReason(r), r.raw, r.code]),
  );
}

/** One row per term occurrence. */
export function termsCsv(report: RunReport): string {
  return csv(
    ['statement_id', 'partner', 'country', 'term', 'surface', 'sense', 'confidence', 'cues', 'matched_by', 'basis'],
    report.terms.occurrences.map((o) => [
      o.statementId,
      o.partner,
      o.country,
      o.term,
      o.surface,
      o.sense,
      o.sense ? o.confidence.toFixed(2) : '',
      o.cues.join('; '),
      o.by,
      o.basis,
    ]),
  );
}

/**
 * One row per (term, country), for terms read in more than one sense across countries. `senses`
 * counts the statements in which each sense is read; statements whose sense is only assumed or
 * uncertain are counted apart (`unread_statements`).
 */
export function termConflictsCsv(report: RunReport): string {
  return csv(
    [
      'term',
      'country',
      'dominant_sense',
      'senses',
      'statements',
      'partners',
      'conflict',
      'evidence_statements',
      'unread_statements',
      'examples',
    ],
    report.terminology.terms
      .filter((t) => t.contested)
      .flatMap((t) =>
        t.countries.map((c) => [
          t.term,
          c.country,
          c.dominant,
          c.senses.map((s) => `${s.sense}:${s.statements}`).join(';'),
          c.statements,
          c.partners.length,
          c.conflict ? 'yes' : 'no',
          c.evidence,
          c.unread,
          c.senses.map((s) => `${s.sense}:${s.example}`).join(';'),
        ]),
      ),
  );
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function themesJson(doc: ReportDocument): string {
  const report = doc.run;
  const byId = doc.statementById;
  return json({
    themes: report.comparison.themes.map((c) => ({
      id: c.theme.id,
      label: c.theme.label,
      ...(c.theme.description ? { description: c.theme.description } : {}),
      keywords: c.theme.keywords,
      origin: c.theme.origin,
      partners: c.partners,
      partnerCounts: {
        S: c.partners.S.length,
        W: c.partners.W.length,
        O: c.partners.O.length,
        T: c.partners.T.length,
        total: c.allPartners.length,
      },
      statements: c.statements,
      statementsByQuadrant: c.statementsByQuadrant,
      byDimension: c.byDimension,
      countries: c.countries,
      consensus: c.consensus,
      consensusAs: c.consensusAs ?? null,
      polarity: c.polarity,
      divergent: c.divergent,
      coherence: c.theme.coherence,
      labelCoverage: c.theme.labelCoverage,
      area: c.theme.area,
      borderline: c.borderline,
      overrepresented: c.overrepresented.map((o) => ({
        ...o,
        expected: Number(o.expected.toFixed(3)),
        p: Number(o.p.toPrecision(4)),
        q: Number(o.q.toPrecision(4)),
      })),
      learningPairs: report.comparison.learningPairs
        .filter((p) => p.themeId === c.theme.id)
        .map((p) => ({ from: p.from, to: p.to, fromStatement: p.fromStatement, toStatement: p.toStatement })),
      representative: c.theme.representatives.map((id) => {
        const s = byId.get(id);
        return { id, partner: s?.partner, quadrant: s?.quadrant, statement: s?.text };
      }),
    })),
    areas: doc.areas.map((a) => ({
      area: a.name,
      themes: a.themes.map((c) => c.theme.id),
      partners: {
        S: a.partners.S.length,
        W: a.partners.W.length,
        O: a.partners.O.length,
        T: a.partners.T.length,
        total: a.total,
      },
    })),
  });
}

export function runJson(report: RunReport): string {
  const a = report.themeSet.assignments;
  const { settings } = report;
  const edits = report.codebook ? editsOf(report.codebook.file, report.codebook.edited) : undefined;
  return json({
    tool: { name: 'swotlens', version: report.version },
    settings,
    inputs: report.files,
    skipped: report.skipped,
    counts: {
      rows: report.files.reduce((sum, f) => sum + f.rows, 0),
      statements: report.statements.length,
      rejected: report.rejected.length,
      partners: report.comparison.partners.length,
      themes: report.themeSet.themes.length,
      assigned: a.filter((x) => x.status === 'assigned').length,
      borderline: a.filter((x) => x.status === 'borderline').length,
      unassigned: a.filter((x) => x.status === 'unassigned').length,
      flaggedQuadrant: report.analysed.filter((x) => x.terms.flags.includes('quadrant')).length,
      compound: a.filter((x) => x.themeId2 !== undefined).length,
      pinned: a.filter((x) => x.status === 'pinned').length,
      warnings: report.warnings.length,
      termOccurrences: report.terms.occurrences.length,
      abbreviationsDefined: report.terms.definitions.length,
      glossaryCandidates: report.terms.candidates.length,
    },
    partners: report.comparison.partners,
    themeSelection: report.themeSet.selection,
    partition: partitionQuality(report.themeSet),
    ...(edits ? { edits } : {}),
    warnings: report.warnings,
    timings: report.timings,
  });
}
