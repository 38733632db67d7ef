/**
 * The report document: worked out once, read by every rendering — so what report.md and
 * report.html say about consensus, divergence, learning pairs and review is the same list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/index.js';
import type { RunReport } from '../../src/model/index.js';
import { buildDocument, renderHtml, renderMarkdown, type ReportDocument } from '../../src/report/index.js';
import { md as escapeMarkdown } from '../../src/report/markdown.js';

describe('the report document of the sample', () => {
  let run: RunReport;
  let doc: ReportDocument;
  beforeAll(async () => {
    run = await analyse({ pipeline: 'pipelines/inno-industry.yaml' });
    doc = buildDocument(run);
  });

  it('counts every statement once by status, and lists those to review', () => {
    const { assigned, borderline, unassigned } = doc.counts;
    expect(assigned + borderline + unassigned).toBe(run.statements.length);
    expect(doc.review.borderline).toHaveLength(borderline);
    expect(doc.review.unassigned).toHaveLength(unassigned);
    for (const { assignment } of doc.review.borderline) expect(assignment.status).toBe('borderline');
  });

  it('gives learning rows only for divergent themes, each partner once per side', () => {
    const divergent = new Set(doc.divergent.map((c) => c.theme.id));
    for (const row of doc.learning) {
      expect(divergent.has(row.theme.theme.id)).toBe(true);
      expect(new Set(row.from).size).toBe(row.from.length);
      expect(row.from.every((p) => row.theme.partners.S.includes(p))).toBe(true);
      expect(row.to.every((p) => row.theme.partners.W.includes(p))).toBe(true);
    }
  });

  it('is what both renderings show: every consensus and divergent theme in each', () => {
    const md = renderMarkdown(doc);
    const html = renderHtml(doc);
    for (const c of [...doc.consensus, ...doc.divergent]) {
      expect(md).toContain(`**${escapeMarkdown(c.theme.label)}**`);
      expect(html).toContain(c.theme.label.replace(/&/g, '&amp;'));
    }
  });
});

describe('the report of real statements written elsewhere (test/fixtures/swot-own)', () => {
  let doc: ReportDocument;
  beforeAll(async () => {
    const run = await analyse({ inputs: ['test/fixtures/swot-own/statements.csv'], out: 'reports/swot-own-test' });
    doc = buildDocument(run);
  });

  it('does not present a group of borderline statements alone as a finding, in either rendering', () => {
    // Real text leaves some discovered groups with no statement that fits well enough to count.
    expect(doc.hollow.length).toBeGreaterThan(0);
    const md = renderMarkdown(doc);
    const html = renderHtml(doc);
    const rows = md.split('## Themes by quadrant')[1]?.split('## Broader areas')[0]?.split('\n') ?? [];
    const tableRows = rows.filter((l) => l.startsWith('| ') && !l.startsWith('| Theme') && !l.startsWith('| ---'));
    expect(tableRows).toHaveLength(doc.run.comparison.themes.length - doc.hollow.length);
    for (const c of doc.hollow) {
      expect(c.statements).toBe(0);
      expect(c.theme.origin).toBe('discovered');
      expect(tableRows.some((l) => l.includes(`(\`${c.theme.id}\`)`))).toBe(false);
      const said = `${escapeMarkdown(c.theme.label)} (${c.borderline.statements} borderline statement`;
      expect(md).toContain(said);
      expect(html).toContain(
        `${c.theme.label.replace(/&/g, '&amp;')} (${c.borderline.statements} borderline statement`,
      );
    }
    // The page keeps them in its table (statements can be moved into them), marked as no finding.
    expect(html.match(/<tr class="hollow">/g)).toHaveLength(doc.hollow.length);
    // Every theme the table shows counts at least one statement.
    for (const c of doc.run.comparison.themes.filter((c) => !doc.hollow.includes(c)))
      expect(c.statements).toBeGreaterThan(0);
  });

  it('names a broader area after the themes that count the most statements, never after a hollow one', () => {
    // "Economy, GDP and 4 more": the two themes the name gives, each counting statements.
    const named = doc.areas.flatMap((area) =>
      area.themes.filter(
        (c) =>
          area.name.startsWith(`${c.theme.label}, `) ||
          area.name.includes(`, ${c.theme.label} and `) ||
          area.name.endsWith(`, ${c.theme.label}`),
      ),
    );
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const c of named) expect(c.statements).toBeGreaterThan(0);
  });
});
