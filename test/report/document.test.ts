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
